"""Records named as people say them, and the demo dated when things happened."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.patches import deputy_names, project_numbers_cycle_year, readable_names
from sanyou_app.patches.names_people_use import rename_all
from sanyou_app.tests.fixtures import make_town
from sanyou_app.tests.test_print_and_demo import CYCLE_2020, ensure_demo


class TestNames(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()

	def test_a_proposal_is_numbered_with_its_cycles_year(self):
		doc = frappe.get_doc(
			{
				"doctype": "Livelihood Proposal",
				"cycle": CYCLE_2020,
				"title": "补录的村道维修",
				"village": "刘桥村",
				"channel": "代表座谈会",
				"proposer_name": "王强",
				"contact_phone": "13855001234",
				"description": "维修村道。",
				"reason": "群众反映。",
			}
		).insert()
		self.assertRegex(doc.name, r"^MS-2020-\d{5}$")

	def test_the_demo_votes_carry_their_sessions_year(self):
		demo_cycles = [CYCLE_2020, CYCLE_2020.replace("2020", "2021")]
		votes = frappe.get_all(
			"Secret Vote", filters={"cycle": ("in", demo_cycles)}, fields=["name", "title"], order_by="name"
		)
		self.assertEqual(
			[(v.name, v.title) for v in votes],
			[
				("BJ-2020-00001", "2020年民生实事项目票决"),
				("BJ-2021-00001", "2021年民生实事项目票决"),
				("BJ-2021-00002", "2020年民生实事项目满意度测评"),
				# the implementation demo's special survey of the 2021 projects
				("BJ-2021-00003", "2021年民生实事项目满意度专项测评"),
			],
		)

	def test_projects_carry_their_cycles_year_and_old_numbers_are_renumbered(self):
		projects = frappe.get_all(
			"Livelihood Project", filters={"cycle": CYCLE_2020}, pluck="name", order_by="name"
		)
		self.assertTrue(projects)
		self.assertEqual([p for p in projects if not re.match(r"^ZSXM-2020-\d{5}$", p)], [])
		# a project numbered, as before, by the year it was typed in: the patch renumbers it and
		# its supervision records follow
		logs = frappe.db.sql(
			"""select project, count(*) from `tabSupervision Log` where project in %s
			group by project order by count(*) desc limit 1""",
			[projects],
		)
		old, count = logs[0] if logs else (projects[0], 0)
		title = frappe.db.get_value("Livelihood Project", old, "title")
		rename_all("Livelihood Project", {old: "ZSXM-2026-09999"})
		project_numbers_cycle_year.execute()
		self.assertFalse(frappe.db.exists("Livelihood Project", "ZSXM-2026-09999"))
		renumbered = frappe.db.get_value("Livelihood Project", {"cycle": CYCLE_2020, "title": title}, "name")
		self.assertRegex(renumbered, r"^ZSXM-2020-\d{5}$")
		self.assertEqual(frappe.db.count("Supervision Log", {"project": renumbered}), count)
		self.assertEqual(frappe.db.count("Supervision Log", {"project": "ZSXM-2026-09999"}), 0)

	def test_members_have_numbers_and_meetings_their_date_and_topic(self):
		members = frappe.get_all("Party Member", pluck="name")
		self.assertEqual([m for m in members if not re.match(r"^DY\d{5}$", m)], [])
		meeting = frappe.get_last_doc("Party Meeting")
		self.assertEqual(meeting.name, f"{meeting.meeting_date} {meeting.topic}")
		copy = frappe.copy_doc(meeting)
		copy.insert()
		self.assertEqual(copy.name, f"{meeting.meeting_date} {meeting.topic}（2）")
		dues = frappe.get_last_doc("Party Dues")
		self.assertEqual(dues.name, f"{dues.member}-{dues.year}-{int(dues.month):02d}")

	def test_the_2020_session_is_dated_2020(self):
		vote = frappe.get_doc("Secret Vote", "BJ-2020-00001")
		session = frappe.db.get_value("Livelihood Cycle", CYCLE_2020, "session_date")
		self.assertEqual(vote.published_at.date(), session)
		self.assertEqual(vote.creation.date(), session)
		self.assertEqual({o.signed_off_at.date() for o in vote.officers if o.signed_off_at}, {session})
		# every ballot of the vote carries the moment voting opened, nothing of when it was cast
		moments = frappe.db.sql(
			"select distinct creation, modified from `tabSecret Ballot` where vote=%s", vote.name
		)
		self.assertEqual(moments, ((vote.opened_at, vote.opened_at),))
		self.assertEqual(
			frappe.db.count("Livelihood Proposal", {"cycle": CYCLE_2020, "creation": ("<", "2021-01-01")}), 10
		)
		undated = frappe.db.sql(
			"""select count(*) from `tabParty Meeting`
			where date(creation) != meeting_date and creation < %s""",
			frappe.utils.today(),
		)[0][0]
		self.assertEqual(undated, 0)
		# their history too: the timeline says 2020, not "1 minute ago"
		names = frappe.get_all("Livelihood Proposal", filters={"cycle": CYCLE_2020}, pluck="name")
		history = frappe.get_all(
			"Version",
			filters={"ref_doctype": "Livelihood Proposal", "docname": ("in", names)},
			pluck="creation",
		)
		self.assertEqual([c for c in history if c.year != 2020], [])

	def test_renaming_moves_every_reference(self):
		meeting = frappe.get_all("Party Meeting Attendance", fields=["member", "parent"], limit=1)[0]
		old = meeting.member
		rows = frappe.db.count("Party Meeting Attendance", {"member": old})
		permissions = frappe.db.count("User Permission", {"allow": "Party Member", "for_value": old})
		versions = frappe.db.count("Version", {"ref_doctype": "Party Member", "docname": old})
		rename_all("Party Member", {old: "DY99999"})
		self.assertFalse(frappe.db.exists("Party Member", old))
		self.assertTrue(frappe.db.exists("Party Member", "DY99999"))
		self.assertEqual(frappe.db.count("Party Meeting Attendance", {"member": "DY99999"}), rows)
		self.assertEqual(
			frappe.db.count("User Permission", {"allow": "Party Member", "for_value": "DY99999"}), permissions
		)
		self.assertEqual(
			frappe.db.count("Version", {"ref_doctype": "Party Member", "docname": "DY99999"}), versions
		)
		self.assertEqual(frappe.db.count("Party Meeting Attendance", {"member": old}), 0)

	def test_deputies_have_numbers_and_groups_their_congress_and_name(self):
		town = make_town(deputies=3)
		group = frappe.get_doc(
			{"doctype": "Deputy Group", "congress": town.congress, "group_name": "第一代表小组"}
		).insert()
		self.assertEqual(group.name, f"{town.congress}第一代表小组")
		deputies = frappe.get_all(
			"Congress Deputy", {"congress": town.congress}, pluck="name", order_by="creation asc, name asc"
		)
		self.assertEqual([d for d in deputies if not re.match(r"^DB\d{5}$", d)], [])
		for deputy in deputies:
			frappe.db.set_value("Congress Deputy", deputy, "deputy_group", group.name)
		# a site from before: random names; the patch numbers them and the links follow
		rename_all("Congress Deputy", {d: frappe.generate_hash(length=10) for d in deputies})
		rename_all("Deputy Group", {group.name: "q7e2kd01ab"})
		deputy_names.execute()
		renamed = frappe.get_all(
			"Congress Deputy",
			{"congress": town.congress},
			["name", "full_name", "deputy_group"],
			order_by="creation asc, name asc",
		)
		self.assertEqual([d.full_name for d in renamed], ["代表1", "代表2", "代表3"])
		self.assertEqual([d for d in renamed if not re.match(r"^DB\d{5}$", d.name)], [])
		self.assertEqual({d.deputy_group for d in renamed}, {f"{town.congress}第一代表小组"})
		self.assertFalse(frappe.db.exists("Deputy Group", "q7e2kd01ab"))

	def test_records_are_named_by_what_they_are_about(self):
		from sanyou_app import hooks
		from sanyou_app.common.naming import TITLES

		self.assertEqual(set(hooks._TITLED), set(TITLES))
		for doctype in TITLES:
			names = frappe.get_all(doctype, pluck="name")
			with self.subTest(doctype=doctype):
				self.assertEqual([n for n in names if readable_names.RANDOM.match(n)], [])
		publication = frappe.get_doc(
			{
				"doctype": "Party Affairs Publication",
				"title": "关于开展主题党日活动的通知",
				"category": "其他",
				"published_on": "2025-06-30",
				"body": "<p>各党支部：</p>",
			}
		).insert()
		self.assertEqual(publication.name, "2025-06-30 关于开展主题党日活动的通知")
		again = frappe.copy_doc(publication).insert()
		self.assertEqual(again.name, "2025-06-30 关于开展主题党日活动的通知（2）")
		suggestion = frappe.get_last_doc("Deputy Suggestion")
		self.assertEqual(suggestion.name, " ".join(p for p in (suggestion.number, suggestion.title) if p))
		visit = frappe.get_last_doc("Deputy Visit")
		self.assertTrue(visit.name.startswith(f"{visit.visit_date} {visit.place_kind}"), visit.name)

	def test_the_patch_names_records_from_before_and_their_links_follow(self):
		sheet = frappe.get_last_doc("Assessment Score Sheet", filters={"assessee_kind": "党员"})
		readable = sheet.name
		self.assertEqual(readable, f"{sheet.cycle} {sheet.party_branch} {sheet.assessee_name}")
		item = frappe.get_all(
			"Rectification Item",
			{"source_doctype": "Assessment Score Sheet"},
			["name", "source_name"],
			limit=1,
		)
		rename_all("Assessment Score Sheet", {readable: "k3v9q2m7xz"})
		if item:
			rename_all("Assessment Score Sheet", {item[0].source_name: "p4w8n1c6yt"})
		readable_names.execute()
		self.assertTrue(frappe.db.exists("Assessment Score Sheet", readable))
		self.assertFalse(frappe.db.exists("Assessment Score Sheet", "k3v9q2m7xz"))
		if item:
			source = frappe.db.get_value("Rectification Item", item[0].name, "source_name")
			self.assertEqual(source, item[0].source_name)
