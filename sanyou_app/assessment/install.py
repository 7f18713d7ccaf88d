"""The default rulebook (考核实施细则), installed only when missing: administrators' edits stay."""

import json
from pathlib import Path

import frappe

RULEBOOK = Path(__file__).resolve().parent / "rulebook" / "default.json"


def ensure_default_rulebook() -> list[str]:
	made = []
	for spec in json.loads(RULEBOOK.read_text(encoding="utf-8")):
		if frappe.db.exists("Assessment Template", spec["template_name"]):
			continue
		doc = frappe.get_doc({"doctype": "Assessment Template", **spec})
		doc.insert(ignore_permissions=True)
		made.append(doc.name)
	return made
