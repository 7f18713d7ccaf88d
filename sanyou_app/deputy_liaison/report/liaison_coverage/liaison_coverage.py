"""结对联系覆盖情况: what the pairing work is missing this year and quarter — groups without a
pairing, pairings without an activity in the quarter, topics without a report, reports not yet
converted, suggestions overdue for a reply. Counts only what the user may read."""

import frappe
from frappe.utils import cint

from sanyou_app.common.reports import readable_links
from sanyou_app.core.liaison import COVERAGE_KINDS
from sanyou_app.deputy_liaison.coverage import compute, current_year_and_quarter

TARGETS = {
	"groups_without_pairing": ("Party Group", "party_group"),
	"pairings_without_activity": ("Liaison Pairing", "pairing"),
	"topics_without_report": ("Liaison Pairing", "pairing"),
	"reports_not_converted": ("Research Report", "report"),
	"suggestions_overdue": ("Deputy Suggestion", "suggestion"),
}


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year, quarter = current_year_and_quarter()
	year, quarter = cint(filters.year) or year, cint(filters.quarter) or quarter
	gaps = compute(year, quarter, filters.party_branch, filters.party_group)
	return get_columns(), get_data(gaps), None, None, get_summary(gaps)


def get_columns() -> list[dict]:
	return [
		{"fieldname": "kind", "label": "类别", "fieldtype": "Data", "width": 190},
		{
			"fieldname": "party_branch",
			"label": "党支部",
			"fieldtype": "Link",
			"options": "Party Branch",
			"width": 150,
		},
		{
			"fieldname": "party_group",
			"label": "党小组",
			"fieldtype": "Link",
			"options": "Party Group",
			"width": 200,
		},
		{"fieldname": "record_type", "label": "记录类型", "fieldtype": "Data", "hidden": 1},
		{
			"fieldname": "record",
			"label": "记录",
			"fieldtype": "Dynamic Link",
			"options": "record_type",
			"width": 200,
		},
		{"fieldname": "detail", "label": "说明", "fieldtype": "Data", "width": 280},
	]


def get_data(gaps: dict) -> list[dict]:
	rows = []
	for key, label in COVERAGE_KINDS.items():
		doctype, field = TARGETS[key]
		for item in gaps[key]:
			rows.append(
				{
					"kind": label,
					"party_branch": item.get("branch"),
					"party_group": item.get("party_group"),
					"record_type": doctype,
					"record": item[field],
					"detail": item.get("topic") or item.get("title") or "",
				}
			)
			if key == "suggestions_overdue":
				rows[-1]["detail"] = f"{item.get('title')}（应于{item.get('reply_due')}前办复）"
	return rows


def get_summary(gaps: dict) -> list[dict]:
	return [
		{
			"label": label,
			"value": len(gaps[key]),
			"datatype": "Int",
			"indicator": "Red" if gaps[key] else "Green",
		}
		for key, label in COVERAGE_KINDS.items()
	]
