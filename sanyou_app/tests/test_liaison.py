"""Deputy Liaison on a real site: pairing rules, joint activities, reports converted into deputies'
suggestions through the workflow as each role, the coverage and chain reports against direct
counts, and what a deputy with a login sees."""

import datetime as dt

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from sanyou_app.deputy_liaison.doctype.research_report.research_report import make_suggestion
from sanyou_app.deputy_liaison.report.liaison_chain import liaison_chain
from sanyou_app.deputy_liaison.report.liaison_coverage import liaison_coverage
from sanyou_app.tests.liaison_fixtures import (
	activity_doc,
	as_user,
	make_city,
	make_organ,
	pairing_doc,
	report_doc,
)

YEAR = 2021
TOPICS = ["老旧小区改造", "养老服务体系建设"]


class TestLiaison(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.org = make_organ()
		cls.city = make_city(cls.org.tag, logins=2)
		cls.g1, cls.g2 = cls.org.group_list
		cls.dg1, cls.dg2 = cls.city.groups
		cls.d1 = cls.city.deputies[cls.dg1]  # d1[0] has a login
		cls.d2 = cls.city.deputies[cls.dg2]
		cls.gl1 = cls.org.leader_users[cls.g1]
		cls.gl2 = cls.org.leader_users[cls.g2]
		# group 1 pairs with both deputy groups; group 2 has no pairing in YEAR
		cls.pairing = as_user(
			cls.gl1,
			lambda: (
				pairing_doc(
					YEAR,
					cls.g1,
					cls.org.leaders[cls.g1],
					[(cls.dg1, cls.d1[0]), (cls.dg2, cls.d2[0])],
					TOPICS,
				)
				.insert()
				.name
			),
		)

	def members(self, group=None):
		return self.org.members[group or self.g1]

	def activity(self, topic=TOPICS[0], day=dt.date(YEAR, 4, 10), **kw):
		return activity_doc(self.pairing, topic, day, self.members()[:2], self.d1[:2] + self.d2[:1], **kw)

	# --- the congress of every level -----------------------------------------------------------

	def test_city_congress_reads_its_level_from_the_region(self):
		congress = frappe.get_doc("Congress", self.city.congress)
		self.assertEqual(congress.level, "市")
		self.assertEqual(congress.name, f"测试{self.org.tag}市第十六届人民代表大会")
		self.assertEqual(congress.deputies_count, 6)
		town = frappe.get_doc(
			{"doctype": "Congress", "region": f"测试{self.org.tag}县刘桥镇", "term_no": 18}
		).insert()
		self.assertEqual(town.level, "乡镇")

	# --- pairing --------------------------------------------------------------------------------

	def test_pairing_has_one_or_two_topics(self):
		lead = self.org.leaders[self.g2]
		doc = pairing_doc(YEAR - 1, self.g2, lead, [(self.dg1, self.d1[0])], ["一", "二", "三"])
		with self.assertRaisesRegex(frappe.ValidationError, "每个党小组每年选定1至2个课题，现为3个"):
			as_user(self.gl2, doc.insert)
		doc = pairing_doc(YEAR - 1, self.g2, lead, [(self.dg1, self.d1[0])], [])
		with self.assertRaises(frappe.ValidationError):
			as_user(self.gl2, doc.insert)

	def test_pairing_leads_belong_to_their_group_and_groups_appear_once(self):
		lead = self.org.leaders[self.g2]
		wrong_lead = pairing_doc(YEAR - 1, self.g2, lead, [(self.dg1, self.d2[0])], ["一"])
		with self.assertRaisesRegex(frappe.ValidationError, "牵头代表须是该代表小组的成员"):
			as_user(self.gl2, wrong_lead.insert)
		twice = pairing_doc(YEAR - 1, self.g2, lead, [(self.dg1, self.d1[0]), (self.dg1, self.d1[1])], ["一"])
		with self.assertRaisesRegex(frappe.ValidationError, "重复"):
			as_user(self.gl2, twice.insert)

	def test_one_pairing_per_group_and_year(self):
		again = pairing_doc(YEAR, self.g1, self.org.leaders[self.g1], [(self.dg1, self.d1[0])], ["一"])
		with self.assertRaisesRegex(frappe.ValidationError, "已有结对"):
			as_user(self.gl1, again.insert)

	def test_a_group_leader_pairs_only_their_own_group(self):
		other = pairing_doc(YEAR - 2, self.g2, self.org.leaders[self.g2], [(self.dg1, self.d1[0])], ["一"])
		with self.assertRaises(frappe.PermissionError):
			as_user(self.gl1, other.insert)
		self.assertFalse(frappe.db.exists("Liaison Pairing", {"year": YEAR - 2}))

	def test_pairing_history_is_kept_per_year(self):
		name = as_user(
			self.gl2,
			lambda: (
				pairing_doc(YEAR - 3, self.g2, self.org.leaders[self.g2], [(self.dg2, self.d2[1])], ["一"])
				.insert()
				.name
			),
		)
		self.assertEqual(name, f"{YEAR - 3}·{self.g2}")
		self.assertIn(name, frappe.get_all("Liaison Pairing", {"party_group": self.g2}, pluck="name"))

	# --- activities -----------------------------------------------------------------------------

	def test_activity_counts_person_times_and_checks_year_and_topic(self):
		doc = as_user(self.gl1, lambda: self.activity().insert())
		self.assertEqual(doc.person_times, 5)  # 2 members + 3 deputies
		self.assertEqual((doc.year, doc.party_group, doc.party_branch), (YEAR, self.g1, self.org.branches[0]))
		with self.assertRaisesRegex(frappe.ValidationError, f"应在结对年度{YEAR}年内"):
			as_user(self.gl1, lambda: self.activity(day=dt.date(YEAR - 1, 1, 5)).insert())
		with self.assertRaisesRegex(frappe.ValidationError, "不是本结对的课题"):
			as_user(self.gl1, lambda: self.activity(topic="别的课题").insert())

	def test_a_topic_in_use_cannot_be_removed(self):
		as_user(self.gl1, lambda: self.activity(topic=TOPICS[1]).insert())
		doc = frappe.get_doc("Liaison Pairing", self.pairing)
		doc.topics = [t for t in doc.topics if t.topic != TOPICS[1]]
		with self.assertRaisesRegex(frappe.ValidationError, "已有活动或报告"):
			as_user(self.gl1, doc.save)

	def test_group_leader_sees_only_their_groups_activities(self):
		as_user(self.gl1, lambda: self.activity().insert())
		seen = as_user(self.gl2, lambda: frappe.get_list("Joint Activity", filters={"pairing": self.pairing}))
		self.assertEqual(seen, [])

	# --- reports, conversion and the workflow ---------------------------------------------------

	def test_the_chain_through_the_workflow_as_each_role(self):
		a1 = as_user(self.gl1, lambda: self.activity(day=dt.date(YEAR, 3, 2)).insert().name)
		a2 = as_user(self.gl1, lambda: self.activity(day=dt.date(YEAR, 5, 6), kind="座谈").insert().name)
		report = as_user(
			self.gl1,
			lambda: (
				report_doc(self.pairing, TOPICS[0], [a1, a2], dt.date(YEAR, 6, 1), conversion="代表建议")
				.insert()
				.name
			),
		)
		self.assertEqual(frappe.db.get_value("Research Report", report, "converted"), 0)

		def convert():
			doc = make_suggestion(report)
			doc.update(
				{
					"number": f"建议{self.org.tag}",
					"handling_unit": "市住建局",
					"submitted_on": dt.date(YEAR, 7, 1),
				}
			)
			return doc.insert()

		suggestion = as_user(self.gl1, convert)
		self.assertEqual(suggestion.workflow_state, "已提交")
		self.assertEqual(sorted(d.deputy for d in suggestion.deputies), sorted(self.d1[:2] + self.d2[:1]))
		self.assertEqual(suggestion.reply_due, dt.date(YEAR, 9, 29))
		self.assertEqual(
			frappe.db.get_value("Research Report", report, ["converted", "suggestion_count"]), (1, 1)
		)

		def act(user, action, **values):
			def run():
				doc = frappe.get_doc("Deputy Suggestion", suggestion.name)
				if values:
					doc.update(values)
					doc.save()
				return apply_workflow(doc, action)

			return as_user(user, run)

		deputy = self.city.users[self.d1[0]]
		# a deputy reads the suggestions they submitted, not others'
		self.assertIn(
			suggestion.name, as_user(deputy, lambda: frappe.get_list("Deputy Suggestion", pluck="name"))
		)
		self.assertNotIn(
			suggestion.name,
			as_user(self.city.users[self.d2[1]], lambda: frappe.get_list("Deputy Suggestion", pluck="name")),
		)
		# only the 人事代表工作委员会 registers a reply, and only with the reply written
		with self.assertRaises((WorkflowPermissionError, WorkflowTransitionError)):
			act(self.gl1, "登记办复")
		with self.assertRaisesRegex(frappe.ValidationError, "办复意见：办复后必填"):
			act(self.org.dao, "登记办复")
		act(self.org.dao, "登记办复", reply="已列入2022年改造计划", replied_on=dt.date(YEAR, 8, 20))
		# the 人事代表工作委员会 cannot rate for the deputies; a deputy who did not submit it cannot either
		with self.assertRaises((WorkflowPermissionError, WorkflowTransitionError)):
			act(self.org.dao, "代表满意")
		with self.assertRaises(frappe.PermissionError):
			act(self.city.users[self.d2[1]], "代表满意")  # a deputy of the paired group who did not submit it
		act(deputy, "代表不满意")
		doc = frappe.get_doc("Deputy Suggestion", suggestion.name)
		self.assertEqual((doc.workflow_state, doc.satisfaction, len(doc.handlings)), ("不满意", "不满意", 1))
		# second handling
		act(self.org.dao, "再次办理")
		doc = frappe.get_doc("Deputy Suggestion", suggestion.name)
		self.assertEqual((doc.workflow_state, doc.handling_round, doc.reply), ("已提交", 2, None))
		act(self.org.dao, "登记办复", reply="已完成改造并组织回访", replied_on=dt.date(YEAR, 11, 30))
		act(deputy, "代表满意")
		doc = frappe.get_doc("Deputy Suggestion", suggestion.name)
		self.assertEqual(doc.workflow_state, "代表满意")
		self.assertEqual(
			[(h.handling_round, h.satisfaction) for h in doc.handlings], [(1, "不满意"), (2, "代表满意")]
		)

		# the chain report counts it
		_, rows, *_ = liaison_chain.execute({"year": YEAR, "party_group": self.g1})
		row = next(r for r in rows if r["topic"] == TOPICS[0])
		self.assertEqual(
			row["activities"],
			frappe.db.count("Joint Activity", {"pairing": self.pairing, "topic": TOPICS[0]}),
		)
		reports = frappe.get_all(
			"Research Report",
			filters={"pairing": self.pairing, "topic": TOPICS[0]},
			fields=["name", "converted"],
		)
		made = frappe.get_all(
			"Deputy Suggestion",
			filters={"research_report": ("in", [r.name for r in reports])},
			pluck="workflow_state",
		)
		self.assertEqual(
			(row["reports"], row["converted"], row["suggestions"], row["satisfied"]),
			(len(reports), sum(r.converted for r in reports), len(made), made.count("代表满意")),
		)
		self.assertGreaterEqual(row["satisfied"], 1)
		expected_pt = sum(
			frappe.get_all(
				"Joint Activity", {"pairing": self.pairing, "topic": TOPICS[0]}, pluck="person_times"
			)
		)
		self.assertEqual(row["person_times"], expected_pt)

	def test_a_report_into_a_measure(self):
		a = as_user(self.gl1, lambda: self.activity(day=dt.date(YEAR, 2, 2)).insert().name)
		doc = report_doc(self.pairing, TOPICS[0], [a], dt.date(YEAR, 3, 1), conversion="专项工作举措")
		with self.assertRaisesRegex(frappe.ValidationError, "转化为专项工作举措时必填"):
			as_user(self.gl1, doc.insert)
		doc.measure = "建立老旧小区改造代表联系点"
		as_user(self.gl1, doc.insert)
		self.assertEqual(frappe.db.get_value("Research Report", doc.name, "converted"), 1)

	def test_a_report_draws_only_on_its_pairings_activities(self):
		other = as_user(
			self.gl2,
			lambda: (
				pairing_doc(YEAR - 4, self.g2, self.org.leaders[self.g2], [(self.dg2, self.d2[1])], ["一"])
				.insert()
				.name
			),
		)
		a = as_user(
			self.gl2,
			lambda: (
				activity_doc(other, "一", dt.date(YEAR - 4, 2, 2), self.members(self.g2)[:1], self.d2[1:2])
				.insert()
				.name
			),
		)
		doc = report_doc(self.pairing, TOPICS[0], [a], dt.date(YEAR, 3, 1))
		with self.assertRaisesRegex(frappe.ValidationError, "不属于本结对"):
			doc.insert()

	# --- coverage -------------------------------------------------------------------------------

	def test_coverage_equals_direct_counts(self):
		q2 = as_user(self.gl1, lambda: self.activity(day=dt.date(YEAR, 5, 20)).insert().name)
		report = report_doc(self.pairing, TOPICS[0], [q2], dt.date(YEAR, 6, 1)).insert().name  # not converted
		filters = {"year": YEAR, "quarter": 2}
		for branch in self.org.branches:
			_, rows, _, _, summary = as_user(
				self.org.officer, lambda b=branch: liaison_coverage.execute({**filters, "party_branch": b})
			)
			counts = {s["label"]: s["value"] for s in summary}
			groups = frappe.get_all("Party Group", {"party_branch": branch}, pluck="name")
			paired = frappe.get_all("Liaison Pairing", {"year": YEAR, "party_branch": branch}, pluck="name")
			self.assertEqual(
				counts["本年度未结对的党小组"],
				len(
					[
						g
						for g in groups
						if not frappe.db.exists("Liaison Pairing", {"year": YEAR, "party_group": g})
					]
				),
			)
			self.assertEqual(
				counts["本季度无联合活动的结对"],
				len(
					[
						p
						for p in paired
						if not frappe.db.exists(
							"Joint Activity",
							{
								"pairing": p,
								"activity_date": ("between", [dt.date(YEAR, 4, 1), dt.date(YEAR, 6, 30)]),
							},
						)
					]
				),
			)
			topics = frappe.get_all(
				"Liaison Topic",
				filters={"parent": ("in", paired or [""]), "parenttype": "Liaison Pairing"},
				fields=["parent", "topic"],
			)
			self.assertEqual(
				counts["尚无调研报告的课题"],
				len(
					[
						t
						for t in topics
						if not frappe.db.exists("Research Report", {"pairing": t.parent, "topic": t.topic})
					]
				),
			)
			self.assertEqual(
				counts["尚未转化的调研报告"],
				frappe.db.count("Research Report", {"pairing": ("in", paired or [""]), "converted": 0}),
			)
			self.assertEqual(len(rows), sum(counts.values()))
		# group 2 has no pairing this year; group 1's report is listed as not converted
		_, rows, *_ = as_user(
			self.org.officer,
			lambda: liaison_coverage.execute({**filters, "party_branch": self.org.branches[1]}),
		)
		self.assertIn((self.g2, "本年度未结对的党小组"), [(r["party_group"], r["kind"]) for r in rows])
		_, rows, *_ = as_user(self.gl1, lambda: liaison_coverage.execute(filters))
		self.assertIn(report, [r["record"] for r in rows if r["kind"] == "尚未转化的调研报告"])
		self.assertNotIn(self.g2, [r["party_group"] for r in rows])  # a group leader sees their group only

	def test_number_cards_count_this_quarters_gaps(self):
		from sanyou_app.deputy_liaison import api
		from sanyou_app.deputy_liaison.coverage import compute, current_year_and_quarter

		year, quarter = current_year_and_quarter()
		card = as_user(self.org.officer, api.groups_without_pairing_card)
		gaps = as_user(self.org.officer, lambda: compute(year, quarter))
		unpaired = [
			g
			for g in frappe.get_all("Party Group", pluck="name")
			if not frappe.db.exists("Liaison Pairing", {"year": year, "party_group": g})
		]
		self.assertEqual(card["value"], len(gaps["groups_without_pairing"]))
		self.assertEqual(card["value"], len(unpaired))
		self.assertTrue({self.g1, self.g2} <= set(unpaired))  # both test groups are paired in 2021 only

	# --- what a deputy sees ---------------------------------------------------------------------

	def test_a_deputy_sees_their_groups_pairings_only(self):
		other = as_user(
			self.gl2,
			lambda: (
				pairing_doc(YEAR - 5, self.g2, self.org.leaders[self.g2], [(self.dg2, self.d2[1])], ["一"])
				.insert()
				.name
			),
		)

		def groups_of(pairing):
			return set(frappe.get_all("Liaison Pairing Group", {"parent": pairing}, pluck="deputy_group"))

		for deputy, group in ((self.d1[0], self.dg1), (self.d2[1], self.dg2)):
			user = self.city.users[deputy]
			seen = as_user(
				user, lambda u=user: frappe.get_list("Liaison Pairing", pluck="name", limit_page_length=0)
			)
			self.assertIn(self.pairing, seen)
			self.assertTrue(all(group in groups_of(p) for p in seen))
			self.assertEqual(other in seen, group == self.dg2)
			self.assertEqual(
				as_user(user, lambda u=user: frappe.has_permission("Liaison Pairing", doc=other, user=u)),
				group == self.dg2,
			)

	def test_a_suggestion_of_no_party_group_is_closed_to_branch_roles(self):
		doc = as_user(
			self.org.dao,
			lambda: frappe.get_doc(
				{
					"doctype": "Deputy Suggestion",
					"number": f"代表{self.org.tag}",
					"title": "关于增设公交线路的建议",
					"handling_unit": "市交通运输局",
					"submitted_on": dt.date(YEAR, 3, 3),
					"deputies": [{"deputy": self.d1[0]}],
				}
			).insert(),
		)
		secretary = self.org.secretaries[self.org.branches[0]]
		for user in (self.gl1, secretary):
			seen = as_user(
				user, lambda: frappe.get_list("Deputy Suggestion", pluck="name", limit_page_length=0)
			)
			self.assertNotIn(doc.name, seen)
			self.assertFalse(
				as_user(user, lambda u=user: frappe.has_permission("Deputy Suggestion", doc=doc, user=u))
			)
		for user in (self.org.officer, self.org.dao, self.city.users[self.d1[0]]):
			seen = as_user(
				user, lambda: frappe.get_list("Deputy Suggestion", pluck="name", limit_page_length=0)
			)
			self.assertIn(doc.name, seen)
