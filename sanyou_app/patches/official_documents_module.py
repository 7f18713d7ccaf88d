"""The module Official Documents (公文设置) on sites installed before it: Frappe creates an app's
Module Defs only at install."""

import frappe


def execute():
	if not frappe.db.exists("Module Def", "Official Documents"):
		frappe.get_doc(
			{"doctype": "Module Def", "module_name": "Official Documents", "app_name": "sanyou_app"}
		).insert(ignore_permissions=True)
