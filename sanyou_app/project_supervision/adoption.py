"""What follows a published vote: adopted projects from a project vote (项目票决), satisfaction
figures and rectification items from a satisfaction survey (满意度测评).

Hooked on Secret Vote's on_update (hooks.py doc_events); the Voting module knows nothing of it.
Idempotent: a save of an already published vote, or a second publication, adds nothing; a later
round of the same cycle adds the projects it picked.
"""

import frappe
from frappe.utils import getdate

from sanyou_app.core import projects as rules

PUBLISHED = "已公布"
PROJECT_VOTE = "项目票决"
SURVEY = "满意度测评"
PROPOSAL = "Livelihood Proposal"


def on_vote_update(doc, method=None):
	if doc.status != PUBLISHED or not doc.cycle:
		return
	if doc.vote_type == PROJECT_VOTE:
		adopt_projects(doc)
	elif doc.vote_type == SURVEY:
		record_survey(doc)


def _items(vote) -> list[dict]:
	return [r.as_dict() for r in sorted(vote.items, key=lambda r: r.idx)]


def _results(vote) -> list[dict]:
	return [r.as_dict() for r in sorted(vote.results, key=lambda r: r.idx)]


def adopt_projects(vote) -> list[str]:
	"""One project per picked candidate that has none yet. Returns the new projects' names."""
	existing = frappe.get_all(
		"Livelihood Project", filters={"cycle": vote.cycle}, fields=["candidate", "title"]
	)
	todo = rules.to_adopt(
		rules.picked_items(_items(vote), _results(vote)),
		[e.candidate for e in existing if e.candidate],
		[e.title for e in existing],
	)
	adopted_on = getdate(vote.published_at) if vote.published_at else getdate()
	return [_new_project(vote, picked, adopted_on) for picked in todo]


def _new_project(vote, picked: rules.Picked, adopted_on) -> str:
	values = {}
	if picked.candidate and frappe.db.exists(PROPOSAL, picked.candidate):
		values = frappe.db.get_value(
			PROPOSAL,
			picked.candidate,
			["title", "content", "investment", "implementing_body", "deadline"],
			as_dict=True,
		)
	merged = frappe.get_all(
		PROPOSAL,
		filters={"merged_into": picked.candidate or "", "cycle": vote.cycle},
		pluck="name",
		order_by="creation asc, name asc",
	)
	doc = frappe.get_doc(
		{
			"doctype": "Livelihood Project",
			"cycle": vote.cycle,
			"title": values.get("title") or picked.label,
			"candidate": picked.candidate if values else None,
			"secret_vote": vote.name,
			"votes_for": picked.votes_for,
			"vote_rank": picked.rank,
			"adopted_on": adopted_on,
			"content": values.get("content"),
			"investment": values.get("investment"),
			"implementing_body": values.get("implementing_body"),
			"deadline": values.get("deadline"),
			"source_proposals": [{"proposal": p} for p in ([picked.candidate] if values else []) + merged],
		}
	)
	doc.flags.ignore_permissions = True  # the scrutineer's sign-off publishes; the record follows
	doc.insert()
	return doc.name


def record_survey(vote) -> list[str]:
	"""Write each rated project's published satisfaction rate and grade on it, and raise one
	rectification item per project graded 不满意. Returns the projects graded 不满意."""
	items = {r["item_label"]: r.get("reference_name") for r in _items(vote)}
	unsatisfied = []
	for result in _results(vote):
		project = _project_of(items.get(result["item_label"]) or result.get("reference_name"), result)
		if not project:
			continue
		frappe.db.set_value(
			"Livelihood Project",
			project,
			{
				"satisfaction_survey": vote.name,
				"satisfaction_rate": result.get("satisfaction_rate"),
				"satisfaction_grade": result.get("grade"),
			},
		)
		if result.get("needs_rectification") or result.get("grade") == "不满意":
			unsatisfied.append(project)
			raise_for_survey(vote, project, result)
	return unsatisfied


def _project_of(candidate: str | None, result: dict) -> str | None:
	if candidate:
		name = frappe.db.get_value("Livelihood Project", {"candidate": candidate}, "name")
		if name:
			return name
	return None


def raise_for_survey(vote, project: str, result: dict) -> str:
	"""The rectification item for a project rated 不满意 (once per survey and project), due the
	cycle's number of days after publication."""
	from sanyou_app.project_supervision.rectify import raise_item

	p = frappe.db.get_value(
		"Livelihood Project",
		project,
		["title", "cycle", "implementing_body", "leader_user", "leader_display"],
		as_dict=True,
	)
	days = frappe.db.get_value("Livelihood Cycle", p.cycle, "rectification_days")
	published = getdate(vote.published_at) if vote.published_at else getdate()
	return raise_item(
		source_doctype="Secret Vote",
		source_name=vote.name,
		source_kind="满意度测评",
		project=project,
		problem=rules.survey_problem(
			p.title, vote.title, result.get("satisfaction_rate"), p.implementing_body, p.leader_display
		),
		owner_user=p.leader_user,
		deadline=rules.rectification_deadline(published, days),
	)
