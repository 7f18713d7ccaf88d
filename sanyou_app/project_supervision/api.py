"""Print helpers, the cycle's supervision rules and the public record of Project Supervision."""

import frappe

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core import projects as rules
from sanyou_app.core.proposal import total_investment

PROJECT_FIELDS = [
	"name",
	"title",
	"content",
	"investment",
	"funds_used",
	"implementing_body",
	"leader_display",
	"deadline",
	"progress",
	"workflow_state",
	"started_on",
	"completed_on",
	"completion_summary",
	"liaison_names",
	"votes_for",
	"satisfaction_rate",
	"satisfaction_grade",
]


def validate_cycle(doc, method=None):
	"""Livelihood Cycle: the liaison range and the pre-evaluation criteria are rules of the cycle."""
	errors = rules.check_liaison_rule(doc.get("liaison_min"), doc.get("liaison_max"))
	errors += rules.check_criteria([r.as_dict() for r in doc.get("evaluation_criteria") or []])
	if int(doc.get("rectification_days") or 0) < 0:
		errors.append(rules.FieldError("rectification_days", "不能为负数", "测评不满意项目整改期限(天)"))
	throw_field_errors(errors)


def completion_report(cycle: str) -> dict:
	"""For the print format 项目完成情况报告: each project of the cycle the user may read, with its
	milestones met, inspections and hearings, and the totals."""
	projects = frappe.get_list(
		"Livelihood Project",
		filters={"cycle": cycle},
		fields=PROJECT_FIELDS,
		order_by="vote_rank asc, creation asc, name asc",
		limit_page_length=0,
	)
	names = [p.name for p in projects] or [""]
	milestones = _children(
		"Project Milestone", names, ["milestone", "planned_date", "actual_date", "percent"]
	)
	findings = frappe.get_list(
		"Project Inspection",
		filters={"cycle": cycle},
		fields=["name", "inspection_date", "kind", "participant_count"],
		order_by="inspection_date asc",
		limit_page_length=0,
	)
	by_inspection = {i.name: i for i in findings}
	per_project: dict[str, list] = {}
	for row in frappe.get_all(  # rows of the inspections read above only
		"Inspection Finding",
		filters={"parent": ("in", list(by_inspection) or [""]), "parenttype": "Project Inspection"},
		fields=["parent", "project", "finding"],
		order_by="idx asc",
	):
		inspection = by_inspection[row.parent]
		per_project.setdefault(row.project, []).append(
			frappe._dict(date=inspection.inspection_date, kind=inspection.kind, finding=row.finding)
		)
	for p in projects:
		p.milestones = milestones.get(p.name, [])
		p.met, p.milestone_count = rules.milestones_met(p.milestones)
		p.inspections = sorted(per_project.get(p.name, []), key=lambda f: f.date)
		p.completed = p.workflow_state == rules.COMPLETED
	hearings = frappe.get_list(
		"Progress Hearing", filters={"cycle": cycle}, fields=["name", "hearing_date"], limit_page_length=0
	)
	return {
		"projects": projects,
		"count": len(projects),
		"completed": sum(1 for p in projects if p.completed),
		"investment": total_investment(p.investment for p in projects),
		"funds_used": total_investment(p.funds_used for p in projects),
		"inspections": len(findings),
		"hearings": len(hearings),
	}


def _children(doctype: str, parents: list[str], fields: list[str]) -> dict[str, list]:
	out: dict[str, list] = {}
	for row in frappe.get_all(
		doctype,
		filters={"parent": ("in", parents), "parenttype": "Livelihood Project"},
		fields=["parent", *fields],
		order_by="idx asc",
	):
		out.setdefault(row.parent, []).append(row)
	return out


def public_projects(town: str | None = None, year: int | None = None) -> dict:
	"""The public record: a town's adopted projects by year, only the public fields.

	Read without the visitor's permissions (a guest has none) but only these columns."""
	towns = sorted(
		set(
			frappe.get_all("Livelihood Project", filters={"town": ("is", "set")}, pluck="town", distinct=True)
		)
	)
	town = town if town in towns else (towns[0] if towns else None)
	filters = {"town": town or ""}
	if year:
		filters["year"] = int(year)
	fields = ["name", *[f for f in rules.PUBLIC_FIELDS if f not in ("status",)], "workflow_state as status"]
	rows = frappe.get_all(
		"Livelihood Project",
		filters=filters,
		fields=fields,
		order_by="year desc, vote_rank asc, creation asc",
	)
	return {"town": town, "towns": towns, "years": rules.public_rows(rows)}


@frappe.whitelist()
def score_rows(project: str) -> list[dict]:
	"""The rows of a new pre-evaluation form: the criteria of the project's cycle."""
	frappe.has_permission("Livelihood Project", "read", project, throw=True)
	cycle = frappe.db.get_value("Livelihood Project", project, "cycle")
	criteria = frappe.get_all(
		"Cycle Evaluation Criterion",
		filters={"parent": cycle, "parenttype": "Livelihood Cycle"},
		fields=["criterion", "max_score"],
		order_by="idx asc",
	)
	return rules.score_rows(criteria)


@frappe.whitelist()
def my_liaison_card(filters=None) -> dict:
	"""我联系的项目 on a deputy's home; a click opens the report of them."""
	mine = frappe.get_all(  # the user's own liaison rows; the projects are read through get_list
		"Project Liaison Deputy",
		filters={"user": frappe.session.user, "parenttype": "Livelihood Project"},
		pluck="parent",
	)
	count = (
		len(frappe.get_list("Livelihood Project", filters={"name": ("in", mine)}, pluck="name"))
		if mine
		else 0
	)
	return {"value": count, "fieldtype": "Int", "route": ["query-report", "My Liaison Projects"]}
