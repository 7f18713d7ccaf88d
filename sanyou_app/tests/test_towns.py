"""Many towns on one site: each town's users see and change only their own town's records, from
the first proposal to the rectification list, on every road (form, list, count, report, REST);
the county congress office reads every town, compares them in the chain report, and changes none."""

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate
from frappe.utils.password import update_password

from sanyou_app.common import query_guard
from sanyou_app.livelihood_projects.towns import allow
from sanyou_app.project_supervision.report.project_chain.project_chain import get_data as chain
from sanyou_app.tests.fixtures import candidates, deputy_users, make_town, user_for
from sanyou_app.tests.fixtures import tag as unique_tag
from sanyou_app.tests.test_project_supervision import as_user, role_user, run_vote

PASSWORD = "Sanyou@Towns2026"
# every doctype of a town's records, from the first proposal on
TOWN_DOCTYPES = (
	"Congress",
	"Congress Deputy",
	"Livelihood Cycle",
	"Livelihood Proposal",
	"Secret Vote",
	"Livelihood Project",
	"Supervision Log",
	"Project Inspection",
	"Rectification Item",
)


def build_town() -> frappe._dict:
	"""A town whose vote is published (two projects), with a supervision log and an inspection
	whose finding is put on the rectification list; built by a town office without scope."""
	tag = unique_tag(5)
	town = make_town(deputies=9)
	users = deputy_users(town.congress, f"tw-{tag}-")
	roll = frappe.get_all(
		"Congress Deputy", filters={"congress": town.congress}, pluck="name", order_by="full_name, name"
	)
	candidates(town, [("村道硬化", 120), ("文化广场", 80), ("路灯安装", 30)])
	officers = [("计票人", roll[0]), ("计票人", roll[1]), ("总监票人", roll[2]), ("监票人", roll[3])]
	sheets = [{"村道硬化": "赞成", "文化广场": "赞成", "路灯安装": "反对"}] * 7
	office = user_for("Town Congress Office")
	town.vote = run_vote(office, town, officers, users, sheets, seats=2)
	town.projects = frappe.get_all("Livelihood Project", {"cycle": town.cycle}, pluck="name", order_by="name")
	project = frappe.get_doc("Livelihood Project", town.projects[0])
	project.set("liaison_deputies", [{"deputy": roll[4]}, {"deputy": roll[5]}])
	project.save()
	town.log = as_user(
		users[4],
		lambda: (
			frappe.get_doc(
				{
					"doctype": "Supervision Log",
					"project": project.name,
					"visit_date": getdate(),
					"observed": "路基已完成",
				}
			)
			.insert()
			.name
		),
	)
	town.inspection = (
		frappe.get_doc(
			{
				"doctype": "Project Inspection",
				"title": "主席团视察",
				"cycle": town.cycle,
				"inspection_date": getdate(),
				"kind": "视察",
				"participants": [{"deputy": d} for d in roll[:3]],
				"findings": [
					{
						"project": project.name,
						"finding": "排水沟未完工",
						"needs_rectification": 1,
						"rectification_owner": "镇交通运输管理站",
						"rectification_deadline": add_days(getdate(), 30),
					}
				],
			}
		)
		.insert()
		.name
	)
	town.roll, town.users = roll, users
	return town


def organ_item(owner_user: str) -> str:
	"""A rectification item of the organ's 两争 assessment: it names no congress."""
	doc = frappe.get_doc(
		{
			"doctype": "Rectification Item",
			"source_kind": "两争考核",
			"problem": f"机关党支部三会一课记录不全{unique_tag()}",
			"deadline": add_days(getdate(), 30),
			"owner_user": owner_user,
			"evidence": [{"file": "/files/organ-minutes.pdf"}],
		}
	)
	return doc.insert(ignore_permissions=True).name


