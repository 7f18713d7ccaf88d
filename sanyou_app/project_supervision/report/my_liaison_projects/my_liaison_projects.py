"""我联系的项目: the projects the signed-in deputy supervises as a liaison deputy, and their visits."""

import frappe

from sanyou_app.common.reports import readable_links


@readable_links
def execute(filters=None):
	return get_columns(), get_data(frappe.session.user)


def get_columns() -> list[dict]:
	return [
		{
			"fieldname": "project",
			"label": "项目",
			"fieldtype": "Link",
			"options": "Livelihood Project",
			"width": 200,
		},
		{"fieldname": "year", "label": "年度", "fieldtype": "Int", "width": 70},
		{"fieldname": "status", "label": "状态", "fieldtype": "Data", "width": 80},
		{"fieldname": "progress", "label": "总体进度(%)", "fieldtype": "Percent", "width": 110},
		{"fieldname": "overdue", "label": "逾期节点", "fieldtype": "Int", "width": 90},
		{"fieldname": "leader", "label": "包保领导", "fieldtype": "Data", "width": 160},
		{"fieldname": "visits", "label": "我的走访次数", "fieldtype": "Int", "width": 110},
		{"fieldname": "last_visit", "label": "最近走访", "fieldtype": "Date", "width": 110},
	]


def get_data(user: str) -> list[dict]:
	mine = frappe.get_all(  # the user's own liaison rows; the projects are read through get_list
		"Project Liaison Deputy", filters={"user": user, "parenttype": "Livelihood Project"}, pluck="parent"
	)
	if not mine:
		return []
	projects = frappe.get_list(
		"Livelihood Project",
		filters={"name": ("in", mine)},
		fields=[
			"name",
			"title",
			"year",
			"workflow_state",
			"progress",
			"overdue_milestones",
			"leader_display",
		],
		order_by="year desc, name asc",
		limit_page_length=0,
	)
	visits = {
		r.project: r
		for r in frappe.get_list(
			"Supervision Log",
			filters={"project": ("in", mine), "user": user},
			fields=["project", "count(name) as n", "max(visit_date) as last_visit"],
			group_by="project",
		)
	}
	return [
		{
			"project": p.name,
			"project_title": p.title,
			"year": p.year,
			"status": p.workflow_state,
			"progress": p.progress,
			"overdue": p.overdue_milestones,
			"leader": p.leader_display,
			"visits": visits[p.name].n if p.name in visits else 0,
			"last_visit": visits[p.name].last_visit if p.name in visits else None,
		}
		for p in projects
	]
