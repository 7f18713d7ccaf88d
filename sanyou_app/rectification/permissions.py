"""Who sees which rectification items (docs/permissions.md, "整改清单").

Supervisors, the 机关党委's officers and system managers see every item. Anyone else sees the
items they answer for (owner_user), a branch secretary also the items of their own branch's
units (party_branch within their User Permissions), and the county congress office the items of
every town (those that name a congress), read only. The same rule is applied to documents
(has_permission) and to every list query (permission_query_conditions).

On a site shared by the organ and towns, a user confined to towns (User Permissions on Congress,
livelihood_projects/towns.py) sees only items that name a congress — Frappe's User Permissions
then narrow those to their own towns — so a town office that supervises its town's items sees
none of the organ's party items (which name no congress), unless they answer for one.
"""

import frappe
from frappe.core.doctype.user_permission.user_permission import get_user_permissions

import sanyou_app.common.fieldlevel  # noqa: F401  (closes Frappe's field-level list hole)
from sanyou_app.rectification.owners import SUPERVISOR_ROLE

SEE_ALL = {"System Manager", SUPERVISOR_ROLE, "Organ Party Committee Officer"}
# the county congress office reads every town's items (those raised by a town's survey or
# inspection: they name its congress), and changes none
COUNTY_ROLE = "County Congress Office"
SECRETARY_ROLE = "Branch Secretary"
READ_ONLY = {"read", "print", "report", "export", "email"}


def _branches(user: str) -> list[str]:
	return [p.get("doc") for p in get_user_permissions(user).get("Party Branch", [])]


def _sees_all(user: str) -> bool:
	return user == "Administrator" or bool(SEE_ALL & set(frappe.get_roles(user)))


def _town_confined(user: str) -> bool:
	return user != "Administrator" and bool(get_user_permissions(user).get("Congress"))


def has_permission(doc, ptype=None, user=None, debug=False):
	user = user or frappe.session.user
	if _town_confined(user) and not doc.get("congress") and doc.get("owner_user") != user:
		return False
	if _sees_all(user):
		return None
	if doc.get("owner_user") and doc.get("owner_user") == user:
		return None
	if (ptype or "read") in READ_ONLY and doc.get("congress") and COUNTY_ROLE in frappe.get_roles(user):
		return None
	if (
		(ptype or "read") in READ_ONLY
		and SECRETARY_ROLE in frappe.get_roles(user)
		and doc.get("party_branch")
		and doc.get("party_branch") in _branches(user)
	):
		return None
	return False


def query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	table = "`tabRectification Item`"
	if _town_confined(user):
		# the towns' items (narrowed to the user's own by Frappe) and what the user answers for
		towns = f"(ifnull({table}.congress, '') != '' or {table}.owner_user = {frappe.db.escape(user)})"
		return towns if _sees_all(user) else f"({towns} and {_own(user, table)})"
	if _sees_all(user):
		return ""
	return _own(user, table)


def _own(user: str, table: str) -> str:
	"""The items a user who does not see all sees: answered for, their branches', or (county) towns'."""
	conditions = [f"{table}.owner_user = {frappe.db.escape(user)}"]
	if COUNTY_ROLE in frappe.get_roles(user):
		conditions.append(f"ifnull({table}.congress, '') != ''")
	if SECRETARY_ROLE in frappe.get_roles(user):
		branches = _branches(user)
		if branches:
			values = ", ".join(frappe.db.escape(b) for b in branches)
			conditions.append(f"{table}.party_branch in ({values})")
	return "(" + " or ".join(conditions) + ")"
