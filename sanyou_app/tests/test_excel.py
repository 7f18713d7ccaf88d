"""Excel: templates, all-or-nothing import with an error file, and exports."""

import io
import subprocess
import sys
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook, load_workbook

from sanyou_app.core.sheets import DEPUTY_IMPORT, PROPOSAL_IMPORT
from sanyou_app.livelihood_projects import api, importer
from sanyou_app.tests.fixtures import PRELIMINARY, act_as, make_town, proposal, user_for


def workbook(sheet, rows) -> bytes:
	wb = Workbook()
	ws = wb.active
	ws.append([c.header + ("*" if c.required else "") for c in sheet.columns])
	for row in rows:
		ws.append(row)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def good_rows(n: int, start: int = 0) -> list[list]:
	return [
		[
			f"项目{start + i}",
			"张三",
			"丁楼村",
			f"139{start + i:08d}",
			"硬化道路",
			"出行不便",
			10 + i,
			"通知征集",
		]
		for i in range(n)
	]


def upload(import_type: str, content: bytes, **target) -> "frappe.model.document.Document":
	"""The workbook uploaded on a new import form, then the form saved (Frappe attaches the file)."""
	file = frappe.get_doc(
		{"doctype": "File", "file_name": "导入.xlsx", "is_private": 1, "content": content}
	).insert()
	return frappe.get_doc(
		{"doctype": "Livelihood Import", "import_type": import_type, "import_file": file.file_url, **target}
	).insert()


def read_xlsx(content: bytes) -> list[tuple]:
	return list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))


