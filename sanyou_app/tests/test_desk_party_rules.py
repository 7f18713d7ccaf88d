"""The desk's rules for the party-building roles, over HTTP as each role: the person answering for
a rectification item writes its plan from the moment it is theirs until they hand it in, and never
the supervisor's fields; reports open on the latest year the role has records of; the ranking's
chart shows each total against the average; branches come in counting order (第一、第二、第三…)."""

import json
import unittest

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from sanyou_app.common.rectification import create_items
from sanyou_app.core.party import branch_order, branch_sort_key
from sanyou_app.tests.browser_case import served_site
from sanyou_app.tests.test_browser import MEMBER, ORGAN, PASSWORD, SECRETARY

ITEM = "Rectification Item"


class Session:
	"""A user logged in to the served site, as their browser is."""

	def __init__(self, base_url: str, user: str):
		self.base_url = base_url
		self.http = requests.Session()
		r = self.http.post(f"{base_url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=60)
		r.raise_for_status()

	def get(self, method: str, **params):
		return self.http.get(f"{self.base_url}/api/method/{method}", params=params, timeout=120)

	def post(self, method: str, **data):
		return self.http.post(f"{self.base_url}/api/method/{method}", data=data, timeout=120)

	def doc(self, doctype: str, name: str) -> dict:
		r = self.get("frappe.client.get", doctype=doctype, name=name)
		r.raise_for_status()
		return r.json()["message"]

	def save(self, doc: dict):
		return self.post("frappe.client.save", doc=json.dumps(doc))

	def act(self, doctype: str, name: str, action: str):
		return self.post(
			"frappe.model.workflow.apply_workflow", doc=json.dumps(self.doc(doctype, name)), action=action
		)


class TestDeskPartyRules(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.base_url = served_site(unavailable=unittest.SkipTest)

	def session(self, user: str) -> Session:
		return Session(self.base_url, user)

	def _delete_items(self, problem: str) -> None:
		frappe.db.rollback()
		for name in frappe.get_all(ITEM, filters={"problem": problem}, pluck="name"):
			frappe.delete_doc(ITEM, name, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what the requests committed

	# --- 整改清单 ----------------------------------------------------------------------------------
	def test_the_owner_writes_the_plan_until_handing_it_in_and_never_the_supervisors_fields(self):
		member = frappe.db.get_value("Party Member", {"user": MEMBER}, ["name", "party_branch"], as_dict=True)
		problem = "规则测试：党员学习档案不完整"
		self.addCleanup(self._delete_items, problem)
		deadline = frappe.utils.getdate(frappe.utils.add_days(frappe.utils.today(), 20))
		(name,) = create_items(
			"Party Branch",
			member.party_branch,
			"其他",
			[
				{
					"problem": problem,
					"owner_doctype": "Party Member",
					"owner_name": member.name,
					"deadline": deadline,
				}
			],
		)
		frappe.db.commit()  # nosemgrep: the served site reads committed rows
		# the workflow lets the owner edit at 待整改 (the desk makes the form editable from it)
		editors = {s.allow_edit for s in frappe.get_doc("Workflow", "整改清单").states if s.state == "待整改"}
		self.assertEqual(editors, {"Rectification Supervisor", "Rectification Owner"})

		owner = self.session(MEMBER)
		doc = owner.doc(ITEM, name)
		self.assertEqual(doc["status"], "待整改")
		self.assertEqual(doc["owner_user_full_name"], frappe.db.get_value("User", MEMBER, "full_name"))
		doc.update(plan="十二月底前补齐学习档案", deadline="2099-01-01", problem="改写的问题")
		r = owner.save(doc)
		self.assertEqual(r.status_code, 200, r.text)
		frappe.db.rollback()
		saved = frappe.db.get_value(ITEM, name, ["plan", "deadline", "problem"], as_dict=True)
		# the plan is theirs; the deadline and the problem are the supervisor's and stay as they were
		self.assertEqual(
			(saved.plan, saved.deadline, saved.problem), ("十二月底前补齐学习档案", deadline, problem)
		)

		for action in ("开始整改", "提交验收"):
			r = owner.act(ITEM, name, action)
			self.assertEqual(r.status_code, 200, r.text)
		doc = owner.doc(ITEM, name)
		self.assertEqual(doc["status"], "待验收")
		doc["plan"] = "验收前再改一次"
		r = owner.save(doc)
		self.assertEqual(r.status_code, 417, r.text)
		messages = [json.loads(m)["message"] for m in json.loads(r.json()["_server_messages"])]
		self.assertIn("整改路线图：已提交验收，不能再修改", messages)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value(ITEM, name, "plan"), "十二月底前补齐学习档案")

		# the supervisor still corrects it while accepting
		supervisor = self.session(ORGAN)
		doc = supervisor.doc(ITEM, name)
		doc["plan"] = "十二月底前补齐学习档案（经核实）"
		r = supervisor.save(doc)
		self.assertEqual(r.status_code, 200, r.text)

	# --- reports ---------------------------------------------------------------------------------
	def test_reports_open_on_the_latest_year_the_role_has_records_of(self):
		branch = frappe.db.get_value(
			"User Permission", {"user": SECRETARY, "allow": "Party Branch"}, "for_value"
		)
		latest = frappe.db.sql(
			"select max(year(meeting_date)) from `tabParty Meeting` where party_branch=%s", branch
		)[0][0]
		secretary = self.session(SECRETARY)
		r = secretary.get("sanyou_app.party_building.api.latest_year", doctype="Party Meeting")
		self.assertEqual(r.json()["message"], latest)
		dues_year = frappe.db.sql("select max(year) from `tabParty Dues` where party_branch=%s", branch)[0][0]
		r = secretary.get("sanyou_app.party_building.api.latest_year", doctype="Party Dues")
		self.assertEqual(r.json()["message"], dues_year)
		# the report run without a year counts that year: meetings held, not a year of zeros
		r = secretary.get(
			"frappe.desk.query_report.run", report_name="Branch Meetings by Quarter", filters="{}"
		)
		self.assertEqual(r.status_code, 200, r.text)
		rows = r.json()["message"]["result"]
		self.assertTrue(rows)
		self.assertEqual({row["party_branch"] for row in rows if row.get("party_branch")}, {branch})
		self.assertGreater(sum(row.get("present") or 0 for row in rows), 0)
		r = secretary.get("sanyou_app.party_building.api.latest_year", doctype="User")
		self.assertEqual(r.status_code, 417)

	# --- 考核排名 ----------------------------------------------------------------------------------
	def test_the_ranking_chart_shows_each_total_against_the_average(self):
		cycle = frappe.db.get_value("Assessment Cycle", {"status": "已发布"})
		sheets = frappe.get_all(
			"Assessment Score Sheet",
			filters={"cycle": cycle, "assessee_kind": "党支部"},
			fields=["assessee_name", "total_score"],
			order_by="total_score desc",
		)
		r = self.session(ORGAN).get(
			"frappe.desk.query_report.run",
			report_name="Assessment Ranking",
			filters=json.dumps({"cycle": cycle, "assessee_kind": "党支部"}),
		)
		self.assertEqual(r.status_code, 200, r.text)
		chart = r.json()["message"]["chart"]
		(dataset,) = chart["data"]["datasets"]
		average = sum(s.total_score for s in sheets) / len(sheets)
		self.assertIn("与平均分", dataset["name"])
		self.assertEqual(chart["data"]["labels"], [s.assessee_name for s in sheets])
		for sheet, value in zip(sheets, dataset["values"], strict=True):
			self.assertAlmostEqual(value, sheet.total_score - average, delta=0.06)

	# --- 党支部 ------------------------------------------------------------------------------------
	def test_branches_come_in_counting_order(self):
		r = self.session(ORGAN).get(
			"frappe.client.get_list",
			doctype="Party Branch",
			fields=json.dumps(["name", "display_order"]),
			filters=json.dumps({"is_group": 0}),
			# as the desk's list asks, by the doctype's sort field
			order_by=f"{frappe.get_meta('Party Branch').sort_field} asc",
			limit_page_length=0,
		)
		self.assertEqual(r.status_code, 200, r.text)
		rows = r.json()["message"]
		names = [row["name"] for row in rows]
		# the organ's six (other tests leave branches of their own towns on the site)
		organ = [n for n in names if n.startswith("机关第")]
		self.assertEqual(len(organ), 6, names)
		self.assertEqual(organ, sorted(organ, key=branch_sort_key))
		self.assertEqual(organ[:3], ["机关第一党支部", "机关第二党支部", "机关第三党支部"])
		self.assertEqual([row["display_order"] for row in rows], [branch_order(n) or 0 for n in names])
