"""Install and migrate hooks: create what the app ships only when it is missing.

Roles (with their desk settings), workflows and number cards are records administrators customise. They are
created from JSON kept in the app the first time, and never overwritten afterwards: a later change
of ours goes into a patch, so an administrator's edits survive `bench migrate`.
"""

import json
from pathlib import Path

import frappe

APP = Path(__file__).resolve().parent.parent
STATE_STYLES = {"Primary", "Info", "Success", "Warning", "Danger", "Inverse"}


def after_install():
	ensure_records()


def after_migrate():
	ensure_records()


def ensure_records():
	for role in _load(APP / "setup" / "roles.json"):
		ensure_role(role)
	for path in sorted((APP / "workflow").glob("*.json")):
		ensure_workflow(_load(path))
	from sanyou_app.voting.ballot_box import ensure_ballot_box_user

	ensure_ballot_box_user()
	from sanyou_app.deputy_liaison.install import ensure_room_standard

	ensure_room_standard()
	for card in _load(APP / "setup" / "number_cards.json"):
		if not frappe.db.exists("Number Card", card["name"]):
			frappe.get_doc(card).insert(ignore_permissions=True)
	from sanyou_app.project_supervision.setup import ensure_professions

	ensure_professions()
	from sanyou_app.assessment.install import ensure_default_rulebook

	ensure_default_rulebook()
	from sanyou_app.setup.desk import ensure_desk

	ensure_desk()
	frappe.db.commit()  # nosemgrep: install hooks run outside a request


def _load(path: Path):
	return json.loads(path.read_text(encoding="utf-8"))


def ensure_role(spec: dict) -> None:
	name = spec["role_name"]
	if not frappe.db.exists("Role", name):
		frappe.get_doc({"doctype": "Role", **spec}).insert(ignore_permissions=True)
		return
	# Syncing a doctype whose permissions name a missing role makes that role on the spot (desk
	# access, nothing else), before this hook runs. A role in that state, never edited since, gets
	# the settings shipped here; a role anybody has edited is left as it is.
	creation, modified = frappe.db.get_value("Role", name, ["creation", "modified"])
	if creation != modified:
		return
	doc = frappe.get_doc("Role", name)
	changes = {k: v for k, v in spec.items() if k != "role_name" and doc.get(k) != v}
	if changes:
		doc.update(changes)
		doc.save(ignore_permissions=True)


def ensure_workflow(spec: dict) -> None:
	for state in spec["states"]:
		if not frappe.db.exists("Workflow State", state["state"]):
			style = state.get("style") if state.get("style") in STATE_STYLES else ""
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state["state"], "style": style}
			).insert(ignore_permissions=True)
	for transition in spec["transitions"]:
		if not frappe.db.exists("Workflow Action Master", transition["action"]):
			frappe.get_doc(
				{"doctype": "Workflow Action Master", "workflow_action_name": transition["action"]}
			).insert(ignore_permissions=True)
	if frappe.db.exists("Workflow", spec["name"]):
		return
	doc = frappe.get_doc({**spec, "states": [_state_row(s) for s in spec["states"]]})
	doc.insert(ignore_permissions=True)


def _state_row(state: dict) -> dict:
	return {k: v for k, v in state.items() if k != "style"}
