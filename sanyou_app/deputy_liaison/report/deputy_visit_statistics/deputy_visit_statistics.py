"""代表走访人次: deputies' visits (进社区、进园区、进厂区、进企业) per year and deputy group — visits and
person-times, each deputy counted in their own group."""

import frappe
from frappe.utils import cint

from sanyou_app.common.reports import readable_links
from sanyou_app.core.deputy_work import VISIT_KINDS


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = get_data(cint(filters.year) or None)
	total = sum(r["person_times"] for r in rows)
	summary = [{"label": "走访人次合计", "value": total, "datatype": "Int", "indicator": "Blue"}]
	return get_columns(), rows, None, None, summary


def get_data(year: int | None) -> list[dict]:
	conditions = {"year": year} if year else {}
	visits = {
		v.name: v
		for v in frappe.get_list(
			"Deputy Visit", filters=conditions, fields=["name", "year", "place_kind"], limit_page_length=0
		)
	}
	if not visits:
		return []
	rows = frappe.get_all(
		"Deputy Visit Deputy",
		filters={"parenttype": "Deputy Visit", "parent": ("in", list(visits))},
		fields=["parent", "deputy"],
	)
	groups = dict(
		frappe.get_all(
			"Congress Deputy",
			filters={"name": ("in", list({r.deputy for r in rows}) or [""])},
			fields=["name", "deputy_group"],
			as_list=True,
		)
	)
	out: dict[tuple, dict] = {}
	for r in rows:
		v = visits[r.parent]
		key = (v.year, groups.get(r.deputy))
		agg = out.setdefault(
			key,
			{
				"year": v.year,
				"deputy_group": key[1],
				"visits": set(),
				"person_times": 0,
				**dict.fromkeys(VISIT_KINDS, 0),
			},
		)
		agg["visits"].add(r.parent)
		agg["person_times"] += 1
		agg[v.place_kind] += 1
	data = [{**a, "visits": len(a["visits"])} for a in out.values()]
	data.sort(key=lambda a: (a["year"], a["deputy_group"] or ""))
	return data


def get_columns() -> list[dict]:
	return [
		{"fieldname": "year", "label": "年度", "fieldtype": "Int", "width": 70},
		{
			"fieldname": "deputy_group",
			"label": "代表小组",
			"fieldtype": "Link",
			"options": "Deputy Group",
			"width": 180,
		},
		{"fieldname": "visits", "label": "走访次数", "fieldtype": "Int", "width": 90},
		{"fieldname": "person_times", "label": "走访人次", "fieldtype": "Int", "width": 90},
		*({"fieldname": k, "label": k, "fieldtype": "Int", "width": 80} for k in VISIT_KINDS),
	]
