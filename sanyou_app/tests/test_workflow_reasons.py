"""Every 退回 says why: over HTTP, as the desk sends Frappe's apply_workflow, a send-back without a
reason is refused in Chinese and leaves the record where it was; with one, the record goes back and
the reason is on its timeline as a comment. (The desk's dialog: test_desk_language.)"""

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from sanyou_app.core.party import OFFICER_ROLE
from sanyou_app.tests.fixtures import PRELIMINARY, act_as, make_town, proposal, user_for
from sanyou_app.tests.http import Server
from sanyou_app.tests.party_fixtures import make_branches, make_member, make_user
from sanyou_app.tests.test_vote_attacks import with_api_key

APPLY = "frappe.model.workflow.apply_workflow"


def comments(doctype: str, name: str) -> list[str]:
	return frappe.get_all(
		"Comment",
		filters={"reference_doctype": doctype, "reference_name": name, "comment_type": "Comment"},
		pluck="content",
		order_by="creation",
	)


def messages(response) -> str:
	"""The messages the desk would show for this answer."""
	raw = response.json().get("_server_messages") or "[]"
	return " ".join(json.loads(m).get("message", "") for m in json.loads(raw))


class SendBackNeedsAReason(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		o = make_branches(1)
		cls.officer = make_user(f"reason-officer-{o.tag}@party.test", [OFFICER_ROLE])
		cls.transfers = []
		for i in range(3):
			member = make_member(f"转出党员{i + 1}", o.branches[0])
			doc = frappe.get_doc(
				{
					"doctype": "Membership Transfer",
					"direction": "转出",
					"party_branch": o.branches[0],
					"member": member,
					"other_organisation": "外单位党委",
				}
			).insert()
			frappe.set_user(cls.officer)
			try:
				apply_workflow(doc, "提交审核")
			finally:
				frappe.set_user("Administrator")
			cls.transfers.append(doc.name)
		_, cls.key, cls.secret = with_api_key(cls.officer)
		frappe.db.commit()  # nosemgrep: the server reads committed rows
		cls.server = Server(workers=1, threads=4)

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		super().tearDownClass()

	def apply(self, name: str, action: str, **extra):
		doc = frappe.get_doc("Membership Transfer", name).as_dict(convert_dates_to_str=True)
		return self.server.post(
			f"/api/method/{APPLY}",
			self.key,
			self.secret,
			cmd=APPLY,
			doc=json.dumps(doc),
			action=action,
			**extra,
		)

	def state(self, name: str) -> str:
		frappe.db.rollback()  # see what the server committed
		return frappe.db.get_value("Membership Transfer", name, "workflow_state")

	def test_over_http_a_send_back_without_reason_is_refused_and_with_one_is_recorded(self):
		name = self.transfers[0]
		refused = self.apply(name, "退回")
		self.assertEqual(refused.status_code, 417, refused.text[:300])
		self.assertEqual(messages(refused), "请填写退回理由")
		self.assertEqual(self.state(name), "待审核")
		self.assertEqual(comments("Membership Transfer", name), [])

		blank = self.apply(name, "退回", workflow_reason="   \n ")
		self.assertEqual(blank.status_code, 417)
		self.assertEqual(self.state(name), "待审核")

		done = self.apply(name, "退回", workflow_reason="  转出介绍信抬头有误，\n\n请重新开具 ")
		self.assertEqual(done.status_code, 200, done.text[:300])
		self.assertEqual(self.state(name), "草稿")
		self.assertEqual(
			comments("Membership Transfer", name), ["退回理由：转出介绍信抬头有误，\n请重新开具"]
		)
		owner = frappe.get_all(
			"Comment",
			filters={"reference_name": name, "comment_type": "Comment"},
			pluck="comment_email",
		)
		self.assertEqual(owner, [self.officer])

	def test_other_actions_ask_no_reason(self):
		name = self.transfers[1]
		done = self.apply(name, "同意转接")
		self.assertEqual(done.status_code, 200, done.text[:300])
		self.assertEqual(self.state(name), "已同意")
		self.assertEqual(comments("Membership Transfer", name), [])

	def test_in_code_the_reason_rides_on_the_document(self):
		name = self.transfers[2]
		frappe.set_user(self.officer)
		try:
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(frappe.get_doc("Membership Transfer", name), "退回")
			doc = frappe.get_doc("Membership Transfer", name)
			doc.flags.workflow_reason = "组织关系接收单位未回执"
			apply_workflow(doc, "退回")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Membership Transfer", name, "workflow_state"), "草稿")
		self.assertEqual(comments("Membership Transfer", name), ["退回理由：组织关系接收单位未回执"])

	def test_the_presidium_s_opinion_is_its_reason(self):
		town = make_town()
		name = proposal(town.cycle, title="村级文化广场")
		office, presidium = user_for("Town Congress Office"), user_for("Presidium Member")
		act_as(office, name, "评议保留")
		act_as(office, name, "确定为初选项目", **PRELIMINARY)
		act_as(presidium, name, "主席团退回", presidium_opinion="选址未征求村民意见")
		self.assertEqual(frappe.db.get_value("Livelihood Proposal", name, "workflow_state"), "已评议保留")
		self.assertEqual(comments("Livelihood Proposal", name), ["退回理由：选址未征求村民意见"])
