"""Every child table of the app's doctypes carries its parent's scope, on every road.

Frappe v15 checks a query on a child table (`frappe.client.get_list(<child>, parent=...)`,
`/api/resource/<child>?parent=...`, the report view and its group-by counts) against the parent
doctype's role permissions only: not the parent's `has_permission` hook, its list conditions or
the user's User Permissions on it. So a user who may read some votes, branches or score sheets
would list the rows of all of them.

The child tables are read off the app's doctype JSON (every Table and Table MultiSelect field of
every doctype of the app), never off a hand-kept list, and `hooks.py` registers `child_conditions`
as the permission query condition of each of them: a row is listed only when the user may list
its parent record (`parenttype` one of its parents, `parent` among the records `frappe.get_list`
gives the user: role permissions, User Permissions, the parent's list conditions, shares).

A parent whose records are scoped by a `has_permission` hook alone (no list condition) cannot be
checked in SQL: its rows are listed directly to Administrator only. Everyone else reads them in
their parent's form, which runs the hook.

This module reads no frappe at import: hooks.py imports it.
"""

from __future__ import annotations

import functools
import glob
import json
import os

APP_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE_FIELDTYPES = ("Table", "Table MultiSelect")
CHILD_CONDITIONS = "sanyou_app.common.scope.child_conditions"


@functools.cache
def app_doctypes() -> dict[str, dict]:
	"""{name: doctype JSON} of every doctype the app defines."""
	out = {}
	for path in sorted(glob.glob(os.path.join(APP_DIR, "*", "doctype", "*", "*.json"))):
		if os.path.basename(path)[:-5] != os.path.basename(os.path.dirname(path)):
			continue
		with open(path, encoding="utf-8") as f:
			doc = json.load(f)
		if doc.get("doctype") == "DocType":
			out[doc["name"]] = doc
	return out


@functools.cache
def child_parents() -> dict[str, tuple[tuple[str, str], ...]]:
	"""{child doctype: ((parent doctype, table field), ...)} for every table field of the app."""
	out: dict[str, list[tuple[str, str]]] = {}
	for name, doc in app_doctypes().items():
		if doc.get("istable"):
			continue
		for field in doc.get("fields", []):
			if field.get("fieldtype") in TABLE_FIELDTYPES and field.get("options"):
				out.setdefault(field["options"], []).append((name, field["fieldname"]))
	return {child: tuple(parents) for child, parents in sorted(out.items())}


def child_condition_hooks() -> dict[str, str]:
	"""permission_query_conditions for every child table of the app (hooks.py)."""
	return {child: CHILD_CONDITIONS for child in child_parents()}


# --- at run time ----------------------------------------------------------------------------


def hooked(doctype: str, hook: str) -> bool:
	import frappe

	return doctype in frappe.get_hooks(hook, {})


def record_scoped(doctype: str) -> bool:
	"""A doctype whose records the app scopes beyond role permissions (has_permission or list
	conditions), or a child table of one."""
	if hooked(doctype, "has_permission") or (
		doctype not in child_parents() and hooked(doctype, "permission_query_conditions")
	):
		return True
	return any(record_scoped(parent) for parent, _ in child_parents().get(doctype, ()))


def readable_records(doctype: str, user: str) -> str | None:
	"""SQL selecting the names of the records of `doctype` the user may list ("" for every
	record, None for none)."""
	import frappe

	if hooked(doctype, "has_permission") and not hooked(doctype, "permission_query_conditions"):
		# the hook decides per record in Python: no SQL can carry it
		return "" if user == "Administrator" else None
	if user != "Administrator" and not (
		frappe.has_permission(doctype, "read", user=user)
		or frappe.has_permission(doctype, "select", user=user)
	):
		return None
	meta = frappe.get_meta(doctype)
	if meta.issingle:
		return ""  # one record: its rows stand under the doctype's own name
	if meta.is_virtual:
		return "" if user == "Administrator" else None
	return frappe.get_list(doctype, fields=["name"], user=user, limit_page_length=0, order_by="", run=0)


def child_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A child table's rows only under parent records the user may list."""
	import frappe

	user = user or frappe.session.user
	table = f"`tab{doctype}`"
	parts = []
	for parent in dict.fromkeys(p for p, _ in child_parents().get(doctype, ())):
		records = readable_records(parent, user)
		if records is None:
			continue
		condition = f"{table}.`parenttype` = {frappe.db.escape(parent)}"
		if records:
			condition += f" and {table}.`parent` in ({records})"
		parts.append(f"({condition})")
	return "(" + " or ".join(parts) + ")" if parts else "1 = 0"
