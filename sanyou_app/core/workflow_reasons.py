"""Which workflow actions must say why: every 退回 (send back) of every workflow of the app.

A user who sends a record back writes the reason; it is kept on the record as a comment
("退回理由：…") that the record's owner reads in its timeline. The rule covers any action whose
name contains 退回 (退回, 主席团退回, 党委退回, 验收退回, 退回整改, 退回重报) and those named in
REASON_ACTIONS, so a workflow an administrator adds later is covered by its action's name.
"""

RETURN_WORD = "退回"
# actions that need a reason though their name does not say 退回
REASON_ACTIONS: tuple[str, ...] = ()
MAX_REASON = 500
# Steps whose form already has a field for the reason (the presidium's and the party committee's
# opinion, the inspection's findings): filled in, it is the reason and the desk does not ask again.
REASON_FIELDS: dict[str, dict[str, str]] = {
	"Livelihood Proposal": {"主席团退回": "presidium_opinion", "党委退回": "party_committee_opinion"},
	"Assessment Score Sheet": {"退回重报": "inspection_note"},
}


def needs_reason(action: str | None) -> bool:
	action = (action or "").strip()
	return bool(action) and (RETURN_WORD in action or action in REASON_ACTIONS)


def applied_actions(
	transitions: list[dict], old_state: str, new_state: str, action: str | None = None
) -> list[str]:
	"""The actions that may have moved a record from old_state to new_state: the one the user
	asked for if it is such a transition, else every transition between the two states."""
	between = [t["action"] for t in transitions if t["state"] == old_state and t["next_state"] == new_state]
	if action and action in between:
		return [action]
	return between


def reason_required(
	transitions: list[dict], old_state: str, new_state: str, action: str | None = None
) -> bool:
	"""Whether this change of state needs a reason (unchanged state: no)."""
	if not old_state or old_state == new_state:
		return False
	return any(needs_reason(a) for a in applied_actions(transitions, old_state, new_state, action))


def reason_field(doctype: str, action: str) -> str | None:
	"""The record's own field that holds the reason for this action, if its form has one."""
	return REASON_FIELDS.get(doctype, {}).get(action)


def clean_reason(text: str | None) -> str:
	"""The reason as the comment keeps it: trimmed, blank lines and runs of spaces folded."""
	lines = [" ".join(line.split()) for line in (text or "").splitlines()]
	return "\n".join(line for line in lines if line)[:MAX_REASON]


def reason_comment(action: str, reason: str) -> str:
	"""The comment's text: 退回理由：… for a 退回, else <action>理由：…"""
	label = RETURN_WORD if RETURN_WORD in action else action
	return f"{label}理由：{clean_reason(reason)}"
