"""Number card of the rectification list."""

import frappe
from frappe.utils import getdate

from sanyou_app.core.rectification import CLOSED


@frappe.whitelist()
def overdue_items_card(filters=None):
	"""Overdue rectification items the user may read (0 for a user who reads none)."""
	if not frappe.has_permission("Rectification Item", "read"):
		return {"value": 0, "fieldtype": "Int"}
	names = frappe.get_list(
		"Rectification Item",
		filters={"status": ("!=", CLOSED), "deadline": ("<", getdate())},
		pluck="name",
		limit_page_length=0,
	)
	return {"value": len(names), "fieldtype": "Int"}
