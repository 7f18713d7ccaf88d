"""The deputy work "2121" on a real site: rooms and their "六有" checklist, the public page as Guest,
room activities, visits and their person-times, political education and the missed-session report,
the theory exam imported from Excel all or nothing, and the deputy performance record."""

import datetime as dt
import io

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.website.serve import get_response_content
from openpyxl import Workbook, load_workbook

from sanyou_app.deputy_liaison.exam import import_scores
from sanyou_app.deputy_liaison.install import ensure_room_standard
from sanyou_app.deputy_liaison.report.deputy_performance import deputy_performance
from sanyou_app.deputy_liaison.report.deputy_visit_statistics import deputy_visit_statistics
from sanyou_app.deputy_liaison.report.missed_deputy_education import missed_deputy_education
from sanyou_app.tests.fixtures import tag as unique_tag
from sanyou_app.tests.liaison_fixtures import DAO_ROLE, as_user, make_city
from sanyou_app.tests.party_fixtures import make_user

YEAR = 2021
PHONE = "13912345678"


class TestDeputyWork(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_room_standard()
		cls.tag = unique_tag()
		cls.city = make_city(cls.tag, groups=2, per_group=3, logins=1)
		cls.dao = make_user(f"dao-{cls.tag}@liaison.test", [DAO_ROLE])
		cls.g1, cls.g2 = cls.city.groups
		cls.d1, cls.d2 = cls.city.deputies[cls.g1], cls.city.deputies[cls.g2]
		frappe.db.set_value("Congress Deputy", cls.d1[0], "phone", PHONE)

	def room(self, name, deputies, published=1, **values):
		return as_user(
			self.dao,
			lambda: frappe.get_doc(
				{
					"doctype": "Deputy Activity Room",
					"room_name": name,
					"congress": self.city.congress,
					"place": "相山区东山街道便民服务中心",
					"published": published,
					"reception_schedule": "每月第一个星期五上午",
					"reception_phone": "0561-3000000",
					"deputies": [{"deputy": d} for d in deputies],
					**values,
				}
			).insert(),
		)

	# --- rooms ----------------------------------------------------------------------------------

	def test_room_checklist_follows_the_editable_standard(self):
		room = self.room(f"东山代表活动室{self.tag}", self.d1)
		items = frappe.get_all("Room Standard Item", filters={"active": 1}, pluck="name")
		self.assertEqual(sorted(c.item for c in room.checklist), sorted(items))
		self.assertEqual(room.meets_standard, 0)
		for c in room.checklist:
			c.met = 1
		as_user(self.dao, room.save)
		self.assertEqual(room.meets_standard, 1)
		# the administrator adds a seventh item: the room no longer meets the standard until it has it
		extra = as_user(
			self.dao,
			lambda: frappe.get_doc(
				{"doctype": "Room Standard Item", "item": f"有网络{self.tag}", "sort_order": 7}
			).insert(),
		)
		as_user(self.dao, room.save)
		self.assertEqual((len(room.checklist), room.meets_standard), (len(items) + 1, 0))
		extra.active = 0
		as_user(self.dao, extra.save)
		as_user(self.dao, room.save)
		self.assertEqual(room.meets_standard, 1)

	def test_room_deputies_belong_to_its_congress(self):
		other = make_city(unique_tag(), groups=1, per_group=1, logins=0)
		with self.assertRaisesRegex(frappe.ValidationError, "不是本届人民代表大会的代表"):
			self.room(f"错误活动室{self.tag}", [other.deputies[other.groups[0]][0]])

	def test_public_page_as_guest(self):
		self.room(f"公开活动室{self.tag}", self.d1[:2])
		self.room(f"内部活动室{self.tag}", self.d2[:1], published=0)
		user = frappe.db.get_value("Congress Deputy", self.d1[0], "user")
		frappe.set_user("Guest")
		try:
			html = get_response_content("deputy-rooms")
		finally:
			frappe.set_user("Administrator")
		self.assertIn(f"公开活动室{self.tag}", html)
		self.assertIn("每月第一个星期五上午", html)
		for deputy in self.d1[:2]:
			self.assertIn(frappe.db.get_value("Congress Deputy", deputy, "full_name"), html)
		self.assertNotIn(f"内部活动室{self.tag}", html)
		self.assertNotIn(PHONE, html)  # a deputy's own telephone
		self.assertNotIn(user, html)  # a deputy's login
		self.assertNotIn(self.d1[0], html)  # record names

	# --- room activities and visits --------------------------------------------------------------

	def test_receiving_voters_needs_the_request(self):
		room = self.room(f"接待活动室{self.tag}", self.d1)
		doc = frappe.get_doc(
			{
				"doctype": "Room Activity",
				"room": room.name,
				"activity_type": "接待选民",
				"activity_date": dt.date(YEAR, 5, 7),
				"people_reached": 12,
				"deputies": [{"deputy": self.d1[0]}],
			}
		)
		with self.assertRaisesRegex(frappe.ValidationError, "接待选民时必填"):
			as_user(self.dao, doc.insert)
		doc.voter_request = "小区路灯损坏"
		doc.action_taken = "已转交街道办理"
		as_user(self.dao, doc.insert)
		self.assertEqual((doc.year, doc.congress), (YEAR, self.city.congress))

		# the request becomes a suggestion of the deputies who received it
		def convert():
			from sanyou_app.deputy_liaison.doctype.room_activity.room_activity import make_suggestion

			s = make_suggestion(doc.name)
			s.update(
				{
					"number": f"接待{self.tag}",
					"handling_unit": "相山区政府",
					"submitted_on": dt.date(YEAR, 5, 20),
				}
			)
			return s.insert()

		suggestion = as_user(self.dao, convert)
		self.assertEqual([d.deputy for d in suggestion.deputies], [self.d1[0]])
		self.assertEqual(frappe.db.get_value("Room Activity", doc.name, "suggestion"), suggestion.name)

	def visit(self, day, kind, deputies):
		return as_user(
			self.dao,
			lambda: frappe.get_doc(
				{
					"doctype": "Deputy Visit",
					"visit_date": day,
					"place_kind": kind,
					"place": "凤凰山经济开发区",
					"deputies": [{"deputy": d} for d in deputies],
					"issues": "企业用工难",
				}
			).insert(),
		)

	def test_visit_person_times_per_year_and_group(self):
		self.visit(dt.date(YEAR, 3, 1), "进园区", self.d1 + self.d2[:1])
		self.visit(dt.date(YEAR, 4, 1), "进社区", self.d1[:2])
		_, rows, _, _, summary = as_user(self.dao, lambda: deputy_visit_statistics.execute({"year": YEAR}))
		by_group = {r["deputy_group"]: r for r in rows}

		def direct_count(group, kind=None):
			return frappe.db.sql(
				"""select count(*), count(distinct v.name) from `tabDeputy Visit Deputy` d
				join `tabDeputy Visit` v on v.name = d.parent
				join `tabCongress Deputy` c on c.name = d.deputy
				where v.year = %s and c.deputy_group = %s and (%s is null or v.place_kind = %s)""",
				(YEAR, group, kind, kind),
			)[0]

		self.assertEqual(
			(by_group[self.g1]["person_times"], by_group[self.g1]["visits"]), direct_count(self.g1)
		)
		self.assertEqual(by_group[self.g2]["person_times"], direct_count(self.g2)[0])
		self.assertEqual(by_group[self.g2]["进园区"], direct_count(self.g2, "进园区")[0])
		self.assertGreaterEqual(by_group[self.g1]["person_times"], 5)
		direct = frappe.db.sql(
			"""select count(*) from `tabDeputy Visit Deputy` d join `tabDeputy Visit` v on v.name = d.parent
			where v.year = %s""",
			YEAR,
		)[0][0]
		self.assertEqual(summary[0]["value"], direct)

	def test_a_deputy_reads_only_the_visits_they_made(self):
		mine = self.visit(dt.date(YEAR, 6, 1), "进企业", self.d1[:1]).name
		theirs = self.visit(dt.date(YEAR, 6, 2), "进厂区", self.d2[:1]).name
		user = frappe.db.get_value("Congress Deputy", self.d1[0], "user")
		seen = as_user(user, lambda: frappe.get_list("Deputy Visit", pluck="name", limit_page_length=0))
		self.assertIn(mine, seen)
		self.assertNotIn(theirs, seen)
		self.assertFalse(as_user(user, lambda: frappe.has_permission("Deputy Visit", doc=theirs, user=user)))
		self.assertFalse(
			as_user(user, lambda: frappe.has_permission("Deputy Theory Exam", "read", user=user))
		)

	# --- education and exam ---------------------------------------------------------------------

	def test_missed_session_report(self):
		for day, present in ((dt.date(YEAR, 3, 5), self.d1), (dt.date(YEAR, 9, 5), self.d1 + self.d2)):
			as_user(
				self.dao,
				lambda d=day, p=present: frappe.get_doc(
					{
						"doctype": "Deputy Education Session",
						"title": f"{d.year}年代表政治教育",
						"congress": self.city.congress,
						"session_date": d,
						"attendees": [{"deputy": x} for x in p],
					}
				).insert(),
			)
		rows = as_user(self.dao, lambda: missed_deputy_education.get_data(YEAR, self.city.congress))
		self.assertEqual(sorted((r["name"], r["half"]) for r in rows), sorted((d, "上半年") for d in self.d2))

	def exam(self):
		return as_user(
			self.dao,
			lambda: frappe.get_doc(
				{
					"doctype": "Deputy Theory Exam",
					"congress": self.city.congress,
					"year": YEAR,
					"exam_date": dt.date(YEAR, 11, 20),
				}
			).insert(),
		)

	def attach(self, exam, rows):
		wb = Workbook()
		ws = wb.active
		ws.append(["姓名*", "选区(单位)*", "成绩", "缺考"])
		for row in rows:
			ws.append(row)
		buf = io.BytesIO()
		wb.save(buf)
		f = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"exam-{frappe.generate_hash(length=5)}.xlsx",
				"attached_to_doctype": "Deputy Theory Exam",
				"attached_to_name": exam.name,
				"is_private": 1,
				"content": buf.getvalue(),
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value("Deputy Theory Exam", exam.name, "score_file", f.file_url)

	def test_exam_import_all_or_nothing(self):
		exam = self.exam()
		people = frappe.get_all(
			"Congress Deputy",
			filters={"name": ("in", self.d1 + self.d2)},
			fields=["name", "full_name", "village_unit"],
			order_by="full_name",
		)
		rows = [[p.full_name, p.village_unit, 90 - i, "否"] for i, p in enumerate(people)]
		rows[2][2] = 130  # a bad score
		rows[3] = [rows[3][0], rows[3][1], None, "是"]
		self.attach(exam, rows)
		result = as_user(self.dao, lambda: import_scores(exam.name))
		self.assertFalse(result["ok"])
		self.assertIn("第4行：成绩：应在0到100之间", result["message"])
		self.assertEqual(frappe.db.count("Deputy Exam Score", {"parent": exam.name}), 0)
		content = frappe.get_doc("File", {"file_url": result["error_file"]}).get_content()
		ws = load_workbook(io.BytesIO(content)).active
		self.assertEqual(ws.cell(1, 5).value, "错误说明")
		self.assertEqual([ws.cell(r, 5).value or "" for r in range(2, 8)][2], "第4行：成绩：应在0到100之间")
		rows[2][2] = 88.5
		self.attach(exam, rows)
		result = as_user(self.dao, lambda: import_scores(exam.name))
		self.assertTrue(result["ok"], result["message"])
		exam.reload()
		self.assertEqual(len(exam.scores), 6)
		self.assertEqual(sum(1 for s in exam.scores if s.absent), 1)
		with self.assertRaisesRegex(frappe.ValidationError, "已有理论考核"):
			self.exam()

	# --- the performance record -----------------------------------------------------------------

	def test_performance_record_counts_the_records(self):
		room = self.room(f"履职活动室{self.tag}", self.d1)
		for i in range(3):
			as_user(
				self.dao,
				lambda i=i: frappe.get_doc(
					{
						"doctype": "Room Activity",
						"room": room.name,
						"activity_type": "联系群众",
						"activity_date": dt.date(YEAR, 2 + i, 9),
						"people_reached": 20,
						"deputies": [{"deputy": d} for d in (self.d1 if i else self.d1[:1])],
					}
				).insert(),
			)
		self.visit(dt.date(YEAR, 7, 1), "进社区", self.d1[:1])
		_, rows = as_user(
			self.dao,
			lambda: deputy_performance.execute(
				{"year": YEAR, "congress": self.city.congress, "deputy_group": self.g1}
			),
		)
		by = {r["name"]: r for r in rows}
		self.assertEqual(set(by), set(self.d1))
		direct = frappe.db.sql(
			"""select count(distinct a.name) from `tabRoom Activity` a join `tabRoom Activity Deputy` d
			on d.parent = a.name where d.deputy = %s and a.year = %s""",
			(self.d1[0], YEAR),
		)[0][0]
		self.assertEqual(by[self.d1[0]]["room_activities"], direct)
		self.assertEqual(by[self.d1[0]]["rank"], 1)
		self.assertGreater(by[self.d1[0]]["total"], by[self.d1[1]]["total"])
		_, detail = as_user(
			self.dao,
			lambda: deputy_performance.execute(
				{"year": YEAR, "congress": self.city.congress, "deputy": self.d1[0]}
			),
		)
		counted = by[self.d1[0]]
		self.assertEqual(
			len(detail),
			counted["room_activities"]
			+ counted["visits"]
			+ counted["joint_activities"]
			+ counted["suggestions"]
			+ counted["education_attended"],
		)
