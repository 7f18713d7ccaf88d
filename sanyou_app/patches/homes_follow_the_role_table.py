"""Deputies land on 我的履职, party members and rectification owners on 我的党建, the rectification
supervisor on 两争考核 (setup/desk.json). Users whose home is still the one the first role → home
table gave them move to today's; a home an administrator or the user chose stays."""

import frappe

from sanyou_app.core.desk_homes import moved_home
from sanyou_app.setup.desk import settings, visible_workspaces

# the first table (its order is its precedence)
FIRST_HOMES = [
	{"role": "Town Congress Office", "workspaces": ["民生实事"]},
	{"role": "Presidium Member", "workspaces": ["民生实事"]},
	{"role": "Party Committee Approver", "workspaces": ["民生实事"]},
	{"role": "County Congress Office", "workspaces": ["项目监督", "民生实事"]},
	{"role": "Implementation Group", "workspaces": ["项目监督"]},
	{"role": "Project Leader", "workspaces": ["项目监督"]},
	{"role": "Evaluator", "workspaces": ["项目监督"]},
	{"role": "Deputy Affairs Office", "workspaces": ["代表联络"]},
	{"role": "Organ Party Committee Officer", "workspaces": ["机关党建"]},
	{"role": "Branch Secretary", "workspaces": ["机关党建"]},
	{"role": "Party Group Leader", "workspaces": ["机关党建"]},
	{"role": "Assessment Assessor", "workspaces": ["两争考核", "机关党建"]},
	{"role": "Rectification Supervisor", "workspaces": ["整改清单", "机关党建", "项目监督"]},
	{"role": "Rectification Owner", "workspaces": ["整改清单", "机关党建", "项目监督"]},
	{"role": "Congress Deputy", "workspaces": ["民生实事", "代表联络"]},
	{"role": "Party Member", "workspaces": ["机关党建"]},
]


def execute():
	homes = settings()["homes"]
	roles: dict[str, set[str]] = {}
	seen: dict[frozenset, set[str]] = {}
	for row in frappe.get_all(
		"Has Role", filters={"parenttype": "User"}, fields=["parent", "role"], limit_page_length=0
	):
		roles.setdefault(row.parent, set()).add(row.role)
	for user in frappe.get_all(
		"User",
		filters={"enabled": 1, "user_type": "System User", "default_workspace": ["is", "set"]},
		fields=["name", "default_workspace"],
		limit_page_length=0,
	):
		mine = frozenset(roles.get(user.name, ()))
		if mine not in seen:  # users share a handful of role sets
			seen[mine] = visible_workspaces(mine | {"All", "Desk User"})
		visible = seen[mine]
		home = moved_home(mine, user.default_workspace, FIRST_HOMES, homes, visible)
		if home:
			frappe.db.set_value("User", user.name, "default_workspace", home, update_modified=False)
