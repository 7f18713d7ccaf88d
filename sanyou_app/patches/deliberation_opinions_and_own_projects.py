"""The presidium writes its opinion in 初选项目, where it decides, and the party committee in
主席团已审议; a candidate is no longer edited by anyone but an administrator. A project's
申请验收 and 恢复实施 are offered only to the project's own leader (or, for a leader without a login,
to the implementation group reporting for them). Rows an administrator has
changed since they were shipped are left as they are."""

import frappe

PROPOSAL = "民生实事项目评议审议"
PROJECT = "民生实事项目实施"
OWN_LEADER = "not doc.leader_user or doc.leader_user == frappe.session.user"


def execute():
	if frappe.db.exists("Workflow", PROPOSAL):
		doc = frappe.get_doc("Workflow", PROPOSAL)
		rows = {(r.state, r.allow_edit): r for r in doc.states}
		if ("主席团已审议", "Presidium Member") in rows:
			rows[("主席团已审议", "Presidium Member")].allow_edit = "Party Committee Approver"
		if ("候选项目", "Party Committee Approver") in rows:
			rows[("候选项目", "Party Committee Approver")].allow_edit = "System Manager"
		if ("初选项目", "Presidium Member") not in rows and ("初选项目", "Town Congress Office") in rows:
			doc.append("states", {"state": "初选项目", "doc_status": "0", "allow_edit": "Presidium Member"})
		doc.save(ignore_permissions=True)
	if frappe.db.exists("Workflow", PROJECT):
		doc = frappe.get_doc("Workflow", PROJECT)
		for row in doc.transitions:
			if row.action in ("申请验收", "恢复实施") and not row.condition:
				row.condition = OWN_LEADER
		doc.save(ignore_permissions=True)
