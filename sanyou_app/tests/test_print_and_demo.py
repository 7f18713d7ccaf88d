"""Printed pages in Chinese, the workspace's figures, and the demo town's numbers."""

import datetime
import io
from decimal import Decimal

import frappe
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from sanyou_app.core.pdftext import normalize
from sanyou_app.core.proposal import total_investment
from sanyou_app.demo import CANDIDATES_2020, CANDIDATES_2021, TOWN
from sanyou_app.livelihood_projects import api

PICKED_2020 = (
	"村庄扶贫路",
	"陈集新村下水道改造提升工程",
	"连心小院",
	"丁楼村张庄路",
	"刘桥镇返乡大学生创业园",
)
CYCLE_2020 = f"{TOWN}2020年民生实事项目"
CYCLE_2021 = f"{TOWN}2021年民生实事项目"


def ensure_demo():
	if not frappe.db.exists("Congress", {"region": TOWN}):
		from sanyou_app.demo import load

		load()


def pdf_text(doctype: str, name: str, print_format: str) -> str:
	pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
	return normalize("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


class TestDemoAndPrint(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()

	def test_site_is_set_up_in_chinese(self):
		settings = frappe.get_single("System Settings")
		self.assertEqual(
			(settings.language, settings.country, settings.currency, settings.time_zone),
			("zh", "China", "CNY", "Asia/Shanghai"),
		)
		self.assertEqual(settings.setup_complete, 1)

	def test_demo_funnel_2020_and_2021(self):
		self.assertEqual(api.cycle_funnel(CYCLE_2020), {"proposals": 10, "preliminary": 6, "candidates": 6})
		self.assertEqual(api.cycle_funnel(CYCLE_2021), {"proposals": 46, "preliminary": 5, "candidates": 5})

	def test_demo_investment_of_the_projects_later_picked(self):
		def investment(cycle, titles):
			rows = frappe.get_all(
				"Livelihood Proposal",
				filters={"cycle": cycle, "workflow_state": "候选项目", "title": ("in", titles)},
				pluck="investment",
			)
			self.assertEqual(len(rows), len(titles))
			return total_investment(rows)

		self.assertEqual(investment(CYCLE_2020, PICKED_2020), Decimal("624.66"))
		picked_2021 = [c[0] for c in CANDIDATES_2021[:4]]
		self.assertEqual(investment(CYCLE_2021, picked_2021), Decimal("276.00"))
		self.assertEqual(frappe.db.get_value("Congress", {"region": TOWN}, "deputies_count"), 72)

	def test_demo_proposals_came_by_several_channels(self):
		channels = set(frappe.get_all("Livelihood Proposal", filters={"cycle": CYCLE_2021}, pluck="channel"))
		self.assertGreaterEqual(len(channels), 5)

	def test_number_cards_show_the_latest_cycle(self):
		self.assertEqual(api.proposals_card({"cycle": CYCLE_2021})["value"], 46)
		self.assertEqual(api.preliminary_card({"cycle": CYCLE_2020})["value"], 6)
		self.assertEqual(api.candidates_card({"cycle": CYCLE_2021})["value"], 5)

	def test_report_by_village_and_channel(self):
		from sanyou_app.livelihood_projects.report.proposals_by_village_and_channel.proposals_by_village_and_channel import (
			execute,
		)

		columns, data, _message, chart = execute({"cycle": CYCLE_2021})
		self.assertEqual(sum(row["total"] for row in data), 46)
		self.assertEqual(sum(chart["data"]["datasets"][0]["values"]), 46)
		labels = [c["label"] for c in columns]
		self.assertEqual(labels[:2], ["村(社区)", "合计"])
		self.assertIn("代表座谈会", labels)
		symposium = labels.index("代表座谈会") - 2
		self.assertEqual(sum(row[f"c{symposium}"] for row in data), 6)

	def test_candidate_report_pdf_lists_every_candidate_in_chinese(self):
		text = pdf_text("Livelihood Cycle", CYCLE_2020, "候选项目情况报告")
		self.assertIn("关于2020年民生实事候选项目情况的报告", text)
		self.assertIn("刘桥镇第十八届人民代表大会第八次会议", text)
		for title, _village, amount, body, _content in CANDIDATES_2020:
			self.assertIn(title, text)
			self.assertIn(f"投资金额:{api.format_amount(amount)}万元;实施主体:{body}", text)
		self.assertIn("确定2020年民生实事候选项目6个,总投资744.66万元", text)
		self.assertIn("从中确定5个民生实事项目", text)

	def test_collection_notice_pdf(self):
		text = pdf_text("Livelihood Cycle", CYCLE_2021, "征集公告")
		self.assertIn("关于公开征集民生实事项目的公告", text)
		self.assertIn("2021年1月4日至2021年1月24日", text)
		for channel in ("代表座谈会", "入户走访", "微信群"):
			self.assertIn(channel, text)
		self.assertIn("刘桥镇人民政府", text)

	def test_labels_read_in_chinese(self):
		frappe.local.lang = "zh"
		try:
			self.assertEqual(frappe._("Livelihood Proposal"), "民生实事项目")
			self.assertEqual(frappe._("Investment (10k yuan)"), "投资金额(万元)")
			self.assertEqual(frappe._("Presidium Member"), "主席团成员")
		finally:
			frappe.local.lang = "en"

	def test_demo_imports_hold_their_workbooks(self):
		# each import's workbook is the file attached to it, none a placeholder (Frappe would log
		# an Error Log for a file it cannot attach)
		town = frappe.db.get_value("Congress", {"region": TOWN})
		cycles = frappe.get_all("Livelihood Cycle", filters={"congress": town}, pluck="name")
		imports = frappe.get_all(
			"Livelihood Import",
			or_filters={"congress": town, "cycle": ("in", cycles)},
			fields=["name", "import_file"],
		)
		self.assertTrue(imports)  # the deputies, and 2021's proposals
		for row in imports:
			self.assertTrue(
				frappe.db.exists(
					"File",
					{
						"file_url": row.import_file,
						"attached_to_doctype": "Livelihood Import",
						"attached_to_name": row.name,
						"attached_to_field": "import_file",
					},
				),
				row,
			)
		self.assertFalse(frappe.db.exists("File", {"file_url": ("like", "%placeholder%")}))

	def test_demo_dates_pass_over_other_towns(self):
		# a benchmark's throwaway town leaves a cycle without dates: dating the demo again neither
		# fails on it nor dates that town's records
		from sanyou_app.demo import dates

		other = frappe.get_doc({"doctype": "Congress", "region": "测试未定日期镇", "term_no": 1}).insert()
		frappe.get_doc({"doctype": "Livelihood Cycle", "congress": other.name, "year": 2030}).insert()
		created = frappe.db.get_value("Congress", other.name, "creation")
		dates.town()
		self.assertEqual(frappe.db.get_value("Congress", other.name, "creation"), created)
		town = frappe.db.get_value("Congress", {"region": TOWN})
		first = frappe.get_all(
			"Livelihood Cycle", filters={"congress": town}, pluck="collection_start", order_by="year"
		)[0]
		self.assertEqual(
			frappe.db.get_value("Congress", town, "creation"),
			dates.at(first - datetime.timedelta(days=1), 10),
		)
