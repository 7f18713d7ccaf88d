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


def owner_names(items) -> dict[str, str]:
	"""What people call each owner of the items: a unit by its title (a member's name, a project's
	title), a person by their full name, never a record number or an e-mail.

	`items`: owner_doctype, owner_name, owner_user, owner_user_full_name."""
	names: dict[str, str] = {}
	for item in items:
		if item.get("owner_name"):
			if item["owner_name"] in names:
				continue
			title_field = (
				frappe.get_meta(item["owner_doctype"]).title_field if item.get("owner_doctype") else None
			)
			title = (
				frappe.db.get_value(item["owner_doctype"], item["owner_name"], title_field)
				if title_field
				else None
			)
			names[item["owner_name"]] = title or item["owner_name"]
		elif item.get("owner_user"):
			names[item["owner_user"]] = item.get("owner_user_full_name") or item["owner_user"]
	return names
