"""The organ of the demo: its numbers in every report, its printed pages in Chinese, and what
installing the module creates."""

import io

import frappe
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from sanyou_app.core.pdftext import normalize
from sanyou_app.demo import load_organ
from sanyou_app.demo import organ as demo_organ
from sanyou_app.demo.organ import BRANCHES, DOMAIN, YEAR

BRANCH_1 = "机关第一党支部"


def pdf_text(doctype: str, name: str, print_format: str) -> str:
	pdf = frappe.get_print(doctype, name, print_format, as_pdf=True)
	return normalize("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def run_report(name: str, filters: dict, user: str = "Administrator"):
	from frappe.desk.query_report import run

	frappe.set_user(user)
	try:
		result = run(name, filters=filters)
	finally:
		frappe.set_user("Administrator")
	return [row for row in result["result"] if isinstance(row, dict)], result


class TestPartyDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		load_organ()
		cls.branches = sorted(BRANCHES)

	def test_the_organ(self):
		self.assertEqual(
			sorted(
				frappe.get_all("Party Branch", filters={"parent_party_branch": demo_organ.ROOT}, pluck="name")
			),
			self.branches,
		)
		self.assertEqual(frappe.db.count("Party Group", {"party_branch": ("in", self.branches)}), 11)
		on_roll = frappe.db.count("Party Member", {"party_branch": ("in", self.branches), "status": "在册"})
		self.assertEqual(on_roll, 81)  # 80, and one transferred in; one transfer out awaits approval
		states = dict(
			frappe.get_all(
				"Membership Transfer",
				filters={"party_branch": ("in", self.branches)},
				fields=["direction", "workflow_state"],
				as_list=True,
			)
		)
		self.assertEqual(states, {"机关内转接": "已办结", "转入": "已办结", "转出": "待审核"})
		self.assertEqual(
			frappe.db.count("Branch Re-election", {"party_branch": ("in", self.branches), "docstatus": 1}), 6
		)
		closed = frappe.db.count(
			"Party Officer Term", {"party_branch": ("in", self.branches), "closed_by": ("is", "set")}
		)
		self.assertEqual(closed, 6)  # the 2021 committees of two branches, three posts each
		self.assertEqual(frappe.db.count("Party Meeting", {"party_branch": ("in", self.branches)}), 327)
		self.assertEqual(
			frappe.db.count("Party Dues", {"party_branch": ("in", self.branches), "year": YEAR}), 956
		)

	def test_each_role_sees_its_scope(self):
		from frappe.core.doctype.user_permission.user_permission import get_user_permissions

		expect = {
			f"dangwei@{DOMAIN}": ("Organ Party Committee Officer", {}),
			f"shuji1@{DOMAIN}": ("Branch Secretary", {"Party Branch": [BRANCH_1]}),
			f"zuzhang01@{DOMAIN}": (
				"Party Group Leader",
				{"Party Branch": [BRANCH_1], "Party Group": ["办公室第一党小组"]},
			),
		}
		for user, (role, permissions) in expect.items():
			self.assertIn(role, frappe.get_roles(user))
			got = {k: sorted(p["doc"] for p in v) for k, v in get_user_permissions(user).items()}
			self.assertEqual(got, permissions, user)
		from sanyou_app.party_building import api

		for user, members in (
			(f"shuji1@{DOMAIN}", 16),
			(f"zuzhang01@{DOMAIN}", 8),
			(f"dangyuan1@{DOMAIN}", 1),
		):
			frappe.set_user(user)
			try:
				self.assertEqual(api.members_card()["value"], members, user)
				if user.startswith("dangyuan"):
					titles = set(frappe.get_list("Party Affairs Publication", pluck="title"))
					self.assertIn("2025年度机关党费收缴、使用和管理情况公示", titles)
					self.assertIn(f"{BRANCH_1}2025年度民主评议党员结果", titles)
					self.assertNotIn("2026年度机关党建工作要点（征求意见稿）", titles)  # not yet published
					self.assertNotIn("机关第二党支部2025年度民主评议党员结果", titles)
			finally:
				frappe.set_user("Administrator")

	def test_meetings_report(self):
		rows, result = run_report("Branch Meetings by Quarter", {"year": YEAR})
		rows = [r for r in rows if r["party_branch"] in self.branches]
		self.assertEqual(len(rows), 24)
		missed = {(r["party_branch"], r["quarter"]): r["shortfalls"] for r in rows if r["status"] == "未达标"}
		self.assertEqual(
			missed,
			{
				("机关第四党支部", "第2季度"): "支部党员大会0/1",
				("机关第六党支部", "第3季度"): "支部委员会1/3",
				("机关第二党支部", "第4季度"): "党小组会5/6",
			},
		)
		first = next(r for r in rows if r["party_branch"] == BRANCH_1 and r["quarter"] == "第1季度")
		self.assertEqual((first["t0"], first["t1"], first["t2"], first["t3"], first["t6"]), (1, 3, 6, 1, 3))
		self.assertGreater(first["expected"], first["present"])
		self.assertAlmostEqual(first["rate"], round(first["present"] * 100 / first["expected"], 1))
		# a secretary sees only their branch's four quarters
		rows, _ = run_report("Branch Meetings by Quarter", {"year": YEAR}, f"shuji1@{DOMAIN}")
		self.assertEqual(
			{(r["party_branch"], r["quarter"]) for r in rows},
			{(BRANCH_1, f"第{q}季度") for q in (1, 2, 3, 4)},
		)

	def test_unpaid_dues_report(self):
		rows = []
		for branch in self.branches:
			rows += run_report("Unpaid Party Dues", {"year": YEAR, "party_branch": branch})[0]
		self.assertEqual(len(rows), 11)
		self.assertEqual(sum(r["count"] for r in rows), 23)
		self.assertEqual(sorted({r["count"] for r in rows}), [1, 3])
		through_september = []
		for branch in self.branches:
			through_september += run_report(
				"Unpaid Party Dues", {"year": YEAR, "month": 9, "party_branch": branch}
			)[0]
		self.assertEqual(through_september, [])

	def test_test_scores_and_overdue_tasks(self):
		rows, _ = run_report("Quarterly Test Scores by Branch", {"year": YEAR})
		organ = next(r for r in rows if r["test"] == f"{YEAR}年第3季度季考" and r["branch"] == "合计")
		self.assertEqual((organ["takers"], organ["absent"]), (78, 2))
		per_branch = [r for r in rows if r["test"] == f"{YEAR}年第3季度季考" and r["branch"] in self.branches]
		self.assertEqual(sum(r["takers"] for r in per_branch), 78)
		self.assertTrue(0 < organ["pass_rate"] < 100)
		tasks = []
		for branch in self.branches:
			tasks += run_report("Overdue Party Tasks", {"party_branch": branch, "year": YEAR})[0]
		self.assertEqual(len(tasks), 12)
		self.assertTrue(all(r["days"] > 0 for r in tasks))

	def test_meeting_record_pdf_in_chinese(self):
		name = frappe.get_all(
			"Party Meeting",
			filters={
				"party_branch": BRANCH_1,
				"meeting_type": "支部党员大会",
				"meeting_date": f"{YEAR}-12-20",
			},
			pluck="name",
		)[0]
		doc = frappe.get_doc("Party Meeting", name)
		text = pdf_text("Party Meeting", name, "会议记录")
		self.assertIn(f"{BRANCH_1}支部党员大会记录", text)
		self.assertIn(f"应到{doc.expected_count}人,实到{doc.present_count}人", text)
		self.assertIn(f"主持人{doc.host_name}", text)
		for row in doc.attendance:
			self.assertIn(row.full_name, text)
			if row.attendance != "出席":
				self.assertIn(f"{row.full_name}({row.attendance}:{row.reason})", text)

	def test_dues_ledger_pdf_in_chinese(self):
		ledger = f"{BRANCH_1}{YEAR}年党费台账"
		text = pdf_text("Party Dues Ledger", ledger, "党费缴纳台账")
		self.assertIn(f"{BRANCH_1}{YEAR}年党费缴纳台账", text)
		self.assertIn("未缴", text)
		doc = frappe.get_doc("Party Dues Ledger", ledger)
		self.assertIn(f"全年应缴党费{doc.total_due:,.2f}元,实缴{doc.total_paid:,.2f}元", text)
		for name in frappe.get_all(
			"Party Dues", filters={"ledger": ledger}, pluck="full_name", distinct=True
		):
			self.assertIn(name, text)


class TestPartyInstall(FrappeTestCase):
	def test_roles_workflow_workspace_reports_print_formats(self):
		for role in (
			"Organ Party Committee Officer",
			"Branch Secretary",
			"Party Group Leader",
			"Party Member",
		):
			self.assertEqual(
				frappe.db.get_value("Role", role, ["desk_access", "home_page"]), (1, "/app/机关党建")
			)
		workflow = frappe.get_doc("Workflow", "党员组织关系转接")
		self.assertEqual(workflow.document_type, "Membership Transfer")
		self.assertEqual([s.state for s in workflow.states], ["草稿", "待审核", "已同意", "已办结"])
		self.assertEqual(
			{(t.action, t.allowed) for t in workflow.transitions if t.next_state == "已办结"},
			{("办结", "Organ Party Committee Officer")},
		)
		self.assertTrue(frappe.db.exists("Workspace", "机关党建"))
		for report in (
			"Branch Meetings by Quarter",
			"Unpaid Party Dues",
			"Overdue Party Tasks",
			"Quarterly Test Scores by Branch",
		):
			self.assertEqual(frappe.db.get_value("Report", report, "report_type"), "Script Report")
		self.assertEqual(frappe.db.get_value("Print Format", "会议记录", "doc_type"), "Party Meeting")
		self.assertEqual(frappe.db.get_value("Print Format", "党费缴纳台账", "doc_type"), "Party Dues Ledger")
		for card in ("党员人数", "未缴党费笔数", "逾期党建任务数"):
			self.assertEqual(frappe.db.get_value("Number Card", card, "type"), "Custom")
		self.assertIn(
			"sanyou_app.party_building.reminders.remind_overdue_tasks",
			frappe.get_hooks("scheduler_events")["daily"],
		)

	def test_a_role_made_by_the_doctype_sync_gets_the_shipped_settings_once(self):
		"""Syncing a doctype whose permissions name a missing role creates the bare role before the
		install hook runs; the hook completes it, and leaves it alone once someone has edited it."""
		import time

		from sanyou_app.setup.install import ensure_role

		name = f"Test Role {frappe.generate_hash(length=6)}"
		bare = frappe.new_doc("Role")
		bare.update({"role_name": name, "desk_access": 1})
		bare.insert(ignore_permissions=True)
		spec = {"role_name": name, "desk_access": 1, "home_page": "/app/机关党建"}
		ensure_role(spec)
		self.assertEqual(frappe.db.get_value("Role", name, "home_page"), "/app/机关党建")
		time.sleep(0.01)
		frappe.db.set_value("Role", name, "home_page", "/app/todo")  # an administrator's choice
		ensure_role(spec)
		self.assertEqual(frappe.db.get_value("Role", name, "home_page"), "/app/todo")

	def test_labels_read_in_chinese(self):
		frappe.local.lang = "zh"
		try:
			for source, zh in (
				("Party Member", "党员"),
				("Branch Meetings by Quarter", "三会一课落实情况"),
				("Membership Transfer", "组织关系转接"),
				("Organ Party Committee Officer", "机关党委工作人员"),
				("Dues Base (Monthly)", "党费缴纳基数(月)"),
			):
				self.assertEqual(frappe._(source), zh)
		finally:
			frappe.local.lang = "en"
