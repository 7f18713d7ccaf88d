"""Custom number cards name the doctype they count, so that users who may read it see the card.

Frappe shows a custom card to a user who is not a System Manager only when the card's document type
is one the user may read; the app's cards were first created without one.
"""

import json
from pathlib import Path

import frappe


def execute():
	path = Path(frappe.get_app_path("sanyou_app")) / "setup" / "number_cards.json"
	for card in json.loads(path.read_text(encoding="utf-8")):
		if frappe.db.exists("Number Card", card["name"]) and not frappe.db.get_value(
			"Number Card", card["name"], "document_type"
		):
			frappe.db.set_value("Number Card", card["name"], "document_type", card["document_type"])