class TestExcel(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = user_for("Town Congress Office")
		cls.town = make_town()

	def tearDown(self):
		frappe.set_user("Administrator")

	def count(self) -> int:
		return frappe.db.count("Livelihood Proposal", {"cycle": self.town.cycle})

	def test_template_has_the_columns(self):
		frappe.set_user(self.office)
		api.download_template("民生实事项目")
		rows = read_xlsx(frappe.response["filecontent"])
		self.assertEqual(rows[0][:4], ("项目名称*", "建议人姓名*", "所在村(社区)*", "联系电话*"))
		self.assertEqual(frappe.response["filename"], "民生实事项目征集导入模板.xlsx")
		frappe.set_user(user_for("Congress Deputy"))
		with self.assertRaises(frappe.PermissionError):
			api.download_template("民生实事项目")

	def test_good_file_imports_every_row_in_the_first_state(self):
		frappe.set_user(self.office)
		before = self.count()
		doc = upload("民生实事项目", workbook(PROPOSAL_IMPORT, good_rows(25)), cycle=self.town.cycle)
		importer.run(doc.name)
		doc.reload()
		self.assertEqual((doc.status, doc.total_rows, doc.imported_rows), ("已完成", 25, 25))
		self.assertEqual(self.count(), before + 25)
		rows = frappe.get_all(
			"Livelihood Proposal",
			filters={"cycle": self.town.cycle, "title": ("like", "项目%")},
			fields=["workflow_state", "channel", "owner", "estimated_cost", "name"],
			order_by="name",
		)
		self.assertEqual({r.workflow_state for r in rows}, {"待评议"})
		self.assertEqual({r.channel for r in rows}, {"通知征集"})
		self.assertEqual({r.owner for r in rows}, {self.office})
		self.assertEqual(sum(r.estimated_cost for r in rows), sum(10 + i for i in range(25)))
		self.assertEqual(len({r.name for r in rows}), 25)
		# an imported proposal moves on like any other
		act_as(self.office, rows[0].name, "评议保留")
		self.assertEqual(
			frappe.db.get_value("Livelihood Proposal", rows[0].name, "workflow_state"), "已评议保留"
		)
		# and a proposal entered afterwards continues the series
		frappe.set_user(self.office)
		later = proposal(self.town.cycle)
		self.assertGreater(later, rows[-1].name)

	def test_bad_rows_save_nothing_and_return_an_error_file(self):
		rows = good_rows(6, start=100)
		rows[2][3] = "12345"  # Excel row 4: bad phone
		rows[4][0] = None  # Excel row 6: no title
		rows[4][6] = "很多"  # ... and a cost that is not a number
		frappe.set_user(self.office)
		before = self.count()
		doc = upload("民生实事项目", workbook(PROPOSAL_IMPORT, rows), cycle=self.town.cycle)
		importer.run(doc.name)
		doc.reload()
		self.assertEqual(self.count(), before)
		self.assertEqual((doc.status, doc.total_rows, doc.imported_rows), ("未导入", 6, 0))
		self.assertIn("其中2行有错误", doc.result_message)
		self.assertIn("第4行：联系电话：格式不正确", doc.result_message)
		error_rows = read_xlsx(frappe.get_doc("File", {"file_url": doc.error_file}).get_content())
		self.assertEqual(error_rows[0][-1], "错误说明")
		self.assertEqual(len(error_rows), 7)
		self.assertTrue(error_rows[3][-1].startswith("第4行：联系电话：格式不正确"))
		self.assertIn("项目名称：必填", error_rows[5][-1])
		self.assertIn("估算投资(万元)：应为数字", error_rows[5][-1])
		self.assertIsNone(error_rows[1][-1])
		self.assertEqual(error_rows[3][3], "12345")  # the user's own value, to correct in place

	def test_deputies_import_refuses_duplicates_and_unknown_groups(self):
		frappe.set_user(self.office)
		rows = [
			["李四", "男", "陈集村", "13812345678", "是", None],
			["王五", "女", "丁楼村", None, "否", None],
		]
		doc = upload("人大代表", workbook(DEPUTY_IMPORT, rows), congress=self.town.congress)
		importer.run(doc.name)
		doc.reload()
		self.assertEqual(doc.status, "已完成")
		self.assertEqual(frappe.db.get_value("Congress", self.town.congress, "deputies_count"), 2)
		self.assertEqual(
			frappe.db.get_value(
				"Congress Deputy",
				{"full_name": "李四", "congress": self.town.congress},
				"is_presidium_member",
			),
			1,
		)
		again = [
			["李四", "男", "陈集村", None, None, None],
			["赵六", "男", "刘桥村", None, "也许", "第九小组"],
		]
		doc = upload("人大代表", workbook(DEPUTY_IMPORT, again), congress=self.town.congress)
		importer.run(doc.name)
		doc.reload()
		self.assertEqual(doc.status, "未导入")
		self.assertEqual(frappe.db.count("Congress Deputy", {"congress": self.town.congress}), 2)
		errors = read_xlsx(frappe.get_doc("File", {"file_url": doc.error_file}).get_content())
		self.assertIn("该代表已在本届代表名单中", errors[1][-1])
		self.assertIn("主席团成员：应填“是”或“否”", errors[2][-1])
		self.assertIn("代表小组“第九小组”不存在", errors[2][-1])

	def test_import_runs_in_a_real_background_worker(self):
		frappe.set_user(self.office)
		before = self.count()
		doc = upload(
			"民生实事项目", workbook(PROPOSAL_IMPORT, good_rows(40, start=500)), cycle=self.town.cycle
		)
		api.start_import(doc.name)
		self.assertEqual(frappe.db.get_value("Livelihood Import", doc.name, "status"), "排队中")
		with self.assertRaises(frappe.ValidationError):
			api.start_import(doc.name)  # not twice while queued
		frappe.db.commit()  # nosemgrep: the job is queued on commit, and the worker reads committed rows
		worker = subprocess.run(
			[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site]
			+ ["worker", "--queue", "long", "--burst"],
			cwd=Path(frappe.utils.get_bench_path()) / "sites",
			capture_output=True,
			text=True,
			timeout=600,
		)
		self.assertEqual(worker.returncode, 0, worker.stderr[-2000:])
		doc.reload()
		self.assertEqual((doc.status, doc.imported_rows), ("已完成", 40), doc.result_message)
		self.assertEqual(self.count(), before + 40)

	def test_export_all_and_candidates(self):
		frappe.set_user(self.office)
		name = proposal(self.town.cycle, title="连心小院")
		act_as(self.office, name, "评议保留")
		act_as(self.office, name, "确定为初选项目", **PRELIMINARY)
		act_as(user_for("Presidium Member"), name, "主席团审议通过", presidium_opinion="同意")
		act_as(user_for("Party Committee Approver"), name, "党委同意", party_committee_opinion="同意")
		frappe.set_user(self.office)
		api.export_proposals(self.town.cycle, "candidates")
		rows = read_xlsx(frappe.response["filecontent"])
		self.assertEqual(rows[0], ("序号", "项目名称", "主要内容", "投资金额(万元)", "实施主体", "完成时限"))
		self.assertEqual(rows[1][:2], (1, "连心小院"))
		self.assertEqual(rows[1][3], 286.5)
		api.export_proposals(self.town.cycle, "all")
		rows = read_xlsx(frappe.response["filecontent"])
		self.assertIn("联系电话", rows[0])
		frappe.set_user(user_for("Congress Deputy"))
		api.export_proposals(self.town.cycle, "all")
		rows = read_xlsx(frappe.response["filecontent"])
		self.assertNotIn("联系电话", rows[0])
		self.assertIn("连心小院", [r[1] for r in rows[1:]])
