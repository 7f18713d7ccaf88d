"""Script reports as each of their readers can open them.

Frappe v15's report runner checks, for every Link column with values, that the user may read the
linked doctype, and refuses the whole report otherwise ("No permission to read Party Branch"): a
deputy affairs office that may not read party branches could not open the liaison chain at all,
nor an assessor the ranking. Such columns are shown as text for that user; the rows are the ones
the report already chose by the user's permissions."""

import functools

import frappe


def readable_links(execute):
	"""Decorator of a report's execute: its Link columns to doctypes the user may not read become
	text columns (a link the user could not open anyway)."""

	@functools.wraps(execute)
	def wrapper(filters=None):
		result = execute(filters)
		columns = result[0]
		for column in columns:
			if (
				isinstance(column, dict)
				and column.get("fieldtype") == "Link"
				and column.get("options")
				and not frappe.has_permission(column["options"], "read")
			):
				column["fieldtype"] = "Data"
				column.pop("options")
		return result

	return wrapper
