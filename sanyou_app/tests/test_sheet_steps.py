"""A score sheet's steps hold on the server, over HTTP as the demo's people: the branch writes its
evidence and self-assessment at 资料报送 and never the assessor's scores; the assessor scores at
赋分评价 and never rewrites the branch's self-assessment. A refused change names the field and
the row, in Chinese."""

import json
import unittest

import frappe
import requests
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from sanyou_app.assessment import cycle as cycles
from sanyou_app.core.assessment import HAND
from sanyou_app.tests.test_browser import ASSESSOR, ORGAN, SECRETARY
from sanyou_app.tests.test_desk_party_rules import Session
from sanyou_app.tests.test_print_and_demo import ensure_demo

SHEET = "Assessment Score Sheet"
YEAR = 2024  # a year of its own: the demo's cycle is 2025's


def messages(response) -> list[str]:
	return [json.loads(m)["message"] for m in json.loads(response.json().get("_server_messages", "[]"))]


class TestSheetSteps(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()
		cls.base_url = frappe.utils.get_url()
		try:
			requests.get(f"{cls.base_url}/api/method/ping", timeout=30).raise_for_status()
		except requests.RequestException as e:
			raise unittest.SkipTest(f"the site is not served at its host_name {cls.base_url} ({e})") from e
		if not frappe.db.exists("User", ASSESSOR):
			raise unittest.SkipTest("the demo's assessment (its assessors) is not loaded")
		cls.branch = frappe.db.get_value("Party Member", {"user": SECRETARY}, "party_branch")
		root = frappe.db.get_value("Party Branch", cls.branch, "parent_party_branch")
		frappe.set_user(ORGAN)
		cycle = frappe.get_doc(
			{
				"doctype": "Assessment Cycle",
				"year": YEAR,
				"title": f"{YEAR}年度“两争”考核（步骤测试）",
				"party_committee": root,
				"branch_template": "党支部考核实施细则（五个好）",
			}
		).insert()
		frappe.set_user("Administrator")
		cls.cycle = cycle.name
		cycles.run_step(cycle.name, cycles.CREATE)  # what the background job does
		cls.sheet = frappe.db.get_value(
			SHEET, {"cycle": cycle.name, "assessee_kind": "党支部", "party_branch": cls.branch}
		)
		frappe.db.commit()  # nosemgrep: the served site reads committed rows

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for name in frappe.get_all(SHEET, {"cycle": cls.cycle}, pluck="name"):
			frappe.delete_doc(SHEET, name, force=True, ignore_permissions=True)
		frappe.delete_doc("Assessment Cycle", cls.cycle, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what the test committed
		super().tearDownClass()

	def session(self, user: str) -> Session:
		return Session(self.base_url, user)

	def hand_row(self, doc: dict) -> tuple[int, dict]:
		return next((i, r) for i, r in enumerate(doc["criteria"], 1) if r["scoring_method"] == HAND)

	def stored(self, row: str, *fields):
		frappe.db.rollback()  # read what the requests committed
		return frappe.db.get_value("Assessment Sheet Criterion", row, fields)

	def test_each_step_writes_its_own_fields_only(self):
		branch = self.session(SECRETARY)
		# 资料报送: the branch reports, and is told it may not score itself
		doc = branch.doc(SHEET, self.sheet)
		self.assertEqual(doc["status"], "资料报送")
		idx, row = self.hand_row(doc)
		form = branch.get("frappe.desk.form.load.getdoc", doctype=SHEET, name=self.sheet).json()
		writable = form["docs"][0]["__onload"]["writable_fields"]  # what its form offers editable
		self.assertEqual(writable["criteria"], ["evidence", "evidence_file", "self_score"])
		row.update(
			evidence="全年学习计划、研讨记录12份", self_score=row["max_score"] - 1, score=row["max_score"]
		)
		r = branch.save(doc)
		self.assertEqual(r.status_code, 417, r.text)
		self.assertEqual(
			messages(r),
			[f"考核细则第{idx}行（{row['criterion']}）的评分人评分：在“资料报送”步骤不能由您修改"],
		)
		self.assertEqual(self.stored(row["name"], "evidence", "score"), (None, 0))
		row.pop("score")  # as the branch's form sends it: a field it cannot read comes back empty
		r = branch.save(doc)
		self.assertEqual(r.status_code, 200, r.text)
		self.assertEqual(
			self.stored(row["name"], "evidence", "self_score"),
			("全年学习计划、研讨记录12份", row["max_score"] - 1),
		)

		frappe.set_user(SECRETARY)  # the branch hands its evidence in; the 机关党委 starts scoring
		apply_workflow(frappe.get_doc(SHEET, self.sheet), "提交资料")
		frappe.set_user(ORGAN)
		apply_workflow(frappe.get_doc(SHEET, self.sheet), "开始赋分")
		frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep: the served site reads committed rows

		# 赋分评价: the assessor scores, and may not rewrite the branch's self-assessment
		assessor = self.session(ASSESSOR)
		doc = assessor.doc(SHEET, self.sheet)
		self.assertEqual(doc["status"], "赋分评价")
		idx, row = self.hand_row(doc)
		row.update(score=row["max_score"] - 0.5, self_score=row["max_score"], evidence="评分人改写的材料")
		r = assessor.save(doc)
		self.assertEqual(r.status_code, 417, r.text)
		self.assertEqual(
			messages(r),
			[
				f"考核细则第{idx}行（{row['criterion']}）的报送的佐证材料：在“赋分评价”步骤不能由您修改"
				+ f"<br>考核细则第{idx}行（{row['criterion']}）的自评分：在“赋分评价”步骤不能由您修改"
			],
		)
		self.assertEqual(
			self.stored(row["name"], "evidence", "self_score", "score"),
			("全年学习计划、研讨记录12份", row["max_score"] - 1, 0),
		)
		doc = assessor.doc(SHEET, self.sheet)
		_idx, row = self.hand_row(doc)
		row["score"] = row["max_score"] - 0.5
		r = assessor.save(doc)
		self.assertEqual(r.status_code, 200, r.text)
		self.assertEqual(self.stored(row["name"], "score"), row["max_score"] - 0.5)

		# the branch no longer writes at all (its sheet is out of its hands)
		doc = branch.doc(SHEET, self.sheet)
		_idx, row = self.hand_row(doc)
		row["self_score"] = 0
		r = branch.save(doc)
		self.assertEqual(r.status_code, 403, r.text)
