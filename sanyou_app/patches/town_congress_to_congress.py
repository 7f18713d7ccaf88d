"""Congresses of every level: the doctype Town Congress becomes Congress, its field town becomes region.

Runs before the doctypes are synced, so that the synced Congress finds its table, its records and
every link to them (deputies, deputy groups, cycles, imports, votes, workspace links, versions,
user permissions) already renamed. The level is filled in after the sync
(congress_level_from_region).
"""

import frappe
from frappe.model.utils.rename_field import (
	update_property_setters,
	update_reports,
	update_user_settings,
	update_users_report_view_settings,
)

OLD, NEW = "Town Congress", "Congress"


def execute():
	if not frappe.db.exists("DocType", OLD) or frappe.db.exists("DocType", NEW):
		return
	frappe.rename_doc("DocType", OLD, NEW, force=True, show_alert=False, rebuild_search=False)
	if frappe.db.has_column(NEW, "town") and not frappe.db.has_column(NEW, "region"):
		frappe.db.rename_column(NEW, "town", "region")
		frappe.db.sql("update `tabDocField` set fieldname='region' where parent=%s and fieldname='town'", NEW)
		update_reports(NEW, "town", "region")
		update_users_report_view_settings(NEW, "town", "region")
		update_property_setters(NEW, "town", "region")
		update_user_settings(NEW, "town", "region")
	frappe.clear_cache()
