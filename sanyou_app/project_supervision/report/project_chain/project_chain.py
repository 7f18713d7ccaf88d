"""项目全过程一览: one row per adopted project, from the villagers' proposals to the deputies'
rating and what is still to be put right. Filterable by town and year; Excel from the report menu."""

import frappe

from sanyou_app.common.reports import readable_links
from sanyou_app.core import projects as rules


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_columns() -> list[dict]:
	def col(fieldname, label, fieldtype="Data", width=100, **kw):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **kw}

	return [
		col("town", "乡镇", width=90),
		col("year", "年度", "Int", 60),
		col("project", "项目", "Link", 200, options="Livelihood Project"),
		col("proposals", "来源建议数", "Int", 90),
		col("candidate", "候选项目", "Link", 130, options="Livelihood Proposal"),
		col("votes_for", "赞成票", "Int", 70),
		col("leader", "包保领导", width=150),
		col("status", "状态", width=70),
		col("progress", "总体进度(%)", "Percent", 100),
		col("on_time", "按期节点", width=80),
		col("inspections", "视察督查次数", "Int", 100),
		col("pre_evaluation", "预评估平均分", "Float", 100, precision=1),
		col("satisfaction_rate", "满意率(%)", "Float", 90, precision=1),
		col("satisfaction_grade", "测评等次", width=80),
		col("open_rectification", "未销号整改事项", "Int", 110),
	]


def get_data(filters) -> list[dict]:
	conditions = {k: filters[k] for k in ("town", "year") if filters.get(k)}
	# get_list applies the user's permissions (a script report must apply them itself)
	projects = frappe.get_list(
		"Livelihood Project",
		filters=conditions,
		fields=[
			"name",
			"title",
			"town",
			"year",
			"candidate",
			"votes_for",
			"leader_display",
			"workflow_state",
			"progress",
			"satisfaction_rate",
			"satisfaction_grade",
			"satisfaction_survey",
		],
		order_by="town asc, year desc, vote_rank asc, name asc",
		limit_page_length=0,
	)
	if not projects:
		return []
	names = [p.name for p in projects]
	proposals = _count_by("Project Source Proposal", "parent", names, parenttype="Livelihood Project")
	inspections = _count_by("Inspection Finding", "project", names, parenttype="Project Inspection")
	milestones: dict[str, list] = {}
	for m in frappe.get_all(
		"Project Milestone",
		filters={"parent": ("in", names), "parenttype": "Livelihood Project"},
		fields=["parent", "planned_date", "actual_date", "percent"],
	):
		milestones.setdefault(m.parent, []).append(m)
	scores = {
		r.project: r.score
		for r in frappe.get_all(
			"Pre-evaluation",
			filters={"project": ("in", names)},
			fields=["project", "avg(total_score) as score"],
			group_by="project",
		)
	}
	open_items = {  # a count of open items per project; the items themselves stay on the list
		r.owner_name: r.n
		for r in frappe.get_all(
			"Rectification Item",
			filters={
				"owner_doctype": "Livelihood Project",
				"owner_name": ("in", names),
				"status": ("!=", "已销号"),
			},
			fields=["owner_name", "count(name) as n"],
			group_by="owner_name",
		)
	}
	candidates = {  # titles are public (the projects' page shows them); the records are not read here
		r.name: r.title
		for r in frappe.get_all(
			"Livelihood Proposal",
			filters={"name": ("in", [p.candidate for p in projects if p.candidate])},
			fields=["name", "title"],
		)
	}
	rows = []
	for p in projects:
		met, total = rules.milestones_met(milestones.get(p.name, []))
		rows.append(
			{
				"town": p.town,
				"year": p.year,
				"project": p.name,
				"project_title": p.title,
				"proposals": proposals.get(p.name, 0),
				"candidate": p.candidate,
				"candidate_title": candidates.get(p.candidate),
				"votes_for": p.votes_for,
				"leader": p.leader_display,
				"status": p.workflow_state,
				"progress": p.progress,
				"on_time": f"{met}/{total}",
				"inspections": inspections.get(p.name, 0),
				"pre_evaluation": scores.get(p.name),
				"satisfaction_rate": p.satisfaction_rate if p.satisfaction_survey else None,
				"satisfaction_grade": p.satisfaction_grade,
				"open_rectification": open_items.get(p.name, 0),
			}
		)
	return rows


def _count_by(doctype: str, field: str, names: list[str], **filters) -> dict[str, int]:
	return {
		r.parent_name: r.n
		for r in frappe.get_all(
			doctype,
			filters={field: ("in", names), **filters},
			fields=[f"{field} as parent_name", "count(name) as n"],
			group_by=field,
		)
	}
