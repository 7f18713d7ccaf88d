"""The pairing demo's figures, read from the app's own reports as the 机关党委 sees them: the organ's
11 party groups paired, 82 joint research activities, 21 reports, every one converted."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.demo import liaison
from sanyou_app.demo.organ import BRANCHES, OFFICER
from sanyou_app.deputy_liaison.report.liaison_chain import liaison_chain
from sanyou_app.deputy_liaison.report.liaison_coverage import liaison_coverage


def as_officer(fn):
	frappe.set_user(OFFICER[0])
	try:
		return fn()
	finally:
		frappe.set_user("Administrator")


class TestLiaisonDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if not liaison.exists():
			raise cls.skipTest(cls, "the pairing demo is not loaded on this site")

	def chain(self, **filters):
		rows = []
		for branch in BRANCHES:
			_, part, *_ = as_officer(lambda b=branch: liaison_chain.execute({**filters, "party_branch": b}))
			rows += part
		return rows

	def test_eleven_groups_paired_each_year(self):
		for year in (2020, 2021):
			rows = self.chain(year=year, group_by="党小组")
			self.assertEqual(len(rows), 11)
			self.assertTrue(all(1 <= r["topics"] <= 2 for r in rows))

	def test_82_activities_and_21_reports_all_converted(self):
		rows = self.chain(group_by="党支部")
		total = {
			k: sum(r[k] for r in rows)
			for k in ("activities", "reports", "converted", "suggestions", "measures")
		}
		self.assertEqual(
			total, {"activities": 82, "reports": 21, "converted": 21, "suggestions": 17, "measures": 4}
		)
		self.assertEqual(sum(r["satisfied"] for r in rows), 17)

	def test_one_reply_was_found_wanting_and_handled_again(self):
		twice = frappe.get_all(
			"Deputy Suggestion",
			filters={"handling_round": 2, "number": ("like", "202_年第%号")},
			fields=["name", "workflow_state"],
		)
		self.assertEqual(len([s for s in twice if s.workflow_state == "代表满意"]), 1)
		handlings = frappe.get_all(
			"Deputy Suggestion Handling",
			filters={"parent": twice[0].name},
			pluck="satisfaction",
			order_by="idx",
		)
		self.assertEqual(handlings, ["不满意", "代表满意"])

	def test_coverage_of_2021_has_no_gap_but_the_topics_left_without_report(self):
		gaps = {}
		for branch in BRANCHES:
			_, _, _, _, summary = as_officer(
				lambda b=branch: liaison_coverage.execute({"year": 2021, "quarter": 4, "party_branch": b})
			)
			for s in summary:
				gaps[s["label"]] = gaps.get(s["label"], 0) + s["value"]
		self.assertEqual(gaps["本年度未结对的党小组"], 0)
		self.assertEqual(gaps["尚未转化的调研报告"], 0)
		topics = sum(len(t) for t in liaison.TOPICS[2021])  # 13 topics in 2021, 11 reports
		self.assertEqual(gaps["尚无调研报告的课题"], topics - liaison.REPORTS[2021])


class TestDeputyWorkDemo(FrappeTestCase):
	"""The "2121" figures of the demo, read from the app's reports and lists as the 人事代表工作委员会."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from sanyou_app.demo import deputy_work

		if not deputy_work.exists():
			raise cls.skipTest(cls, "the deputy-work demo is not loaded on this site")

	def as_office(self, fn):
		from sanyou_app.demo.liaison import DAO_USER

		frappe.set_user(DAO_USER[0])
		try:
			return fn()
		finally:
			frappe.set_user("Administrator")

	def test_121_rooms_meet_the_six_haves(self):
		meeting = self.as_office(
			lambda: frappe.get_list(
				"Deputy Activity Room", filters={"meets_standard": 1}, pluck="name", limit_page_length=0
			)
		)
		self.assertEqual(len(meeting), 121)

	def test_visits_add_up_to_4760_person_times(self):
		from sanyou_app.deputy_liaison.report.deputy_visit_statistics import deputy_visit_statistics

		total = 0
		for year in (2020, 2021):
			_, rows, _, _, summary = self.as_office(
				lambda y=year: deputy_visit_statistics.execute({"year": y})
			)
			self.assertEqual(summary[0]["value"], sum(r["person_times"] for r in rows))
			total += summary[0]["value"]
		self.assertEqual(total, 4760)

	def test_education_twice_a_year_and_the_exam(self):
		from sanyou_app.demo.liaison import CITY, TERM
		from sanyou_app.deputy_liaison.report.missed_deputy_education import missed_deputy_education

		congress = frappe.db.get_value("Congress", {"region": CITY, "term_no": TERM})
		for year in (2020, 2021):
			halves = frappe.get_all(
				"Deputy Education Session", filters={"congress": congress, "year": year}, pluck="half"
			)
			self.assertEqual(sorted(halves), ["上半年", "下半年"])
			rows = self.as_office(lambda y=year: missed_deputy_education.get_data(y, congress))
			self.assertEqual(len(rows), 6)  # three deputies miss each session
		exam = frappe.get_doc("Deputy Theory Exam", {"congress": congress, "year": 2021})
		self.assertEqual(len(exam.scores), frappe.db.count("Congress Deputy", {"congress": congress}))
