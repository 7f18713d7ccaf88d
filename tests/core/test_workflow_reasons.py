import json
from pathlib import Path

from sanyou_app.core.workflow_reasons import (
	REASON_FIELDS,
	applied_actions,
	clean_reason,
	needs_reason,
	reason_comment,
	reason_field,
	reason_required,
)

WORKFLOWS = Path(__file__).resolve().parents[2] / "sanyou_app" / "workflow"
PROPOSAL = [
	{"state": "初选项目", "next_state": "主席团已审议", "action": "主席团审议通过"},
	{"state": "初选项目", "next_state": "已评议保留", "action": "主席团退回"},
	{"state": "主席团已审议", "next_state": "初选项目", "action": "党委退回"},
	{"state": "主席团已审议", "next_state": "候选项目", "action": "党委同意"},
]


def test_every_send_back_needs_a_reason():
	for action in ("退回", "主席团退回", "党委退回", "验收退回", "退回整改", "退回重报"):
		assert needs_reason(action), action
	for action in ("主席团审议通过", "党委同意", "提交验收", "", None):
		assert not needs_reason(action), action


def test_each_workflow_of_the_app_has_its_send_backs_covered():
	covered = {}
	for path in sorted(WORKFLOWS.glob("*.json")):
		spec = json.loads(path.read_text(encoding="utf-8"))
		covered[spec["document_type"]] = sorted(
			t["action"] for t in spec["transitions"] if needs_reason(t["action"])
		)
	assert covered["Livelihood Proposal"] == ["主席团退回", "党委退回"]
	assert covered["Livelihood Project"] == ["验收退回"]
	assert covered["Rectification Item"] == ["退回整改"]
	assert covered["Membership Transfer"] == ["退回", "退回"]
	assert covered["Assessment Score Sheet"] == ["退回重报"]


def test_a_change_of_state_needs_a_reason_only_through_a_send_back():
	assert reason_required(PROPOSAL, "初选项目", "已评议保留")
	assert reason_required(PROPOSAL, "主席团已审议", "初选项目", "党委退回")
	assert not reason_required(PROPOSAL, "初选项目", "主席团已审议")
	assert not reason_required(PROPOSAL, "初选项目", "初选项目")
	assert not reason_required(PROPOSAL, "", "初选项目")


def test_the_action_asked_for_decides_between_two_roads():
	both = [
		{"state": "A", "next_state": "B", "action": "同意"},
		{"state": "A", "next_state": "B", "action": "退回"},
	]
	assert applied_actions(both, "A", "B") == ["同意", "退回"]
	assert not reason_required(both, "A", "B", "同意")
	assert reason_required(both, "A", "B", "退回")
	# no action named (a save that changed the state): any send-back on that road asks for a reason
	assert reason_required(both, "A", "B")


def test_the_comment_reads_as_the_reason():
	assert reason_comment("党委退回", "  投资估算\n\n 依据不足  ") == "退回理由：投资估算\n依据不足"
	assert reason_comment("代表不满意", "未答复") == "代表不满意理由：未答复"
	assert clean_reason("   \n  ") == ""
	assert len(clean_reason("长" * 900)) == 500


def test_a_step_with_its_own_opinion_field_takes_the_reason_from_it():
	assert reason_field("Livelihood Proposal", "主席团退回") == "presidium_opinion"
	assert reason_field("Livelihood Proposal", "党委退回") == "party_committee_opinion"
	assert reason_field("Rectification Item", "退回整改") is None
	for doctype, fields in REASON_FIELDS.items():
		for action in fields:
			assert needs_reason(action), (doctype, action)
