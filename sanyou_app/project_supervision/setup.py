"""What Project Supervision ships for administrators to extend: the evaluators' professions."""

import frappe

from sanyou_app.core.projects import PROFESSIONS


def ensure_professions() -> None:
	"""法律, 财务, 规划, 建设, 审计 — created when missing; administrators add more."""
	for name in PROFESSIONS:
		if not frappe.db.exists("Evaluation Profession", name):
			frappe.get_doc({"doctype": "Evaluation Profession", "profession_name": name}).insert(
				ignore_permissions=True
			)
