"""No history row carries a value its record hides from a reader.

A Version (doctype `track_changes`) keeps every changed value, and Frappe shows it to whoever
reads the record (the form's timeline) and lists every Version to a System Manager, with no
field-level permission and no regard for the record's own scope. So a Version of a score sheet
would carry its unpublished scores, and a Version of a vote saved while it is counted its count
and result statement, to readers the record itself turns away.

`strip_hidden_values` (doc_events Version before_insert) drops from the diff of every doctype
of the app, derived from its metadata:

- every field at a permission level above 0 (read only by some of the record's readers);
- for a doctype whose records the app scopes (a `has_permission` or list-condition hook, and the
  child tables of such a doctype): every field the system writes (read only or hidden: counts,
  results, computed scores), whose visibility follows the record's state, and every table of
  such rows.

What remains is what a reader of the record sees in any state: the values users typed. Frappe
v15 writes no field value into a Comment, an Activity Log, a notification or a realtime message
when a record is saved (a workflow comment names the new state; `list_update` and `doc_update`
carry the doctype, the name and the user).
"""

from __future__ import annotations

import json

import frappe
from frappe.model import no_value_fields, table_fields

from sanyou_app.common.scope import app_doctypes, record_scoped


def hidden_fields(doctype: str) -> frozenset[str]:
	"""The fields of an app doctype whose values a Version may not carry."""
	if doctype not in app_doctypes():
		return frozenset()
	scoped = record_scoped(doctype)
	out = set()
	for df in frappe.get_meta(doctype).fields:
		if df.fieldtype in no_value_fields and df.fieldtype not in table_fields:
			continue
		if (df.permlevel or 0) > 0 or (scoped and (df.read_only or df.hidden)):
			out.add(df.fieldname)
	return frozenset(out)


def _row(row: dict, child: str | None) -> dict:
	hidden = hidden_fields(child) if child else frozenset()
	return {k: v for k, v in row.items() if k not in hidden}


def strip(data: dict, doctype: str) -> dict:
	meta = frappe.get_meta(doctype)
	hidden = hidden_fields(doctype)

	def child(fieldname):
		df = meta.get_field(fieldname)
		return df.options if df and df.fieldtype in table_fields else None

	if "changed" in data:
		data["changed"] = [c for c in data["changed"] if c[0] not in hidden]
	for key in ("added", "removed"):
		if key in data:
			data[key] = [[f, _row(row, child(f))] for f, row in data[key] if f not in hidden]
	if "row_changed" in data:
		rows = []
		for f, idx, name, changes in data["row_changed"]:
			inner = hidden_fields(child(f)) if child(f) else frozenset()
			changes = [c for c in changes if c[0] not in inner]
			if f not in hidden and changes:
				rows.append([f, idx, name, changes])
		data["row_changed"] = rows
	return data


def strip_hidden_values(doc, method=None):
	"""Version before_insert: the diff of an app record without what the record hides."""
	if doc.ref_doctype not in app_doctypes() or not doc.data:
		return
	data = json.loads(doc.data)
	doc.data = frappe.as_json(strip(data, doc.ref_doctype), indent=None, separators=(",", ":"))
