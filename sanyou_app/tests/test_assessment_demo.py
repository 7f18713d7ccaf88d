"""The demo organ's 2025 assessment: every sheet published, the branches that skipped meetings
marked down by the records, titles within the caps, four rectification items."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.demo import assessment, load_organ
from sanyou_app.demo.organ import ROOT

SHEET = "Assessment Score Sheet"


class TestAssessmentDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		load_organ()
		assessment.load()
		cls.cycle = frappe.get_doc("Assessment Cycle", {"year": assessment.YEAR, "party_committee": ROOT})

	def sheets(self, **filters):
		return frappe.get_all(
			SHEET,
			filters={"cycle": self.cycle.name, **filters},
			fields=["name", "assessee_kind", "assessee_name", "status", "total_score", "published_title"],
		)

	def test_every_assessee_has_a_published_sheet(self):
		kinds = [s.assessee_kind for s in self.sheets()]
		members = frappe.db.count(
			"Party Member", {"status": "在册", "party_branch": ("like", "机关第%党支部")}
		)
		self.assertEqual(
			(kinds.count("党支部"), kinds.count("党小组"), kinds.count("党员")), (6, 11, members)
		)
		self.assertEqual({s.status for s in self.sheets()}, {"已发布"})
		self.assertEqual(self.cycle.status, "已发布")

	def test_the_branches_that_skipped_meetings_lose_points_there(self):
		scores = {}
		for s in self.sheets(assessee_kind="党支部"):
			row = next(c for c in frappe.get_doc(SHEET, s.name).criteria if c.rule == "三会一课落实")
			scores[s.assessee_name] = (row.final_score, row.max_score)
		short = {b for b, (score, top) in scores.items() if score < top}
		self.assertEqual(short, {"机关第四党支部", "机关第六党支部"})
		self.assertEqual(scores["机关第六党支部"][0], scores["机关第六党支部"][1] - 4)  # two missed, −2 each

	def test_titles_within_the_caps_go_to_the_best(self):
		for kind, title, cap in (
			("党支部", "先进党支部", 2),
			("党小组", "先进党小组", 3),
			("党员", "优秀共产党员", int(len(self.sheets(assessee_kind="党员")) * 15 / 100)),
		):
			sheets = self.sheets(assessee_kind=kind)
			awarded = [s.total_score for s in sheets if s.published_title == title]
			others = [s.total_score for s in sheets if s.published_title != title]
			self.assertTrue(0 < len(awarded) <= cap, (kind, len(awarded), cap))
			self.assertLessEqual(max(others), min(awarded), kind)  # a tie at the cut-off: the committee's
		publication = frappe.get_doc("Party Affairs Publication", self.cycle.publication)
		self.assertEqual(publication.category, "评优选先")
		html = frappe.get_print("Assessment Cycle", self.cycle.name, print_format="表彰决定")
		branches = [s.assessee_name for s in self.sheets(assessee_kind="党支部") if s.published_title]
		names = "、".join(sorted(branches, key=html.index))
		self.assertIn(f'先进党支部（2个）</div><div class="gw-p">{names}</div>', html)

	def test_four_rectification_items_one_closed_one_overdue(self):
		items = frappe.get_all(
			"Rectification Item",
			filters={"source_doctype": SHEET, "source_name": ("in", [s.name for s in self.sheets()])},
			fields=["name", "status", "is_overdue", "owner_name"],
		)
		self.assertEqual(len(items), 4)
		closed = [i for i in items if i.status == "已销号"]
		self.assertEqual(len(closed), 1)
		self.assertTrue(frappe.get_doc("Rectification Item", closed[0].name).evidence)
		self.assertEqual(len([i for i in items if i.is_overdue]), 1)

	def test_the_ranking_opens_on_the_latest_cycle(self):
		from sanyou_app.assessment.report.assessment_ranking import assessment_ranking as report

		frappe.set_user(assessment.organ.OFFICER[0])
		try:
			latest = report.latest_cycle()
			columns, rows, *_ = report.execute({"assessee_kind": "党支部"})
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(
			latest,
			frappe.get_all("Assessment Cycle", pluck="name", order_by="year desc, creation desc", limit=1)[0],
		)
		# the demo's is the organ's first cycle: no last year's total, no change, rather than 0
		frappe.set_user(assessment.organ.OFFICER[0])
		try:
			_, first, *_ = report.execute({"cycle": self.cycle.name, "assessee_kind": "党支部"})
		finally:
			frappe.set_user("Administrator")
		self.assertTrue(first)
		self.assertEqual({(r["last_year_total"], r["change"]) for r in first}, {(None, None)})
		expected = frappe.db.count("Assessment Score Sheet", {"cycle": latest, "assessee_kind": "党支部"})
		self.assertGreater(expected, 0)
		self.assertEqual(len(rows), expected)
