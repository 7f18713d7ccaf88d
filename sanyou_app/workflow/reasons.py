"""A reason on every 退回, for every workflow (core/workflow_reasons.py says which actions).

The desk asks for the reason when the user presses the action (public/js/sanyou_desk.bundle.js) and
sends it with Frappe's apply_workflow request as `workflow_reason`; code that applies a workflow
sets `doc.flags.workflow_reason`; a step whose form has its own field for it (the presidium's
opinion) takes it from there. Checked when the record is saved in its new state, whichever road
applied it, and kept as a comment on the record ("退回理由：…"), in its timeline.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name

from sanyou_app.core.workflow_reasons import (
	applied_actions,
	clean_reason,
	needs_reason,
	reason_comment,
	reason_field,
	reason_required,
)


def require_reason(doc, method=None):
	"""doc_events "*" before_save: a send-back without a reason is refused, with one it is recorded."""
	if doc.is_new():
		return
	workflow_name = get_workflow_name(doc.doctype)
	if not workflow_name:
		return
	workflow = frappe.get_cached_doc("Workflow", workflow_name)
	before = doc.get_doc_before_save()
	field = workflow.workflow_state_field
	old_state, new_state = (before.get(field) if before else None), doc.get(field)
	transitions = [t.as_dict() for t in workflow.transitions]
	asked = frappe.form_dict.get("action") if _applying_workflow() else None
	if not reason_required(transitions, old_state, new_state, asked):
		return
	action = next(a for a in applied_actions(transitions, old_state, new_state, asked) if needs_reason(a))
	own_field = reason_field(doc.doctype, action)
	reason = clean_reason(
		doc.flags.workflow_reason
		or frappe.form_dict.get("workflow_reason")
		or (doc.get(own_field) if own_field else None)
	)
	if not reason:
		frappe.throw(_("Write the reason for sending this record back"), title=_("Reason Required"))
	doc.add_comment("Comment", reason_comment(action, reason))


def _applying_workflow() -> bool:
	return frappe.form_dict.get("cmd") == "frappe.model.workflow.apply_workflow"


@frappe.whitelist()
def reason_to_ask(doctype: str, action: str) -> dict:
	"""What the desk asks before applying this workflow action: whether a reason is needed, and the
	record's field that may already hold it."""
	return {"needed": needs_reason(action), "field": reason_field(doctype, action)}
