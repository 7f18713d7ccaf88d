"""调研成果转化链: per topic (or per group, or per branch) the chain topic → joint activities →
research reports → motions, suggestions and measures → outcome (replied, satisfied, unsatisfied).
Counts only what the user may read."""

import frappe
from frappe.utils import cint

from sanyou_app.common.reports import readable_links
from sanyou_app.core.liaison import CHAIN_COUNTS, chain_rows, roll_up, totals
from sanyou_app.deputy_liaison import data

LEVELS = {"课题": None, "党小组": ["branch", "party_group"], "党支部": ["branch"]}
COUNT_LABELS = {
	"topics": "课题数",
	"activities": "联合活动",
	"person_times": "参加人次",
	"reports": "调研报告",
	"converted": "已转化报告",
	"suggestions": "议案/建议",
	"measures": "专项举措",
	"replied": "已办复",
	"satisfied": "代表满意",
	"unsatisfied": "不满意",
}


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	rows = compute(cint(filters.year) or None, filters.party_branch, filters.party_group)
	by = LEVELS.get(filters.group_by or "课题")
	if by:
		rows = roll_up(rows, by)
	return get_columns(by), rows, None, None, get_summary(rows)


def compute(year: int | None, branch: str | None = None, group: str | None = None) -> list[dict]:
	pairings = data.pairings(year, branch, group)
	names = [p["name"] for p in pairings]
	reports = data.reports(names)
	return chain_rows(
		pairings=pairings,
		activities=data.activities(names),
		reports=reports,
		suggestions=data.suggestions_of_reports([r["name"] for r in reports]),
	)


def get_columns(by: list[str] | None) -> list[dict]:
	head = [
		{
			"fieldname": "branch",
			"label": "党支部",
			"fieldtype": "Link",
			"options": "Party Branch",
			"width": 140,
		},
	]
	if by is None or "party_group" in by:
		head.append(
			{
				"fieldname": "party_group",
				"label": "党小组",
				"fieldtype": "Link",
				"options": "Party Group",
				"width": 190,
			}
		)
	if by is None:
		head += [
			{"fieldname": "year", "label": "年度", "fieldtype": "Int", "width": 70},
			{
				"fieldname": "pairing",
				"label": "结对",
				"fieldtype": "Link",
				"options": "Liaison Pairing",
				"width": 160,
			},
			{"fieldname": "topic", "label": "调研课题", "fieldtype": "Data", "width": 200},
		]
	counts = CHAIN_COUNTS if by else CHAIN_COUNTS[1:]
	return head + [
		{"fieldname": k, "label": COUNT_LABELS[k], "fieldtype": "Int", "width": 90} for k in counts
	]


def get_summary(rows: list[dict]) -> list[dict]:
	keys = ["activities", "person_times", "reports", "converted", "suggestions", "measures"]
	sums = totals(rows, keys)
	return [{"label": COUNT_LABELS[k], "value": sums[k], "datatype": "Int"} for k in keys]
