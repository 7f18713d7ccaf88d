"""Screening and deliberation: each step is taken only by the role the workflow names."""

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase

from sanyou_app.tests.fixtures import PRELIMINARY, act_as, make_town, proposal, user_for

OFFICE, PRESIDIUM, PARTY, DEPUTY = (
	"Town Congress Office",
	"Presidium Member",
	"Party Committee Approver",
	"Congress Deputy",
)


def state(name: str) -> str:
	return frappe.db.get_value("Livelihood Proposal", name, "workflow_state")


class TestScreeningWorkflow(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = {role: user_for(role) for role in (OFFICE, PRESIDIUM, PARTY, DEPUTY)}
		cls.town = make_town()

	def new(self, **values) -> str:
		frappe.set_user(self.users[OFFICE])
		try:
			return proposal(self.town.cycle, **values)
		finally:
			frappe.set_user("Administrator")

	def test_full_path_to_candidate_each_step_by_its_role(self):
		name = self.new()
		self.assertEqual(state(name), "待评议")
		for wrong in (PRESIDIUM, PARTY, DEPUTY):
			with self.assertRaises((WorkflowTransitionError, frappe.PermissionError), msg=wrong):
				act_as(self.users[wrong], name, "评议保留")
		act_as(self.users[OFFICE], name, "评议保留")
		self.assertEqual(state(name), "已评议保留")
		act_as(self.users[OFFICE], name, "确定为初选项目", **PRELIMINARY)
		self.assertEqual(state(name), "初选项目")
		for wrong in (OFFICE, PARTY, DEPUTY):
			with self.assertRaises((WorkflowTransitionError, frappe.PermissionError), msg=wrong):
				act_as(self.users[wrong], name, "主席团审议通过")
		act_as(self.users[PRESIDIUM], name, "主席团审议通过", presidium_opinion="同意")
		self.assertEqual(state(name), "主席团已审议")
		for wrong in (OFFICE, PRESIDIUM, DEPUTY):
			with self.assertRaises((WorkflowTransitionError, frappe.PermissionError), msg=wrong):
				act_as(self.users[wrong], name, "党委同意")
		act_as(self.users[PARTY], name, "党委同意", party_committee_opinion="同意")
		self.assertEqual(state(name), "候选项目")
		self.assertEqual(frappe.db.get_value("Livelihood Proposal", name, "investment"), 286.5)

	def test_preliminary_project_needs_content_investment_body_deadline(self):
		name = self.new(title="陈集新村下水道改造提升工程")
		act_as(self.users[OFFICE], name, "评议保留")
		with self.assertRaises(frappe.ValidationError) as caught:
			act_as(self.users[OFFICE], name, "确定为初选项目", content="改造管网")
		message = str(caught.exception)
		for label in ("投资金额(万元)", "实施主体", "完成时限"):
			self.assertIn(label, message)
		self.assertNotIn("主要内容", message)
		self.assertEqual(state(name), "已评议保留")

	def test_rejection_needs_a_reason_and_merge_a_live_target(self):
		keep = self.new(title="丁楼村张庄路")
		dup = self.new(title="张庄道路修建")
		with self.assertRaises(frappe.ValidationError) as caught:
			act_as(self.users[OFFICE], dup, "不予采纳")
		self.assertIn("不予采纳理由", str(caught.exception))
		with self.assertRaises(frappe.ValidationError):
			act_as(self.users[OFFICE], dup, "合并", merged_into=dup)
		act_as(self.users[OFFICE], dup, "合并", merged_into=keep)
		self.assertEqual(state(dup), "已合并")
		other = self.new(title="镇区建设大型广场")
		with self.assertRaises(frappe.ValidationError):
			act_as(self.users[OFFICE], other, "合并", merged_into=dup)  # into a merged proposal
		act_as(self.users[OFFICE], other, "不予采纳", rejection_reason="投资过大，当年难以完成")
		self.assertEqual(state(other), "不予采纳")

	def test_presidium_sends_back_and_party_committee_returns(self):
		name = self.new(title="连心小院")
		act_as(self.users[OFFICE], name, "评议保留")
		act_as(self.users[OFFICE], name, "确定为初选项目", **PRELIMINARY)
		with self.assertRaises(frappe.ValidationError) as caught:  # a decision without the opinion
			act_as(self.users[PRESIDIUM], name, "主席团退回")
		self.assertIn("主席团意见", str(caught.exception))
		self.assertEqual(state(name), "初选项目")
		act_as(self.users[PRESIDIUM], name, "主席团退回", presidium_opinion="投资测算依据不足，请补充")
		self.assertEqual(state(name), "已评议保留")
		act_as(self.users[OFFICE], name, "确定为初选项目")
		act_as(self.users[PRESIDIUM], name, "主席团审议通过", presidium_opinion="同意")
		with self.assertRaises(frappe.ValidationError):
			act_as(self.users[PARTY], name, "党委退回")
		act_as(self.users[PARTY], name, "党委退回", party_committee_opinion="请主席团再议")
		self.assertEqual(state(name), "初选项目")

	def test_each_step_writes_only_its_own_fields(self):
		name = self.new(title="刘桥镇返乡大学生创业园")
		act_as(self.users[OFFICE], name, "评议保留")
		act_as(self.users[OFFICE], name, "确定为初选项目", **PRELIMINARY)
		# In 初选项目 the presidium writes its opinion, and nothing of the proposal itself ...
		refused = [
			(PRESIDIUM, {"description": "改写的描述"}),
			(PRESIDIUM, {"investment": 999}),
			(OFFICE, {"presidium_opinion": "代写意见"}),
			(PARTY, {"party_committee_opinion": "提前表态"}),
		]
		for role, values in refused:
			with self.subTest(role=role, values=values), self.assertRaises(frappe.PermissionError):
				act_as(self.users[role], name, None, **values)
		act_as(self.users[PRESIDIUM], name, "主席团审议通过", presidium_opinion="同意提交镇党委")
		# ... and once it has decided, not even its opinion; the party committee writes its own.
		for role, values in ((PRESIDIUM, {"presidium_opinion": "改主意"}), (OFFICE, {"investment": 999})):
			with self.subTest(role=role, values=values), self.assertRaises(frappe.PermissionError):
				act_as(self.users[role], name, None, **values)
		act_as(self.users[PARTY], name, None, party_committee_opinion="同意")
		row = frappe.db.get_value(
			"Livelihood Proposal",
			name,
			["investment", "presidium_opinion", "party_committee_opinion", "description"],
			as_dict=True,
		)
		self.assertEqual(
			(row.investment, row.presidium_opinion, row.party_committee_opinion),
			(286.5, "同意提交镇党委", "同意"),
		)
		self.assertNotEqual(row.description, "改写的描述")

	def test_deputy_reads_but_cannot_write_or_create(self):
		name = self.new(title="大礼堂门前绿化项目")
		frappe.set_user(self.users[DEPUTY])
		try:
			doc = frappe.get_doc("Livelihood Proposal", name)
			self.assertEqual(doc.title, "大礼堂门前绿化项目")
			self.assertFalse(frappe.has_permission("Livelihood Proposal", "write", doc))
			self.assertFalse(frappe.has_permission("Livelihood Proposal", "create"))
			doc.title = "改了"
			with self.assertRaises(frappe.PermissionError):
				doc.save()
		finally:
			frappe.set_user("Administrator")

	def test_proposers_phone_is_hidden_from_all_but_the_office(self):
		name = self.new(title="镇卫生院停车场建设")
		for role, sees in ((OFFICE, True), (PRESIDIUM, False), (PARTY, False), (DEPUTY, False)):
			frappe.set_user(self.users[role])
			try:
				rows = frappe.get_list(
					"Livelihood Proposal", filters={"name": name}, fields=["name", "contact_phone"]
				)
				doc = frappe.get_doc("Livelihood Proposal", name)
				doc.apply_fieldlevel_read_permissions()
			finally:
				frappe.set_user("Administrator")
			self.assertEqual(bool(doc.get("contact_phone")), sees, role)
			self.assertEqual(rows[0].get("contact_phone") == "13912345678", sees, role)

	def test_guest_cannot_read_proposals(self):
		self.new(title="村村通公交")
		frappe.set_user("Guest")
		try:
			with self.assertRaises(frappe.PermissionError):
				frappe.get_list("Livelihood Proposal", fields=["name", "title"])
		finally:
			frappe.set_user("Administrator")
