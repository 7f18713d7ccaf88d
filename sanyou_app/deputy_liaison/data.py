"""The pairing records of a year as plain data for the rules in core/liaison.py.

Everything is read through frappe.get_list, so a user's reports and cards count only what they may
read (a group leader their group, a secretary their branch, the 机关党委 everything).
"""

import frappe

from sanyou_app.core.liaison import SUBMITTED


def _topics(pairings: list[str]) -> dict[str, list[str]]:
	out: dict[str, list[str]] = {}
	if not pairings:
		return out
	for parent, topic in frappe.get_all(
		"Liaison Topic",
		filters={"parenttype": "Liaison Pairing", "parent": ("in", pairings)},
		fields=["parent", "topic"],
		order_by="idx asc",
		as_list=True,
	):
		out.setdefault(parent, []).append(topic)
	return out


def pairings(year: int | None, branch: str | None = None, group: str | None = None) -> list[dict]:
	filters = {}
	if year:
		filters["year"] = year
	if branch:
		filters["party_branch"] = branch
	if group:
		filters["party_group"] = group
	rows = frappe.get_list(
		"Liaison Pairing",
		filters=filters,
		fields=["name", "year", "party_group", "party_branch as branch"],
		limit_page_length=0,
	)
	topics = _topics([r.name for r in rows])
	return [{**r, "topics": topics.get(r.name, [])} for r in rows]


def activities(pairing_names: list[str]) -> list[dict]:
	if not pairing_names:
		return []
	return frappe.get_list(
		"Joint Activity",
		filters={"pairing": ("in", pairing_names)},
		fields=["name", "pairing", "topic", "activity_date", "person_times"],
		limit_page_length=0,
	)


def reports(pairing_names: list[str]) -> list[dict]:
	if not pairing_names:
		return []
	return frappe.get_list(
		"Research Report",
		filters={"pairing": ("in", pairing_names)},
		fields=[
			"name",
			"pairing",
			"topic",
			"title",
			"conversion",
			"measure",
			"suggestion_count as suggestions",
		],
		limit_page_length=0,
	)


def suggestions_of_reports(report_names: list[str]) -> list[dict]:
	if not report_names:
		return []
	return frappe.get_list(
		"Deputy Suggestion",
		filters={"research_report": ("in", report_names)},
		fields=["name", "research_report", "workflow_state"],
		limit_page_length=0,
	)


def overdue_suggestions(today) -> list[dict]:
	return frappe.get_list(
		"Deputy Suggestion",
		filters={"workflow_state": SUBMITTED, "reply_due": ("<", today)},
		fields=["name", "title", "workflow_state", "reply_due", "party_group", "party_branch as branch"],
		order_by="reply_due asc",
		limit_page_length=0,
	)


def party_groups(branch: str | None = None, group: str | None = None) -> list[dict]:
	filters = {}
	if branch:
		filters["party_branch"] = branch
	if group:
		filters["name"] = group
	return frappe.get_list(
		"Party Group",
		filters=filters,
		fields=["name", "party_branch as branch"],
		order_by="party_branch asc, name asc",
		limit_page_length=0,
	)
