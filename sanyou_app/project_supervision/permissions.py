"""Who may change what in Project Supervision, beyond the roles' DocPerms (docs/permissions.md).

- a responsible leader (Project Leader) changes only the projects that name them as leader;
- a deputy (Congress Deputy) changes only their own supervision logs;
- an evaluator (Evaluator) changes only their own pre-evaluation forms.
Everyone with a role reads what the DocPerms let them read.
"""

import frappe

MANAGERS = {"System Manager", "Town Congress Office"}
IMPLEMENTATION = "Implementation Group"
WRITES = {"write", "create", "delete", "submit", "cancel", "amend"}


def is_manager(user: str | None = None) -> bool:
	return bool(MANAGERS & set(frappe.get_roles(user or frappe.session.user)))


def _roles(user):
	return set(frappe.get_roles(user))


def project_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	roles = _roles(user)
	if ptype not in WRITES or roles & (MANAGERS | {IMPLEMENTATION}):
		return None
	return doc.leader_user == user


def log_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if ptype not in WRITES or is_manager(user):
		return None
	if ptype == "create" and not doc.get("user"):  # a new log: its deputy is the user's own
		return bool(own_deputy(user, doc.get("project"))) and doc.get("deputy") in (
			None,
			own_deputy(user, doc.get("project")),
		)
	return doc.get("user") == user


def pre_evaluation_permission(doc, ptype=None, user=None):
	user = user or frappe.session.user
	if ptype not in WRITES or is_manager(user):
		return None
	if ptype == "create" and doc.is_new():  # the form is the user's own (set before validation)
		return doc.get("evaluator") in (None, user)
	return doc.get("evaluator") == user


def own_deputy(user: str, project: str | None) -> str | None:
	"""The deputy record of `user` in the congress of the project's cycle."""
	if not project or user in ("Guest", "Administrator"):
		return None
	cycle = frappe.db.get_value("Livelihood Project", project, "cycle")
	congress = frappe.db.get_value("Livelihood Cycle", cycle, "congress") if cycle else None
	if not congress:
		return None
	return frappe.db.get_value("Congress Deputy", {"congress": congress, "user": user}, "name")
