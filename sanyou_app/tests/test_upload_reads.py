"""Every import reads its workbook as its user may: pointing an import at someone else's private
file (a URL typed into an attach field, or sent to the API) is refused, and nothing of the file
comes back (common/importing.upload)."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from sanyou_app.demo import assessment, liaison
from sanyou_app.demo.organ import OFFICER
from sanyou_app.tests.test_print_and_demo import TOWN, ensure_demo


def as_user(user, fn, *args):
	frappe.set_user(user)
	try:
		return fn(*args)
	finally:
		frappe.set_user("Administrator")


class TestUploadReads(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()
		frappe.set_user("Administrator")
		book = Workbook()
		book.active.append(["姓名", "身份证号"])
		book.active.append(["王某", "340000199001010000"])
		out = io.BytesIO()
		book.save(out)
		# a private file of the administrator's, attached to nothing: nobody else may read it
		cls.secret = (
			frappe.get_doc(
				{"doctype": "File", "file_name": "机密名单.xlsx", "is_private": 1, "content": out.getvalue()}
			)
			.insert()
			.file_url
		)

	def refused(self, user, fn, *args):
		with self.assertRaises(frappe.PermissionError) as caught:
			as_user(user, fn, *args)
		self.assertIn("您无权读取该文件", str(caught.exception))

	def test_the_offline_scores_of_a_cycle(self):
		cycle = frappe.get_doc("Assessment Cycle", {"year": assessment.YEAR})
		assessor = assessment.ASSESSORS[0][0]
		self.refused(assessor, cycle.import_scores, self.secret)
		self.assertNotEqual(frappe.db.get_value("Assessment Cycle", cycle.name, "job_step"), "导入离线评分")

	def test_a_quarterly_tests_scores(self):
		from sanyou_app.party_building.api import import_scores

		test = frappe.db.get_value("Quarterly Test", {})
		frappe.db.set_value("Quarterly Test", test, "score_file", self.secret)
		self.refused(OFFICER[0], import_scores, test)

	def test_a_deputy_theory_exams_scores(self):
		from sanyou_app.deputy_liaison.exam import import_scores

		exam = frappe.db.get_value("Deputy Theory Exam", {})
		frappe.db.set_value("Deputy Theory Exam", exam, "score_file", self.secret)
		self.refused(liaison.DAO_USER[0], import_scores, exam)

	def test_a_livelihood_import(self):
		office = "bangongshi@liuqiao.example.cn"
		doc = frappe.get_doc(
			{
				"doctype": "Livelihood Import",
				"import_type": "人大代表",
				"congress": frappe.db.get_value("Congress", {"region": TOWN}),
				"import_file": self.secret,
			}
		)
		with self.assertRaises(frappe.PermissionError) as caught:
			as_user(office, doc.insert)
		self.assertIn("Excel 文件：您无权使用该文件", str(caught.exception))
		self.assertFalse(frappe.db.get_value("File", {"file_url": self.secret}, "attached_to_name"))

	def test_an_attach_field_takes_only_a_file_its_user_may_read(self):
		"""Frappe attaches an unattached file to the record naming it, for all its readers to read:
		the desk's 保存 of a 季考 with someone else's file, or of a rectification item's evidence
		row, is refused before that."""
		test = frappe.get_doc("Quarterly Test", frappe.db.get_value("Quarterly Test", {}))
		test.score_file = self.secret
		with self.assertRaises(frappe.PermissionError) as caught:
			as_user(OFFICER[0], test.save)
		self.assertIn("成绩文件", str(caught.exception))
		item = frappe.get_doc(
			"Rectification Item",
			frappe.db.get_value("Rectification Item", {"status": ("in", ("待整改", "待验收"))}),
		)
		item.append("evidence", {"file": self.secret})
		with self.assertRaises(frappe.PermissionError) as caught:
			as_user(OFFICER[0], item.save)
		self.assertRegex(str(caught.exception), r"第\d+行 .*您无权使用该文件")
		self.assertFalse(frappe.db.get_value("File", {"file_url": self.secret}, "attached_to_name"))
		# a file of their own (uploaded from the form) is theirs to attach
		own = as_user(
			OFFICER[0],
			lambda: (
				frappe.get_doc(
					{"doctype": "File", "file_name": "本人成绩.xlsx", "is_private": 1, "content": b"x"}
				)
				.insert()
				.file_url
			),
		)
		test.reload()
		test.score_file = own
		as_user(OFFICER[0], test.save)
