"""The desk's way into votes: a cycle starts its project vote, a voter sees the votes awaiting them.

Nothing here touches ballots: a vote is created as the office would create it in the form (the
Secret Vote controller fills items and roll from the cycle), and a voter's list is read from their
own rows of the roll (whether they have cast, never how)."""

import frappe

from sanyou_app.core import cycle as cycle_rules
from sanyou_app.core import voting

CANDIDATE = "候选项目"


@frappe.whitelist(methods=["POST"])
def start_project_vote(cycle: str) -> str:
	"""The cycle's project vote: its latest round if there is one, else a new vote (the office's
	create permission is checked by the insert). Returns the vote's name."""
	frappe.has_permission("Secret Vote", "create", throw=True)  # the office's step
	frappe.has_permission("Livelihood Cycle", "read", cycle, throw=True)
	existing = frappe.get_list(
		"Secret Vote",
		filters={"cycle": cycle, "vote_type": voting.PROJECT_VOTE},
		fields=["name", "round_no", "creation"],
	)
	candidates = frappe.db.count("Livelihood Proposal", {"cycle": cycle, "workflow_state": CANDIDATE})
	name, refusal = cycle_rules.vote_start(existing, candidates)
	if refusal:
		frappe.throw(refusal, title="不能发起票决")
	if name:
		return name
	year = frappe.db.get_value("Livelihood Cycle", cycle, "year")
	doc = frappe.get_doc(
		{
			"doctype": "Secret Vote",
			"vote_type": voting.PROJECT_VOTE,
			"cycle": cycle,
			"title": cycle_rules.vote_title(year),
		}
	).insert()
	return doc.name


def votes_awaiting(user: str) -> list[dict]:
	"""Votes now open in which `user` is on the roll and has not cast."""
	mine = frappe.get_all(  # the user's own roll rows only
		"Secret Vote Voter",
		filters={"user": user, "parenttype": "Secret Vote", "cast": 0},
		pluck="parent",
	)
	if not mine:
		return []
	return frappe.get_all(
		"Secret Vote",
		filters={"name": ("in", mine), "status": voting.VOTING},
		fields=["name", "title", "vote_type", "mode", "opened_at"],
		order_by="opened_at desc, name desc",
	)


@frappe.whitelist()
def votes_awaiting_card(filters=None) -> dict:
	"""待我投票 on a voter's home; a click opens the list of them."""
	return {
		"value": len(votes_awaiting(frappe.session.user)),
		"fieldtype": "Int",
		"route": ["query-report", "Votes Awaiting Me"],
	}


@frappe.whitelist()
def voting_now_card(filters=None) -> dict:
	"""正在投票的表决 on the office's home; a click opens them."""
	count = len(frappe.get_list("Secret Vote", filters={"status": voting.VOTING}, pluck="name"))
	return {
		"value": count,
		"fieldtype": "Int",
		"route": ["List", "Secret Vote"],
		"route_options": {"status": voting.VOTING},
	}
