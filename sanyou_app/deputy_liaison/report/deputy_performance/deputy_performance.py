"""代表履职档案: each deputy's year counted from the records, ranked within the deputy group; with a
deputy chosen, every record counted (the drill-down), printable for a 述职 meeting."""

import frappe
from frappe.utils import cint

from sanyou_app.common.reports import readable_links
from sanyou_app.core.deputy_work import home_congress, latest_year, performance
from sanyou_app.deputy_liaison.deputy_records import SOURCES, counts, exam_scores, records_of

COUNT_COLUMNS = (
	("room_activities", "活动室活动"),
	("voters_received", "接待选民"),
	("visits", "代表走访"),
	("joint_activities", "结对联合活动"),
	("suggestions", "议案建议"),
	("suggestions_satisfied", "办复满意"),
	("education_attended", "政治教育出席"),
	("education_held", "政治教育场次"),
)


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	# one congress at a time: a city's list never mixes in the towns' deputies
	filters.congress = filters.congress or default_congress()
	year = cint(filters.year) or years_with_records(filters.congress)
	if filters.deputy:
		return detail_columns(), records_of(filters.deputy, year, filters.congress)
	return get_columns(), get_data(year, filters.congress, filters.deputy_group)


def default_congress() -> str | None:
	return home_congress(
		frappe.get_list("Congress", fields=["name", "level", "term_no"], limit_page_length=0)
	)


def years_with_records(congress: str | None) -> int:
	"""The latest year with any record of the congress's deputies (not the current year's zeros)."""
	years = []
	for parent, *_rest in {source[0]: source for source in SOURCES.values()}.values():
		filters = {"congress": congress} if congress and frappe.get_meta(parent).has_field("congress") else {}
		rows = frappe.get_list(parent, filters=filters, fields=["max(year) as year"], limit_page_length=0)
		years += [r.year for r in rows]
	return latest_year(years, frappe.utils.getdate().year)


@frappe.whitelist()
def opening_filters() -> dict:
	"""Where the report opens: the user's highest congress and its latest year with records."""
	congress = default_congress()
	return {"congress": congress, "year": years_with_records(congress)}


def get_data(year: int, congress: str | None, deputy_group: str | None = None) -> list[dict]:
	conditions = {"active": 1}
	if congress:
		conditions["congress"] = congress
	if deputy_group:
		conditions["deputy_group"] = deputy_group
	deputies = frappe.get_list(
		"Congress Deputy",
		filters=conditions,
		fields=["name", "full_name", "deputy_group", "village_unit"],
		limit_page_length=0,
	)
	names = [d.name for d in deputies]
	return performance(deputies, counts(year, congress, names), exam_scores(year, congress))


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "deputy_group",
			"label": "代表小组",
			"fieldtype": "Link",
			"options": "Deputy Group",
			"width": 150,
		},
		{"fieldname": "rank", "label": "组内排名", "fieldtype": "Int", "width": 80},
		{
			"fieldname": "name",
			"label": "代表",
			"fieldtype": "Link",
			"options": "Congress Deputy",
			"width": 100,  # shown by the deputy's name (full_name, in each row)
		},
		*({"fieldname": k, "label": label, "fieldtype": "Int", "width": 90} for k, label in COUNT_COLUMNS),
		{"fieldname": "exam_score", "label": "理论考核成绩", "fieldtype": "Float", "width": 100},
		{"fieldname": "total", "label": "履职活动合计", "fieldtype": "Int", "width": 100},
	]


def detail_columns() -> list[dict]:
	return [
		{"fieldname": "day", "label": "日期", "fieldtype": "Date", "width": 100},
		{"fieldname": "kind", "label": "类别", "fieldtype": "Data", "width": 120},
		{"fieldname": "record_type", "label": "记录类型", "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "record",
			"label": "记录",
			"fieldtype": "Dynamic Link",
			"options": "record_type",
			"width": 220,
		},
	]
