"""Who sees which score sheet (docs/permissions.md, "两争考核").

The 机关党委's officers, the assessors and system managers see every sheet. A branch secretary
sees the sheets of their branch (the branch's, its groups' and its members'), a group leader
those of their group and its members, a member their own. Before publication none of them reads
a score or a rank: those fields are at permission level 1 (level 2: the group leader's score of a
member), and publication copies the result to the fields they read. They write a sheet only while
it is at 资料报送 (evidence, self-assessment, the group leader's scores).
"""

import frappe

import sanyou_app.common.fieldlevel  # noqa: F401  (closes Frappe's field-level list hole)
from sanyou_app.core.assessment import SUBMISSION

SHEET = "Assessment Score Sheet"
SEE_ALL = {"System Manager", "Organ Party Committee Officer", "Assessment Assessor"}
WRITE = {"write", "submit", "cancel", "amend", "delete", "create"}


class Scope(frappe._dict):
	pass


def user_scope(user: str) -> Scope | None:
	"""None for a user who sees every sheet."""
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	roles = set(frappe.get_roles(user))
	if user == "Administrator" or SEE_ALL & roles:
		return None
	allowed = get_user_permissions(user)
	return Scope(
		member=frappe.db.get_value("Party Member", {"user": user, "status": "在册"}, "name"),
		branches=[p.get("doc") for p in allowed.get("Party Branch", [])]
		if "Branch Secretary" in roles
		else [],
		groups=[p.get("doc") for p in allowed.get("Party Group", [])]
		if "Party Group Leader" in roles
		else [],
	)


def may_read(doc, scope: Scope) -> bool:
	return bool(
		(scope.member and doc.get("member") == scope.member)
		or (doc.get("party_branch") and doc.get("party_branch") in scope.branches)
		or (doc.get("party_group") and doc.get("party_group") in scope.groups)
	)


def has_permission(doc, ptype=None, user=None, debug=False):
	scope = user_scope(user or frappe.session.user)
	if scope is None:
		return None
	if not may_read(doc, scope):
		return False
	if (ptype or "read") in WRITE:
		stored = frappe.db.get_value(SHEET, doc.name, "status") if doc.get("name") else None
		if (stored or doc.get("status")) != SUBMISSION:
			return False
	return None


def query_conditions(user=None, doctype=None):
	scope = user_scope(user or frappe.session.user)
	if scope is None:
		return ""
	table = f"`tab{SHEET}`"
	parts = []
	if scope.member:
		parts.append(f"{table}.member = {frappe.db.escape(scope.member)}")
	for field, values in (("party_branch", scope.branches), ("party_group", scope.groups)):
		if values:
			parts.append(f"{table}.{field} in ({', '.join(frappe.db.escape(v) for v in values)})")
	return "(" + " or ".join(parts) + ")" if parts else "1 = 0"
