"""Number cards of the pairing work on the 机关党建 workspace: this year's and quarter's gaps."""

import frappe

from sanyou_app.deputy_liaison.coverage import compute, current_year_and_quarter


def _card(key: str) -> dict:
	year, quarter = current_year_and_quarter()
	return {"value": len(compute(year, quarter)[key]), "fieldtype": "Int"}


@frappe.whitelist()
def groups_without_pairing_card(filters=None):
	return _card("groups_without_pairing")


@frappe.whitelist()
def pairings_without_activity_card(filters=None):
	return _card("pairings_without_activity")


@frappe.whitelist()
def topics_without_report_card(filters=None):
	return _card("topics_without_report")


@frappe.whitelist()
def reports_not_converted_card(filters=None):
	return _card("reports_not_converted")


@frappe.whitelist()
def suggestions_overdue_card(filters=None):
	return _card("suggestions_overdue")
