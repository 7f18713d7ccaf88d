"""Who sees what in Party Building: the second lock behind User Permissions.

Frappe applies a user's User Permissions (Party Branch / Party Group / Party Member) to list
views, `frappe.get_list` and `get_doc`. This module applies the same scope again, from the same
User Permissions, on the roads where Frappe does not or where a request could switch it off:

- `attached_query_conditions` (permission_query_conditions of File and Workflow Action): files and
  workflow actions of Party Building records are listed only to users who may read the record.
- `has_permission` (hooked for every Party Building doctype): every document read, written,
  printed or fetched through the API is checked against the user's scope (core.party.denial).
- `query_conditions` (hooked as permission_query_conditions): every list query carries the scope
  as SQL, and a user with a scoped role but no branch sees nothing (fail closed).
- `search_link` / `search_widget` (override_whitelisted_methods): a link search may ask Frappe to
  ignore User Permissions (the desk does so for fields marked "ignore user permissions"), which
  makes it skip every permission check; for Party Building doctypes that flag is dropped.
- `get_count` (override_whitelisted_methods): Frappe's `frappe.client.get_count` counts with no
  permission check at all; for Party Building doctypes it counts what `frappe.get_list` returns.
- `get_open_count` (override_whitelisted_methods): a form's connections count linked records with
  no permission check; Party Building links are counted through `frappe.get_list`.

Script reports apply the scope by reading through `frappe.get_list` (frappe#31063). The child
tables carry their parent's scope through common/scope.py, as every child table of the app does.
See docs/permissions.md for the matrix this enforces.
"""

import frappe
from frappe.utils import getdate

import sanyou_app.common.fieldlevel  # noqa: F401  (closes Frappe's field-level list hole)
from sanyou_app.core.party import (
	BRANCH_DOCTYPE,
	GROUP,
	GROUP_DOCTYPE,
	MEMBER_DOCTYPE,
	ORGAN,
	SCOPE_FIELDS,
	SELF,
	UserScope,
	denial,
	scope_level,
)

PUBLICATION = "Party Affairs Publication"


def user_scope(user: str | None = None) -> UserScope:
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	user = user or frappe.session.user
	level = scope_level(frappe.get_roles(user))
	if level in (None, ORGAN) or user == "Administrator":
		return UserScope(ORGAN if user == "Administrator" else level)
	permissions = get_user_permissions(user)

	def values(doctype):
		return frozenset(p.get("doc") for p in permissions.get(doctype, []))

	return UserScope(
		level, values(BRANCH_DOCTYPE), values(GROUP_DOCTYPE), values(MEMBER_DOCTYPE), user_member(user)
	)


def user_member(user: str | None = None) -> str | None:
	return frappe.db.get_value(
		"Party Member", {"user": user or frappe.session.user, "status": "在册"}, "name"
	)


def is_published(doc) -> bool:
	return bool(doc.get("published_on")) and getdate(doc.get("published_on")) <= getdate()


def has_permission(doc, ptype=None, user=None, debug=False):
	"""Deny what the user's scope excludes; otherwise defer to Frappe (None)."""
	scope = user_scope(user)
	if scope.level in (None, ORGAN):
		return None
	published = is_published(doc) if doc.doctype == PUBLICATION else None
	reason = denial(scope, doc.doctype, ptype or "read", doc, published=published)
	if reason:
		if debug:
			print(f"sanyou_app party scope: {reason}")
		return False
	return None


def _in(column: str, values) -> str:
	quoted = ", ".join(frappe.db.escape(v) for v in sorted(values)) or "''"
	return f"{column} in ({quoted})"


def query_conditions(user=None, doctype=None) -> str:
	"""The user's scope as SQL for list queries of `doctype`."""
	scope = user_scope(user)
	fields = SCOPE_FIELDS.get(doctype)
	if scope.level in (None, ORGAN) or fields is None:
		return ""
	if not scope.branches:
		return "1=0"
	table = f"`tab{doctype}`"
	conditions = []
	if fields.branch:
		column = f"{table}.`{fields.branch}`"
		if fields.organ_wide_allowed:
			conditions.append(f"(ifnull({column}, '') = '' or {_in(column, scope.branches)})")
		else:
			conditions.append(_in(column, scope.branches))
	if scope.level == GROUP and fields.group:
		column = f"{table}.`{fields.group}`"
		conditions.append(f"(ifnull({column}, '') = '' or {_in(column, scope.groups)})")
	if scope.level == SELF and fields.member:
		conditions.append(_in(f"{table}.`{fields.member}`", scope.members))
	if scope.level == SELF and doctype == PUBLICATION:
		today = frappe.db.escape(str(getdate()))
		conditions.append(f"({table}.`published_on` is not null and {table}.`published_on` <= {today})")
	return " and ".join(conditions)


def _readable(doctype: str, user: str | None) -> str | None:
	"""SQL selecting the names of the records of `doctype` the user may read (None: none)."""
	if not frappe.has_permission(doctype, "read", user=user):
		return None
	return frappe.get_list(doctype, fields=["name"], user=user, limit_page_length=0, order_by="", run=0)


def _only_readable(table: str, doctype_column: str, name_column: str, doctypes, user) -> str:
	"""Rows pointing at a record of one of `doctypes` only when the user may read that record."""
	parts = []
	for doctype in doctypes:
		readable = _readable(doctype, user)
		if readable:
			parts.append(
				f"({table}.`{doctype_column}` = {frappe.db.escape(doctype)}"
				f" and {table}.`{name_column}` in ({readable}))"
			)
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


ATTACHED = {
	"File": ("attached_to_doctype", "attached_to_name"),
	"Workflow Action": ("reference_doctype", "reference_name"),
}


def attached_query_conditions(user=None, doctype=None) -> str:
	"""Files and workflow actions that point at a Party Building record: only those whose record
	the user may read. Frappe lists a private file's name for every doctype the user reads at all,
	and a workflow action to everyone holding a role that may act on it."""
	scope = user_scope(user)
	if scope.level in (None, ORGAN) or doctype not in ATTACHED:
		return ""
	doctype_column, name_column = ATTACHED[doctype]
	table = f"`tab{doctype}`"
	party = ", ".join(frappe.db.escape(d) for d in sorted(SCOPE_FIELDS))
	readable = _only_readable(table, doctype_column, name_column, sorted(SCOPE_FIELDS), user)
	return f"(ifnull({table}.`{doctype_column}`, '') not in ({party}) or {readable})"


def validate_share(doc, method=None):
	"""A share would open a record even where the scope forbids it (Frappe consults shares after
	every other check): refuse to share a Party Building record with everyone, or with a user whose
	scope excludes it."""
	if doc.share_doctype not in SCOPE_FIELDS:
		return
	if doc.everyone:
		frappe.throw("党建记录不能共享给所有人", title="不能共享")
	record = frappe.get_doc(doc.share_doctype, doc.share_name)
	published = is_published(record) if doc.share_doctype == PUBLICATION else None
	reason = denial(user_scope(doc.user), doc.share_doctype, "read", record, published=published)
	if reason:
		frappe.throw(f"不能共享给{doc.user}：{reason}", title="不能共享")
