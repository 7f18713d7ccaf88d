"""Party Building on a real site: organisation and terms, re-elections, membership transfers,
dues, the task checklist and its reminders, meetings, and the 季考 import."""

import datetime as dt
import io

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook, load_workbook

from sanyou_app.core.education import SCORE_IMPORT
from sanyou_app.core.party import GROUP_LEADER_ROLE, MEMBER_ROLE, OFFICER_ROLE, SECRETARY_ROLE
from sanyou_app.tests.party_fixtures import DAY, elect, make_branches, make_member, make_user


def party_roles(user: str) -> set[str]:
	return set(frappe.get_roles(user)) & {SECRETARY_ROLE, GROUP_LEADER_ROLE, MEMBER_ROLE}


def scope(user: str) -> dict[str, list[str]]:
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	return {k: sorted(p["doc"] for p in v) for k, v in get_user_permissions(user).items()}


class as_user:
	def __init__(self, user):
		self.user = user

	def __enter__(self):
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user("Administrator")


class TestOrganisation(FrappeTestCase):
	def test_tree_groups_and_members_stay_consistent(self):
		o = make_branches(2)
		b1, b2 = o.branches
		with self.assertRaises(frappe.ValidationError) as caught:
			frappe.get_doc(
				{"doctype": "Party Branch", "branch_name": f"支部下的支部{o.tag}", "parent_party_branch": b1}
			).insert()
		self.assertIn("上级党组织", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			frappe.get_doc(
				{"doctype": "Party Group", "group_name": f"党委下的小组{o.tag}", "party_branch": o.root}
			).insert()
		self.assertIn("党支部：应为机关党委下属的党支部", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			make_member("错组党员", b1, o.groups[b2][0])
		self.assertIn("党小组", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			make_member("少年", b1, birth_date=dt.date(1990, 1, 1), joined_on=dt.date(2005, 1, 1))
		self.assertIn("入党日期：入党时应年满18岁", str(caught.exception))

	def test_branch_changes_only_through_a_transfer(self):
		o = make_branches(2)
		name = make_member("张三", o.branches[0])
		doc = frappe.get_doc("Party Member", name)
		doc.party_branch = o.branches[1]
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.save()
		self.assertIn("党支部：党员所在支部只能通过组织关系转接变更", str(caught.exception))

	def test_reelection_closes_old_terms_opens_new_and_moves_roles(self):
		o = make_branches(1, groups=1)
		branch, group = o.branches[0], o.groups[o.branches[0]][0]
		users = [make_user(f"{k}-{o.tag}@party.test") for k in ("a", "b", "c")]
		a, b, c = (
			make_member(n, branch, group, user=u) for n, u in zip(("甲", "乙", "丙"), users, strict=True)
		)
		first = elect(
			branch,
			[
				{"member": a, "position": "支部书记"},
				{"member": b, "position": "党小组长", "party_group": group},
			],
			day=dt.date(2022, 3, 1),
			roll=3,
		)
		self.assertEqual(party_roles(users[0]), {SECRETARY_ROLE, MEMBER_ROLE})
		self.assertEqual(scope(users[0]), {"Party Branch": [branch]})
		self.assertEqual(party_roles(users[1]), {GROUP_LEADER_ROLE, MEMBER_ROLE})
		self.assertEqual(scope(users[1]), {"Party Branch": [branch], "Party Group": [group]})
		self.assertEqual(scope(users[2]), {"Party Branch": [branch], "Party Member": [c]})
		self.assertEqual(frappe.db.get_value("Party Branch", branch, "secretary"), a)
		self.assertEqual(
			frappe.db.get_value("Party Branch", branch, "next_election_due"), dt.date(2025, 3, 1)
		)

		second = elect(
			branch,
			[{"member": c, "position": "支部书记"}, {"member": a, "position": "组织委员"}],
			day=dt.date(2025, 3, 5),
			roll=3,
		)
		terms = frappe.get_all(
			"Party Officer Term",
			filters={"party_branch": branch},
			fields=["member", "position", "start_date", "end_date", "opened_by", "closed_by"],
			order_by="start_date, position",
		)
		history = {
			(t.member, t.position): (t.start_date, t.end_date, t.opened_by, t.closed_by) for t in terms
		}
		self.assertEqual(history[(a, "支部书记")], (dt.date(2022, 3, 1), dt.date(2025, 3, 4), first, second))
		self.assertEqual(
			history[(b, "党小组长")], (dt.date(2022, 3, 1), None, first, None)
		)  # no new leader named
		self.assertEqual(history[(c, "支部书记")], (dt.date(2025, 3, 5), None, second, None))
		self.assertEqual(party_roles(users[0]), {MEMBER_ROLE})  # 组织委员 runs no branch in the system
		self.assertEqual(scope(users[0]), {"Party Branch": [branch], "Party Member": [a]})
		self.assertEqual(party_roles(users[2]), {SECRETARY_ROLE, MEMBER_ROLE})
		self.assertEqual(frappe.db.get_value("Party Branch", branch, "secretary"), c)

		frappe.get_doc("Branch Re-election", second).cancel()
		self.assertEqual(frappe.db.get_value("Party Branch", branch, "secretary"), a)
		self.assertEqual(party_roles(users[0]), {SECRETARY_ROLE, MEMBER_ROLE})
		self.assertEqual(party_roles(users[2]), {MEMBER_ROLE})
		self.assertFalse(frappe.db.exists("Party Officer Term", {"opened_by": second}))

	def test_reelection_needs_four_fifths_present_and_one_secretary(self):
		o = make_branches(1)
		branch = o.branches[0]
		a = make_member("甲", branch)
		doc = frappe.get_doc(
			{
				"doctype": "Branch Re-election",
				"party_branch": branch,
				"election_date": DAY,
				"members_on_roll": 5,
				"members_present": 4,
				"officers": [{"member": a, "position": "组织委员"}],
			}
		)
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.insert()
		message = str(caught.exception)
		self.assertIn("实到会党员：到会4人，未超过应到会5人的五分之四，选举无效", message)
		self.assertIn("换届人选：须选出支部书记", message)

	def test_yearly_appraisal_grades_land_on_the_members_record(self):
		from sanyou_app.party_building.api import record_appraisal_grades

		o = make_branches(1)
		a, b = make_member("甲", o.branches[0]), make_member("乙", o.branches[0])
		with self.assertRaises(frappe.ValidationError) as caught:
			record_appraisal_grades(2025, {a: "优秀", b: "良好"})
		self.assertIn("评议等次：乙的等次“良好”应为优秀、合格、基本合格、不合格之一", str(caught.exception))
		self.assertEqual(frappe.get_doc("Party Member", a).appraisals, [])  # nothing half-saved
		record_appraisal_grades(2025, {a: "优秀", b: "合格"})
		record_appraisal_grades(2025, {b: "基本合格"})  # a correction replaces the year's grade
		grades = {
			m: [(r.year, r.grade, r.source) for r in frappe.get_doc("Party Member", m).appraisals]
			for m in (a, b)
		}
		self.assertEqual(grades, {a: [(2025, "优秀", "民主评议")], b: [(2025, "基本合格", "民主评议")]})
		with as_user(make_user(f"apr-{o.tag}@party.test", [SECRETARY_ROLE])):
			with self.assertRaises(frappe.PermissionError):  # grades are the 机关党委's to write
				record_appraisal_grades(2025, {a: "合格"})

	def test_a_scoped_role_without_a_branch_sees_nothing(self):
		"""Fail closed: a Branch Secretary role given by hand, with no branch, opens nothing — and
		the daily sync takes the role away again."""
		from sanyou_app.party_building.access import sync_user

		o = make_branches(1)
		name = make_member("甲", o.branches[0])
		user = make_user(f"stray-{o.tag}@party.test", [SECRETARY_ROLE])
		with as_user(user):
			self.assertEqual(frappe.get_list("Party Member", filters={"name": name}), [])
			self.assertFalse(
				frappe.has_permission("Party Member", "read", frappe.get_doc("Party Member", name))
			)
		sync_user(user)
		self.assertNotIn(SECRETARY_ROLE, frappe.get_roles(user))


class TestMembershipTransfer(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		o = cls.o = make_branches(2)
		b1, b2 = o.branches
		o.sec1 = make_user(f"t-sec1-{o.tag}@party.test")
		o.sec2 = make_user(f"t-sec2-{o.tag}@party.test")
		o.mover_user = make_user(f"t-mover-{o.tag}@party.test")
		o.s1 = make_member("甲书记", b1, user=o.sec1)
		o.s2 = make_member("乙书记", b2, user=o.sec2)
		o.mover = make_member("调动党员", b1, o.groups[b1][0], user=o.mover_user)
		elect(b1, [{"member": o.s1, "position": "支部书记"}], roll=2)
		elect(b2, [{"member": o.s2, "position": "支部书记"}], roll=1)
		o.officer = make_user("party-officer@party.test", [OFFICER_ROLE])

	def draft(self, **values) -> str:
		with as_user(self.o.sec1):
			doc = frappe.get_doc(
				{"doctype": "Membership Transfer", "party_branch": self.o.branches[0], **values}
			).insert()
			apply_workflow(doc, "提交审核")
			return doc.name

	def act(self, user, name, action):
		with as_user(user):
			apply_workflow(frappe.get_doc("Membership Transfer", name), action)

	def test_within_the_organ_the_branch_changes_only_when_completed(self):
		o = self.o
		b1, b2 = o.branches
		name = self.draft(direction="机关内转接", member=o.mover, to_branch=b2, transfer_reason="工作调动")
		self.assertEqual(frappe.db.get_value("Membership Transfer", name, "workflow_state"), "待审核")
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			self.act(o.sec1, name, "同意转接")  # the 机关党委 approves, not the branch
		self.act(o.officer, name, "同意转接")
		self.assertEqual(frappe.db.get_value("Party Member", o.mover, "party_branch"), b1)
		self.assertEqual(scope(o.mover_user)["Party Branch"], [b1])
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			self.act(o.sec1, name, "办结")
		self.act(o.officer, name, "办结")
		doc = frappe.get_doc("Membership Transfer", name)
		self.assertEqual(
			(doc.docstatus, doc.workflow_state, doc.completed_on), (1, "已办结", frappe.utils.getdate())
		)
		self.assertEqual(
			frappe.db.get_value("Party Member", o.mover, ["party_branch", "party_group"]), (b2, None)
		)
		self.assertEqual(scope(o.mover_user), {"Party Branch": [b2], "Party Member": [o.mover]})
		with as_user(o.sec1):
			self.assertFalse(
				frappe.has_permission("Party Member", "read", frappe.get_doc("Party Member", o.mover))
			)
		with as_user(o.sec2):
			self.assertTrue(
				frappe.has_permission("Party Member", "read", frappe.get_doc("Party Member", o.mover))
			)

	def test_out_and_in(self):
		o = self.o
		b1, b2 = o.branches
		user = make_user(f"t-leaver-{o.tag}@party.test")
		leaver = make_member("转出党员", b1, user=user)
		self.assertEqual(party_roles(user), {MEMBER_ROLE})
		out = self.draft(direction="转出", member=leaver, other_organisation="中共市教育局机关委员会")
		with self.assertRaises(frappe.ValidationError) as caught:
			self.draft(direction="转出", member=leaver, other_organisation="另一单位")
		self.assertIn("该党员已有一项未办结的组织关系转接", str(caught.exception))
		self.act(o.officer, out, "同意转接")
		self.act(o.officer, out, "办结")
		self.assertEqual(frappe.db.get_value("Party Member", leaver, "status"), "已转出")
		self.assertEqual(party_roles(user), set())
		self.assertEqual(scope(user), {})

		with as_user(o.sec2):
			doc = frappe.get_doc(
				{
					"doctype": "Membership Transfer",
					"direction": "转入",
					"party_branch": b2,
					"other_organisation": "中共市农业农村局机关委员会",
					"full_name": "转入党员",
					"gender": "女",
					"joined_on": "2012-07-01",
					"member_type": "正式党员",
				}
			).insert()
			apply_workflow(doc, "提交审核")
		self.act(o.officer, doc.name, "同意转接")
		self.act(o.officer, doc.name, "办结")
		member = frappe.db.get_value("Membership Transfer", doc.name, "member")
		self.assertEqual(
			frappe.db.get_value("Party Member", member, ["full_name", "party_branch", "status"]),
			("转入党员", b2, "在册"),
		)

	def test_transfer_refusals_name_field_and_reason(self):
		o = self.o
		with self.assertRaises(frappe.ValidationError) as caught:
			self.draft(direction="机关内转接", member=o.s1, to_branch=o.branches[0])
		self.assertIn("转入支部：不能与转出支部相同", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			self.draft(direction="转出", member=o.s2, other_organisation="x")
		self.assertIn("党员：乙书记不是本支部党员", str(caught.exception))


class TestDues(FrappeTestCase):
	def test_a_branch_month_is_generated_all_or_nothing(self):
		o = make_branches(1)
		branch = o.branches[0]
		rich = make_member("高收入", branch, dues_base=12000)
		mid = make_member("中收入", branch, dues_base=4500)
		nobase = make_member("未填基数", branch, dues_base=0)
		ledger = frappe.get_doc(
			{"doctype": "Party Dues Ledger", "party_branch": branch, "year": 2025}
		).insert()
		with self.assertRaises(frappe.ValidationError) as caught:
			ledger.generate_month(3)
		self.assertIn("党员未填基数的党费缴纳基数：未填写缴纳基数（或每月固定党费）", str(caught.exception))
		self.assertEqual(frappe.db.count("Party Dues", {"ledger": ledger.name}), 0)
		frappe.db.set_value("Party Member", nobase, "dues_fixed", 0.2)
		result = ledger.generate_month(3)
		self.assertEqual(result["created"], 3)
		amounts = dict(
			frappe.get_all(
				"Party Dues", filters={"ledger": ledger.name}, fields=["member", "amount"], as_list=True
			)
		)
		self.assertEqual(amounts, {rich: 240.0, mid: 45.0, nobase: 0.2})
		self.assertEqual(ledger.generate_month(3)["created"], 0)  # a second run adds nothing
		paid = frappe.get_doc("Party Dues", {"ledger": ledger.name, "member": rich})
		paid.paid_on = "2025-03-10"
		paid.paid_by = "中收入"
		paid.save()
		ledger.reload()
		self.assertEqual(
			(ledger.records_count, ledger.unpaid_count, ledger.total_due, ledger.total_paid),
			(3, 2, 285.2, 240.0),
		)
		from sanyou_app.party_building.report.unpaid_party_dues.unpaid_party_dues import execute

		_columns, rows, _m, _c, summary = execute({"year": 2025, "party_branch": branch})
		self.assertEqual({r["member"]: r["owed"] for r in rows}, {mid: 45.0, nobase: 0.2})
		self.assertEqual(summary[0]["value"], 2)


class TestTasksAndReminders(FrappeTestCase):
	def test_done_needs_evidence_and_overdue_owners_are_reminded_once_a_day(self):
		from sanyou_app.party_building.reminders import remind_overdue_tasks

		o = make_branches(1)
		branch = o.branches[0]
		owner_user = make_user(f"owner-{o.tag}@party.test")
		owner = make_member("任务责任人", branch, user=owner_user)
		secretary_user = make_user(f"tsec-{o.tag}@party.test")
		secretary = make_member("书记", branch, user=secretary_user)
		nologin = make_member("无账号责任人", branch)
		elect(branch, [{"member": secretary, "position": "支部书记"}], roll=3)
		checklist = frappe.get_doc(
			{"doctype": "Party Task Checklist", "party_branch": branch, "year": 2025}
		).insert()

		def task(title, who):
			return frappe.get_doc(
				{
					"doctype": "Party Task",
					"checklist": checklist.name,
					"task": title,
					"responsible": who,
					"deadline": "2025-03-31",
				}
			).insert()

		mine, orphan = task("制定学习计划", owner), task("党员信息核对", nologin)
		with as_user(owner_user):  # the owner marks their own task done ...
			doc = frappe.get_doc("Party Task", mine.name)
			doc.status = "已完成"
			with self.assertRaises(frappe.ValidationError) as caught:
				doc.save()
			self.assertIn("佐证材料：标记为已完成前须上传佐证材料", str(caught.exception))
			doc = frappe.get_doc("Party Task", mine.name)
			doc.status = "进行中"
			doc.save()
			with self.assertRaises(frappe.PermissionError):  # ... not someone else's
				other = frappe.get_doc("Party Task", orphan.name)
				other.status = "进行中"
				other.save()

		def logs():
			return frappe.get_all(
				"Notification Log",
				filters={"for_user": ("in", [owner_user, secretary_user]), "document_type": "Party Task"},
				fields=["for_user", "subject", "document_name"],
			)

		remind_overdue_tasks()
		self.assertEqual(
			sorted((log.for_user, log.subject, log.document_name) for log in logs()),
			sorted(
				[
					(owner_user, "您有1项党建任务已逾期", mine.name),
					(secretary_user, "您有1项党建任务已逾期", orphan.name),
				]
			),
		)
		remind_overdue_tasks()
		self.assertEqual(len(logs()), 2)  # not twice a day
		checklist.reload()
		self.assertEqual((checklist.task_count, checklist.overdue_count), (2, 2))


class TestMeetingsAndTest(FrappeTestCase):
	def test_meeting_attendance_comes_from_the_branch_with_reasons(self):
		o = make_branches(2)
		b1, b2 = o.branches
		a, b = make_member("甲", b1), make_member("乙", b1)
		stranger = make_member("外支部党员", b2)
		meeting = {
			"doctype": "Party Meeting",
			"meeting_type": "支部党员大会",
			"party_branch": b1,
			"meeting_date": DAY,
			"topic": "学习",
		}
		with self.assertRaises(frappe.ValidationError) as caught:
			frappe.get_doc(
				{
					**meeting,
					"attendance": [{"member": a}, {"member": stranger}, {"member": b, "attendance": "请假"}],
				}
			).insert()
		message = str(caught.exception)
		self.assertIn("参会情况第2行党员：外支部党员不是本支部党员", message)
		self.assertIn("参会情况第3行缺席原因：乙请假，须写明原因", message)
		doc = frappe.get_doc(
			{**meeting, "attendance": [{"member": a}, {"member": b, "attendance": "请假", "reason": "出差"}]}
		).insert()
		self.assertEqual((doc.expected_count, doc.present_count, doc.attendance_rate), (2, 1, 50.0))

	def test_score_import_all_or_nothing_with_an_error_file(self):
		from sanyou_app.party_building.api import import_scores

		o = make_branches(1)
		branch = o.branches[0]
		a, b = make_member(f"考生甲{o.tag}", branch), make_member(f"考生乙{o.tag}", branch)
		test = frappe.db.get_value("Quarterly Test", {"year": 2002, "quarter": "2"}) or (
			frappe.get_doc(
				{"doctype": "Quarterly Test", "year": 2002, "quarter": "2", "test_date": "2002-05-20"}
			)
			.insert()
			.name
		)

		def attach(rows):
			wb = Workbook()
			ws = wb.active
			ws.append([c.header for c in SCORE_IMPORT.columns])
			for row in rows:
				ws.append(row)
			out = io.BytesIO()
			wb.save(out)
			saved = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": "scores.xlsx",
					"attached_to_doctype": "Quarterly Test",
					"attached_to_name": test,
					"is_private": 1,
					"content": out.getvalue(),
				}
			).insert()
			doc = frappe.get_doc("Quarterly Test", test)
			doc.score_file = saved.file_url
			doc.save()

		attach(
			[
				[f"考生甲{o.tag}", branch, 95, "否", None],
				[f"考生乙{o.tag}", branch, 120, "否", None],
				["查无此人", branch, 80, None, None],
			]
		)
		result = import_scores(test)
		self.assertFalse(result["ok"])
		self.assertIn("共3行，其中2行有错误，未导入任何数据。第3行：成绩：应在0到100之间", result["message"])
		self.assertEqual(frappe.db.count("Quarterly Test Score", {"member": ("in", [a, b])}), 0)
		error_file = frappe.get_doc("File", {"file_url": result["error_file"]})
		self.assertEqual((error_file.is_private, error_file.attached_to_name), (1, test))
		sheet = load_workbook(io.BytesIO(error_file.get_content())).active
		errors = [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)]
		self.assertFalse(errors[0])  # a good row: no error
		self.assertIn(f"{branch}没有名为“查无此人”的在册党员", errors[2])

		attach([[f"考生甲{o.tag}", branch, 95, "否", None], [f"考生乙{o.tag}", branch, None, "是", "出差"]])
		result = import_scores(test)
		self.assertTrue(result["ok"], result)
		scores = {
			r.member: (r.score, r.absent, r.party_branch)
			for r in frappe.get_all(
				"Quarterly Test Score",
				filters={"test": test, "member": ("in", [a, b])},
				fields=["member", "score", "absent", "party_branch"],
			)
		}
		self.assertEqual(scores, {a: (95.0, 0, branch), b: (0.0, 1, branch)})
		self.assertEqual(frappe.db.get_value("Quarterly Test", test, "import_status"), "已导入")
