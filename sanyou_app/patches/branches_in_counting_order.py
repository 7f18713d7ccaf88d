"""Branches list 第一、第二、第三… (by the number in their name), not by their names' characters:
each branch without an order gets the one its name gives."""

import frappe

from sanyou_app.core.party import branch_order


def execute():
	frappe.reload_doc("party_building", "doctype", "party_branch")
	for name in frappe.get_all("Party Branch", filters={"display_order": ("in", (0, None))}, pluck="name"):
		frappe.db.set_value(
			"Party Branch", name, "display_order", branch_order(name) or 0, update_modified=False
		)
