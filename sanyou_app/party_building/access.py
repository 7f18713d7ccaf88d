"""Keep each user's party roles and User Permissions in step with the records.

A user linked to a member on the roll holds the role Party Member; a current 支部书记 or 支部副书记
also Branch Secretary; a current 党小组长 also Party Group Leader. Their User Permissions follow
the widest of their roles (core.party.desired_access). Officers of the organ party committee get
their role by hand and no User Permissions: they see every branch.

Called whenever a member, a term, a re-election or a transfer changes, and daily (terms end by
date).
"""

import frappe
from frappe.permissions import add_user_permission
from frappe.utils import getdate

from sanyou_app.core.party import (
	MANAGED_ROLES,
	SCOPE_DOCTYPES,
	MemberFacts,
	Term,
	access_changes,
	desired_access,
)


def member_facts(name: str | None) -> MemberFacts | None:
	if not name:
		return None
	row = frappe.db.get_value(
		"Party Member", name, ["name", "party_branch", "party_group", "status", "full_name"], as_dict=True
	)
	if not row:
		return None
	return MemberFacts(row.name, row.party_branch, row.party_group, row.status, row.full_name)


def terms_of(member: str) -> list[Term]:
	rows = frappe.get_all(
		"Party Officer Term",
		filters={"member": member},
		fields=["name", "member", "position", "party_branch", "party_group", "start_date", "end_date"],
	)
	return [
		Term(
			r.member,
			r.position,
			r.party_branch,
			r.party_group,
			getdate(r.start_date),
			r.end_date and getdate(r.end_date),
			r.name,
		)
		for r in rows
	]


def sync_user(user: str | None) -> None:
	"""Give `user` exactly the party roles and User Permissions their records call for."""
	if not user or user in ("Administrator", "Guest") or not frappe.db.exists("User", user):
		return
	member = frappe.db.get_value("Party Member", {"user": user, "status": "在册"}, "name")
	facts = member_facts(member)
	roles = set(frappe.get_roles(user))
	desired = desired_access(
		facts, terms_of(member) if member else [], roles - set(MANAGED_ROLES), day=getdate()
	)
	current = frappe.get_all(
		"User Permission",
		filters={"user": user, "allow": ("in", SCOPE_DOCTYPES)},
		fields=["name", "allow", "for_value"],
	)
	changes = access_changes(roles, {(p.allow, p.for_value) for p in current}, desired)
	if changes.empty:
		return
	if changes.add_roles or changes.remove_roles:
		doc = frappe.get_doc("User", user)
		doc.flags.ignore_permissions = True
		doc.set("roles", [r for r in doc.roles if r.role not in changes.remove_roles])
		for role in changes.add_roles:
			doc.append("roles", {"role": role})
		doc.save(ignore_permissions=True)
	# removed first, so that Frappe's check for an existing permission (which counts a branch's
	# descendants) does not see one being taken away; deleted by name, as Frappe's
	# remove_user_permission would check the saving user's right to delete it
	for p in current:
		if (p.allow, p.for_value) in changes.remove_permissions:
			frappe.delete_doc("User Permission", p.name, ignore_permissions=True, force=True)
	for allow, value in changes.add_permissions:
		add_user_permission(allow, value, user, ignore_permissions=True)
	frappe.clear_cache(user=user)


def sync_member(member: str | None) -> None:
	if member:
		sync_user(frappe.db.get_value("Party Member", member, "user"))


def sync_all() -> int:
	"""Every user linked to a member, holding a party role, or holding a scope User Permission."""
	users = set(frappe.get_all("Party Member", filters={"user": ("is", "set")}, pluck="user"))
	users |= set(
		frappe.get_all(
			"Has Role", filters={"role": ("in", MANAGED_ROLES), "parenttype": "User"}, pluck="parent"
		)
	)
	users |= set(frappe.get_all("User Permission", filters={"allow": ("in", SCOPE_DOCTYPES)}, pluck="user"))
	for user in sorted(users):
		sync_user(user)
	return len(users)


def daily() -> None:
	sync_all()
	frappe.db.commit()  # nosemgrep: scheduled job
