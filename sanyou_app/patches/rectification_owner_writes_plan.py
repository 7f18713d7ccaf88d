"""The person answering for a rectification item writes its plan as soon as the item is theirs
(待整改), not only after 开始整改: the workflow's state 待整改 gets a second row letting the owner edit
(the supervisor's row stays, and so does anything else an administrator changed). Items show the
responsible person's name beside their login."""

import frappe

WORKFLOW = "整改清单"
ROW = {"state": "待整改", "doc_status": "0", "allow_edit": "Rectification Owner"}


def execute():
	if frappe.db.exists("Workflow", WORKFLOW):
		doc = frappe.get_doc("Workflow", WORKFLOW)
		if not [s for s in doc.states if s.state == ROW["state"] and s.allow_edit == ROW["allow_edit"]]:
			rows = list(doc.states)
			at = next((i for i, s in enumerate(rows) if s.state == ROW["state"]), len(rows)) + 1
			doc.states = []
			for row in rows[:at]:
				doc.append("states", row)
			doc.append("states", ROW)
			for row in rows[at:]:
				doc.append("states", row)
			doc.save(ignore_permissions=True)
	frappe.reload_doc("rectification", "doctype", "rectification_item")
	frappe.db.sql(
		"""update `tabRectification Item` item join `tabUser` u on u.name = item.owner_user
		set item.owner_user_full_name = u.full_name where ifnull(item.owner_user, '') != ''"""
	)
