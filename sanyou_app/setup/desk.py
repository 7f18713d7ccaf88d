"""The desk each role sees, set up the Frappe way and only where nothing is set yet (setup/desk.json):

- Frappe's own workspaces (用户, 网站, 工具, 集成, 构建) get the admin roles in their role table, so
  other users do not see them; a workspace an administrator has given roles is left alone.
- Workspaces are created and edited by Workspace Managers only: Workspace gets its own permission
  rules (Role Permission Manager) without create, write or delete for every desk user, once.
- Each user lands on the home of their role (User's default workspace, which Frappe v15's desk opens
  at /app and after login), set when the user has none.
"""

import json
from pathlib import Path

import frappe
from frappe.permissions import setup_custom_perms

from sanyou_app.core.desk_homes import home_for, restricted_workspaces

DESK = Path(__file__).resolve().parent / "desk.json"


def settings() -> dict:
	return json.loads(DESK.read_text(encoding="utf-8"))


def ensure_desk() -> None:
	spec = settings()
	restrict_admin_workspaces(spec)
	keep_workspaces_to_managers()
	for user in frappe.get_all(
		"User",
		filters={"enabled": 1, "user_type": "System User", "default_workspace": ["is", "not set"]},
		pluck="name",
	):
		if user not in ("Administrator", "Guest"):
			set_home(frappe.get_doc("User", user), save=True)


def restrict_admin_workspaces(spec: dict) -> None:
	names = spec["admin_workspaces"]
	roles = {name: [] for name in frappe.get_all("Workspace", filters={"name": ["in", names]}, pluck="name")}
	for row in frappe.get_all(
		"Has Role", filters={"parenttype": "Workspace", "parent": ["in", names]}, fields=["parent", "role"]
	):
		roles[row.parent].append(row.role)
	for name in restricted_workspaces(roles, names):
		# rows added directly: saving a standard workspace would write it back into Frappe's files
		# in developer mode
		for idx, role in enumerate(spec["admin_roles"], start=1):
			frappe.get_doc(
				{
					"doctype": "Has Role",
					"parenttype": "Workspace",
					"parentfield": "roles",
					"parent": name,
					"role": role,
					"idx": idx,
				}
			).db_insert()
		frappe.clear_document_cache("Workspace", name)


def keep_workspaces_to_managers() -> None:
	"""Desk users read workspaces; only Workspace Managers create, edit or delete them."""
	if not setup_custom_perms("Workspace"):
		return  # the rules were set before (by us or an administrator): left as they are
	frappe.db.set_value(
		"Custom DocPerm",
		{"parent": "Workspace", "role": ["!=", "Workspace Manager"], "permlevel": 0},
		{"create": 0, "write": 0, "delete": 0, "share": 0},
	)
	frappe.clear_cache(doctype="Workspace")


def visible_workspaces(roles: set[str]) -> set[str]:
	"""The public workspaces a user with these roles may see (no role table: everyone)."""
	allowed: dict[str, set[str]] = {}
	for name in frappe.get_all("Workspace", filters={"public": 1}, pluck="name"):
		allowed[name] = set()
	for row in frappe.get_all("Has Role", filters={"parenttype": "Workspace"}, fields=["parent", "role"]):
		if row.parent in allowed:
			allowed[row.parent].add(row.role)
	return {name for name, needs in allowed.items() if not needs or needs & roles}


def set_home(user, method=None, save: bool = False) -> None:
	"""User validate: a user with no default workspace gets their role's home."""
	if user.default_workspace or user.name in ("Administrator", "Guest") or user.user_type != "System User":
		return
	roles = {row.role for row in user.get("roles", [])}
	home = home_for(roles, settings()["homes"], visible_workspaces(roles | {"All", "Desk User"}))
	if not home:
		return
	if save:
		user.db_set("default_workspace", home, update_modified=False)
	else:
		user.default_workspace = home
