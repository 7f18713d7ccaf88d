"""代表政治教育缺席名单: deputies in office who attended no political education session of a
half-year in which sessions were held (每半年1次)."""

import frappe
from frappe.utils import cint

from sanyou_app.common.reports import readable_links
from sanyou_app.core.deputy_work import latest_year, missed_sessions


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(cint(filters.year) or opening_year(), filters.congress, filters.half)


@frappe.whitelist()
def opening_year() -> int:
	"""The latest year with an education session the user may read (not the current year's zeros)."""
	rows = frappe.get_list("Deputy Education Session", fields=["max(year) as year"], limit_page_length=0)
	return latest_year([r.year for r in rows], frappe.utils.getdate().year)


def get_data(year: int, congress: str | None, half: str | None = None) -> list[dict]:
	conditions = {"year": year}
	if congress:
		conditions["congress"] = congress
	if half:
		conditions["half"] = half
	sessions = frappe.get_list(
		"Deputy Education Session",
		filters=conditions,
		fields=["name", "year", "half", "congress"],
		limit_page_length=0,
	)
	attended = frappe.get_all(
		"Deputy Education Attendee",
		filters={
			"parenttype": "Deputy Education Session",
			"parent": ("in", [s.name for s in sessions] or [""]),
		},
		fields=["parent", "deputy"],
		as_list=True,
	)
	rows = []
	for c in sorted({s.congress for s in sessions}):
		deputies = frappe.get_list(
			"Congress Deputy",
			filters={"congress": c, "active": 1},
			fields=["name", "full_name", "deputy_group", "village_unit"],
			order_by="deputy_group asc, full_name asc",
			limit_page_length=0,
		)
		rows += missed_sessions(deputies, [s for s in sessions if s.congress == c], attended)
	return rows


def get_columns() -> list[dict]:
	return [
		{"fieldname": "year", "label": "年度", "fieldtype": "Int", "width": 70},
		{"fieldname": "half", "label": "半年", "fieldtype": "Data", "width": 80},
		{
			"fieldname": "deputy_group",
			"label": "代表小组",
			"fieldtype": "Link",
			"options": "Deputy Group",
			"width": 160,
		},
		{
			"fieldname": "name",
			"label": "代表",
			"fieldtype": "Link",
			"options": "Congress Deputy",
			"width": 100,  # shown by the deputy's name (full_name, in each row)
		},
		{"fieldname": "village_unit", "label": "选区(单位)", "fieldtype": "Data", "width": 160},
		{"fieldname": "sessions", "label": "本半年场次", "fieldtype": "Int", "width": 90},
	]
