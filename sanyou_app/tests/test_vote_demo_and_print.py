"""The demo's votes reproduce the seed's numbers, and the vote's papers print in Chinese."""

import io
from decimal import Decimal

import frappe
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from sanyou_app.core.pdftext import normalize
from sanyou_app.core.proposal import total_investment
from sanyou_app.demo import CANDIDATES_2020, CANDIDATES_2021, TOWN
from sanyou_app.tests.test_print_and_demo import ensure_demo, pdf_text
from sanyou_app.voting import packet


def vote_named(title: str):
	return frappe.get_doc("Secret Vote", {"title": title})


def picked_investment(vote) -> tuple[list[str], Decimal]:
	titles = [r.item_label for r in vote.results if r.picked]
	amounts = frappe.get_all(
		"Livelihood Proposal",
		filters={"cycle": vote.cycle, "title": ("in", titles), "workflow_state": "候选项目"},
		pluck="investment",
	)
	return titles, total_investment(amounts)


class TestVoteDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()
		cls.v2020 = vote_named("2020年民生实事项目票决")
		cls.v2021 = vote_named("2021年民生实事项目票决")
		cls.survey = vote_named("2020年民生实事项目满意度测评")

	def test_2020_session_picks_five_of_six_for_624_66(self):
		v = self.v2020
		self.assertEqual((v.status, len(v.items), v.seats), ("已公布", 6, 5))
		self.assertEqual((v.total_voters, v.present, v.issued, v.returned), (72, 70, 70, 70))
		self.assertEqual((v.valid_ballots, v.void_ballots), (68, 2))
		titles, amount = picked_investment(v)
		self.assertEqual(titles, [t for t, *_ in CANDIDATES_2020[:5]])
		self.assertEqual(amount, Decimal("624.66"))
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": v.name}), 70)

	def test_2021_session_picks_four_of_five_for_276(self):
		titles, amount = picked_investment(self.v2021)
		self.assertEqual((len(self.v2021.items), titles), (5, [t for t, *_ in CANDIDATES_2021[:4]]))
		self.assertEqual(amount, Decimal("276.00"))

	def test_68_deputies_rate_the_2020_projects(self):
		s = self.survey
		self.assertEqual((s.status, s.returned), ("已公布", 68))
		rates = {r.item_label: (r.valid, r.satisfaction_rate, r.grade) for r in s.results}
		expected = {t: (68, 100.0, "满意") for t, *_ in CANDIDATES_2020[:3]}
		expected.update({t: (68, 98.5, "满意") for t, *_ in CANDIDATES_2020[3:5]})
		self.assertEqual(rates, expected)

	def test_ballot_and_survey_form_print_with_no_voter_mark(self):
		text = pdf_text("Secret Vote", self.v2020.name, "票决票")
		self.assertIn("选票", text)
		self.assertIn("从下列6个候选项目中确定5个民生实事项目", text)
		self.assertIn("划“赞成”的项目超过5个的,本票作废", text)
		for title, *_ in CANDIDATES_2020:
			self.assertIn(title, text)
		names = frappe.get_all(
			"Congress Deputy", filters={"congress": self.v2020.congress}, pluck="full_name"
		)
		self.assertFalse([n for n in names if n in text])
		self.assertIn("本票不记名,不编号", text)
		survey = pdf_text("Secret Vote", self.survey.name, "测评表")
		self.assertIn("测评表", survey)
		self.assertIn("基本满意", survey)

	def test_count_record_and_announcement(self):
		record = pdf_text("Secret Vote", self.v2020.name, "计票记录")
		for words in (
			"应到人数72",
			"实到人数70",
			"有效票68",
			"废票2",
			"村庄扶贫路66",
			"镇农贸市场改造提升660",
		):
			self.assertIn(words, record)
		self.assertIn("总监票人", record)
		notice = pdf_text("Secret Vote", self.v2020.name, "表决结果公告")
		self.assertIn("以下5个项目确定为2020年民生实事项目", notice)
		self.assertIn("刘桥镇返乡大学生创业园(赞成60票)", notice)
		survey = pdf_text("Secret Vote", self.survey.name, "表决结果公告")
		self.assertIn("丁楼村张庄路98.5%满意", survey)

	def test_session_packet_is_the_report_then_k_ballots(self):
		report_pages = len(
			PdfReader(
				io.BytesIO(
					frappe.get_print("Livelihood Cycle", self.v2020.cycle, "候选项目情况报告", as_pdf=True)
				)
			).pages
		)
		pdf = PdfReader(io.BytesIO(packet.build(self.v2020.name, 70)))
		self.assertEqual(len(pdf.pages), report_pages + 70)
		self.assertIn("候选项目情况的报告", normalize(pdf.pages[0].extract_text()))
		self.assertIn("选票", normalize(pdf.pages[-1].extract_text()))
		sample = PdfReader(io.BytesIO(packet.build(self.v2020.name, 2, sample=True)))
		self.assertIn("样票", normalize(sample.pages[-1].extract_text()))
		self.assertNotIn("样票", normalize(pdf.pages[-1].extract_text()))

	def test_a_vote_in_preparation_has_its_packet_rendered_ahead(self):
		"""The background job renders the pages the office's download then only assembles."""
		import pdfkit

		runs = []
		render = pdfkit.from_string

		def counted(*args, **kwargs):
			runs.append(1)
			return render(*args, **kwargs)

		self.addCleanup(setattr, pdfkit, "from_string", render)
		pdfkit.from_string = counted
		vote = self.v2020.name
		frappe.cache().delete_keys("sanyou_pdf:")
		packet.warm(vote)  # published: nothing to prepare
		self.assertEqual(runs, [])
		status = frappe.db.get_value("Secret Vote", vote, "status")
		self.addCleanup(frappe.db.set_value, "Secret Vote", vote, "status", status)
		frappe.db.set_value("Secret Vote", vote, "status", "准备中")
		packet.warm(vote)
		self.assertGreaterEqual(len(runs), 3)  # the report, the ballot, the sample
		runs.clear()
		pdf = PdfReader(io.BytesIO(packet.build(vote, 72)))
		sample = PdfReader(io.BytesIO(packet.build(vote, 2, sample=True)))
		self.assertEqual(runs, [])  # the download starts no wkhtmltopdf
		self.assertIn("选票", normalize(pdf.pages[-1].extract_text()))
		self.assertIn("样票", normalize(sample.pages[-1].extract_text()))

	def test_town_is_the_seed_town(self):
		self.assertEqual(frappe.db.get_value("Congress", self.v2020.congress, "region"), TOWN)
