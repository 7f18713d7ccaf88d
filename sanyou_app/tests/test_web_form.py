"""The public proposes projects through the web form, without logging in."""

import json
import random

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.website.doctype.web_form.web_form import accept

from sanyou_app.tests.fixtures import make_town

GOOD = {
	"title": "村庄扶贫路",
	"village": "丁楼村",
	"description": "硬化村内道路约3公里",
	"reason": "雨天道路泥泞，群众出行不便",
	"estimated_cost": 120.5,
	"proposer_name": "张三",
	"contact_phone": "139 1234 5678",
}


def submit_as_guest(data: dict, ip: str) -> str:
	frappe.set_user("Guest")
	frappe.local.request_ip = ip
	try:
		return accept("livelihood-proposal", json.dumps(data)).name
	finally:
		frappe.set_user("Administrator")
		frappe.local.request_ip = None
		frappe.flags.in_web_form = False


class TestPublicWebForm(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Other tests' towns may have windows open today: close them so this cycle is the open one.
		frappe.db.sql(
			"update `tabLivelihood Cycle` set collection_end = '2000-01-01' where collection_end >= curdate()"
		)
		cls.town = make_town(guest_submissions_per_hour=3)

	def ip(self) -> str:
		# Addresses as a request would carry them (documentation range; nothing is sent anywhere).
		return f"198.51.{random.randint(0, 255)}.{random.randint(0, 255)}"

	def test_valid_submission_is_saved_for_the_open_cycle_as_web(self):
		name = submit_as_guest({**GOOD, "title": "<b>村庄</b>扶贫路<script>alert(1)</script>"}, self.ip())
		doc = frappe.get_doc("Livelihood Proposal", name)
		self.assertEqual(doc.cycle, self.town.cycle)
		self.assertEqual(doc.channel, "网络征集")
		self.assertEqual(doc.workflow_state, "待评议")
		self.assertEqual(doc.title, "村庄扶贫路alert(1)")
		self.assertEqual(doc.contact_phone, "13912345678")
		self.assertEqual(doc.estimated_cost, 120.5)
		self.assertEqual(doc.owner, "Guest")

	def test_refusals_name_field_and_reason_and_save_nothing(self):
		cases = [
			({"contact_phone": "12345"}, "联系电话：格式不正确"),
			({"title": ""}, "项目名称"),
			({"title": "路" * 61}, "项目名称：不能超过60个字"),
			({"estimated_cost": -5}, "估算投资(万元)：不能为负数"),
			({"reason": "   "}, "建议理由"),
		]
		for change, expected in cases:
			before = frappe.db.count("Livelihood Proposal", {"cycle": self.town.cycle})
			with self.assertRaises(frappe.ValidationError, msg=expected) as caught:
				submit_as_guest({**GOOD, **change}, self.ip())
			self.assertIn(expected, str(caught.exception))
			self.assertEqual(frappe.db.count("Livelihood Proposal", {"cycle": self.town.cycle}), before)

	def test_throttle_per_address(self):
		ip = self.ip()
		for i in range(3):
			submit_as_guest({**GOOD, "title": f"建议{i}"}, ip)
		with self.assertRaises(frappe.ValidationError) as caught:
			submit_as_guest({**GOOD, "title": "第四条"}, ip)
		self.assertIn("每小时最多提交3条", str(caught.exception))
		submit_as_guest({**GOOD, "title": "另一地址"}, self.ip())  # another address is not held back

	def test_closed_collection_refuses(self):
		frappe.db.set_value("Livelihood Cycle", self.town.cycle, "collection_end", "2000-01-01")
		try:
			with self.assertRaises(frappe.ValidationError) as caught:
				submit_as_guest(GOOD, self.ip())
			self.assertIn("不在民生实事项目征集期内", str(caught.exception))
		finally:
			frappe.db.set_value(
				"Livelihood Cycle", self.town.cycle, "collection_end", frappe.utils.add_days(None, 3)
			)

	def test_guest_cannot_choose_cycle_or_channel(self):
		name = submit_as_guest({**GOOD, "channel": "代表座谈会", "cycle": "其他年度"}, self.ip())
		doc = frappe.get_doc("Livelihood Proposal", name)
		self.assertEqual((doc.cycle, doc.channel), (self.town.cycle, "网络征集"))
