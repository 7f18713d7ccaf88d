"""Who answers for a rectification item: the responsible unit's branch and user."""

import frappe

OWNER_ROLE = "Rectification Owner"
SUPERVISOR_ROLE = "Rectification Supervisor"
# Fields of a unit that name the person answering for it: a user, or a member who has one.
PERSON_FIELDS = ("user", "secretary", "leader")


def unit_branch(doctype: str | None, name: str | None) -> str | None:
	"""The party branch a responsible unit belongs to: the branch itself, or the unit's branch."""
	if not doctype or not name:
		return None
	if doctype == "Party Branch":
		return name
	if frappe.get_meta(doctype).has_field("party_branch"):
		return frappe.db.get_value(doctype, name, "party_branch")
	return None


def unit_user(doctype: str | None, name: str | None) -> str | None:
	"""The login of the person who answers for a unit: its user, or its secretary's or leader's."""
	if not doctype or not name:
		return None
	meta = frappe.get_meta(doctype)
	for fieldname in PERSON_FIELDS:
		field = meta.get_field(fieldname)
		if not field or field.fieldtype != "Link":
			continue
		value = frappe.db.get_value(doctype, name, fieldname)
		if not value:
			continue
		if field.options == "User":
			return value
		if frappe.get_meta(field.options).has_field("user"):
			user = frappe.db.get_value(field.options, value, "user")
			if user:
				return user
	return None


def grant_owner_role(user: str | None) -> None:
	"""A user named as responsible for an item may act on it (the workflow's owner steps)."""
	if not user or user in ("Administrator", "Guest") or OWNER_ROLE in frappe.get_roles(user):
		return
	doc = frappe.get_doc("User", user)
	doc.append("roles", {"role": OWNER_ROLE})
	doc.save(ignore_permissions=True)
	frappe.clear_cache(user=user)