class TestTowns(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.a, cls.b = build_town(), build_town()
		for town in (cls.a, cls.b):
			town.office = role_user(
				f"office-{unique_tag()}@towns.test", "Town Congress Office", "测试镇人大办"
			)
			# the town office also verifies and closes the town's rectification items
			frappe.get_doc("User", town.office).add_roles("Rectification Supervisor")
			allow(town.office, town.congress)
			update_password(town.office, PASSWORD)
		cls.county = role_user("county@towns.test", "County Congress Office", "测试县人大办")
		update_password(cls.county, PASSWORD)
		# the organ's party items (naming no congress) on the same site, and the organ's supervisor
		cls.organ_supervisor = role_user(
			f"jiguan-{unique_tag()}@towns.test", "Rectification Supervisor", "机关整改督办"
		)
		cls.organ_item = organ_item(owner_user=cls.organ_supervisor)
		cls.answered_item = organ_item(owner_user=cls.a.office)  # one the town office answers for
		frappe.db.commit()  # nosemgrep: the served site reads committed rows

	def records(self, town, doctype) -> set[str]:
		"""A town's records of a doctype, as the database holds them."""
		field = "name" if doctype == "Congress" else "congress"
		return set(frappe.get_all(doctype, filters={field: town.congress}, pluck="name"))

	def test_every_record_of_a_town_names_its_congress(self):
		for town in (self.a, self.b):
			for doctype in TOWN_DOCTYPES:
				with self.subTest(doctype=doctype):
					self.assertTrue(self.records(town, doctype), doctype)
			items = frappe.get_all(
				"Rectification Item", {"source_name": town.inspection}, ["congress", "owner_name"]
			)
			self.assertEqual([(i.congress, i.owner_name) for i in items], [(town.congress, town.projects[0])])

	def test_a_town_office_sees_and_changes_only_its_own_town(self):
		for mine, theirs in ((self.a, self.b), (self.b, self.a)):
			for doctype in TOWN_DOCTYPES:
				with self.subTest(office=mine.office, doctype=doctype):
					listed = set(
						as_user(mine.office, frappe.get_list, doctype, pluck="name", limit_page_length=0)
					)
					self.assertTrue(self.records(mine, doctype) <= listed)
					self.assertEqual(listed & self.records(theirs, doctype), set())
					other = sorted(self.records(theirs, doctype))[0]
					self.assertFalse(frappe.has_permission(doctype, "read", other, user=mine.office))
					# counted through the guard as the desk counts: only the own town's
					filters = {"congress": theirs.congress} if doctype != "Congress" else {"name": other}
					self.assertEqual(as_user(mine.office, query_guard.get_count, doctype, filters), 0)
			self.assertTrue(frappe.has_permission("Livelihood Cycle", "write", mine.cycle, user=mine.office))
			self.assertFalse(
				frappe.has_permission("Livelihood Cycle", "write", theirs.cycle, user=mine.office)
			)
			rows = as_user(mine.office, chain, frappe._dict())
			self.assertEqual({r["project"] for r in rows}, set(mine.projects))

	def test_the_county_office_reads_every_town_compares_them_and_changes_none(self):
		for doctype in TOWN_DOCTYPES:
			with self.subTest(doctype=doctype):
				listed = set(
					as_user(self.county, frappe.get_list, doctype, pluck="name", limit_page_length=0)
				)
				self.assertTrue(self.records(self.a, doctype) | self.records(self.b, doctype) <= listed)
		rows = as_user(self.county, chain, frappe._dict())
		towns = {r["town"] for r in rows if r["project"] in set(self.a.projects) | set(self.b.projects)}
		self.assertEqual(towns, {self.a.town, self.b.town})
		for doctype, name in (("Livelihood Cycle", self.a.cycle), ("Livelihood Project", self.b.projects[0])):
			self.assertFalse(frappe.has_permission(doctype, "write", name, user=self.county))
		item = frappe.get_value("Rectification Item", {"source_name": self.b.inspection})
		self.assertTrue(frappe.has_permission("Rectification Item", "read", item, user=self.county))
		self.assertFalse(frappe.has_permission("Rectification Item", "write", item, user=self.county))

	def test_a_town_supervisor_sees_none_of_the_organs_items_unless_they_answer_for_one(self):
		organ, answered, organ_supervisor = self.organ_item, self.answered_item, self.organ_supervisor
		own = frappe.get_value("Rectification Item", {"source_name": self.a.inspection})
		listed = set(
			as_user(self.a.office, frappe.get_list, "Rectification Item", pluck="name", limit_page_length=0)
		)
		self.assertEqual((organ in listed, answered in listed, own in listed), (False, True, True))
		self.assertFalse(frappe.has_permission("Rectification Item", "read", organ, user=self.a.office))
		self.assertTrue(frappe.has_permission("Rectification Item", "read", answered, user=self.a.office))
		evidence_of = {
			r.parent
			for r in as_user(
				self.a.office,
				frappe.get_list,
				"Rectification Evidence",
				parent_doctype="Rectification Item",
				fields=["parent"],
				limit_page_length=0,
			)
		}
		self.assertNotIn(organ, evidence_of)
		self.assertIn(answered, evidence_of)
		# nor in the counts of the rectification summary
		from sanyou_app.rectification.report.rectification_summary.rectification_summary import get_data

		owners = {r["owner"] for r in as_user(self.a.office, get_data, frappe._dict())}  # by name
		name_of = lambda user: frappe.db.get_value("User", user, "full_name")  # noqa: E731
		self.assertNotIn(name_of(organ_supervisor), owners)
		self.assertIn(name_of(self.a.office), owners)
		# the organ's own supervisor, confined to no town, sees every item
		self.assertTrue(frappe.has_permission("Rectification Item", "read", organ, user=organ_supervisor))
		listed = set(
			as_user(
				organ_supervisor, frappe.get_list, "Rectification Item", pluck="name", limit_page_length=0
			)
		)
		self.assertTrue({organ, answered, own} <= listed)

	def test_over_http_a_town_office_lists_and_counts_its_own_town(self):
		office = requests.Session()
		office.post(
			frappe.utils.get_url("/api/method/login"),
			data={"usr": self.a.office, "pwd": PASSWORD},
			timeout=60,
		).raise_for_status()
		listed = office.get(
			frappe.utils.get_url("/api/resource/Livelihood Proposal"),
			params={"fields": '["name", "congress"]', "limit_page_length": 0},
			timeout=60,
		).json()["data"]
		self.assertEqual({r["congress"] for r in listed}, {self.a.congress})
		counted = office.get(
			frappe.utils.get_url("/api/method/frappe.client.get_count"),
			params={"doctype": "Secret Vote", "filters": f'{{"congress": "{self.b.congress}"}}'},
			timeout=60,
		).json()["message"]
		self.assertEqual(counted, 0)
		refused = office.get(
			frappe.utils.get_url(f"/api/resource/Livelihood Project/{self.b.projects[0]}"), timeout=60
		)
		self.assertEqual(refused.status_code, 403)

	def test_a_town_deputy_given_a_login_is_confined_to_their_town(self):
		deputy = frappe.get_doc("Congress Deputy", self.a.roll[8])
		deputy.user = role_user(f"newdep-{unique_tag()}@towns.test", "Congress Deputy", "新代表")
		deputy.save()
		self.assertTrue(
			frappe.db.exists(
				"User Permission", {"user": deputy.user, "allow": "Congress", "for_value": self.a.congress}
			)
		)
		votes = set(as_user(deputy.user, frappe.get_list, "Secret Vote", pluck="name", limit_page_length=0))
		self.assertIn(self.a.vote, votes)
		self.assertNotIn(self.b.vote, votes)
		self.assertFalse(
			frappe.has_permission("Livelihood Project", "read", self.b.projects[0], user=deputy.user)
		)

	def test_a_new_term_carries_its_towns_users_over(self):
		old = frappe.get_doc("Congress", self.a.congress)
		new = frappe.get_doc(
			{"doctype": "Congress", "region": old.region, "term_no": old.term_no + 1}
		).insert()
		self.assertTrue(
			frappe.db.exists(
				"User Permission", {"user": self.a.office, "allow": "Congress", "for_value": new.name}
			)
		)
		self.assertFalse(
			frappe.db.exists(
				"User Permission", {"user": self.b.office, "allow": "Congress", "for_value": new.name}
			)
		)
