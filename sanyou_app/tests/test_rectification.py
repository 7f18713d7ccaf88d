"""The rectification list (整改清单) on a real site: items from another module's documents, all or
none and never twice; owners and branch scope; the workflow as the roles that own each step;
closure evidence; overdue flags and one reminder a day; the report's counts."""

import datetime as dt

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from sanyou_app.common.rectification import create_items
from sanyou_app.rectification.report.rectification_summary.rectification_summary import get_data
from sanyou_app.tests.party_fixtures import elect, make_branches, make_member, make_user

SUPERVISOR = "Rectification Supervisor"
OWNER = "Rectification Owner"


class as_user:
	def __init__(self, user):
		self.user = user

	def __enter__(self):
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user("Administrator")


def later(days: int = 30) -> dt.date:
	return frappe.utils.getdate() + dt.timedelta(days=days)


class TestRectification(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		o = cls.o = make_branches(2)
		cls.b1, cls.b2 = o.branches
		cls.sec1 = make_user(f"rsec1-{o.tag}@party.test")
		cls.sec2 = make_user(f"rsec2-{o.tag}@party.test")
		cls.m1 = make_user(f"rmem1-{o.tag}@party.test")
		cls.supervisor = make_user(f"rsup-{o.tag}@party.test", [SUPERVISOR])
		cls.outsider = make_user(f"rout-{o.tag}@town.test")
		s1 = make_member("整改书记甲", cls.b1, o.groups[cls.b1][0], user=cls.sec1)
		cls.member1 = make_member("整改党员甲", cls.b1, o.groups[cls.b1][0], user=cls.m1)
		s2 = make_member("整改书记乙", cls.b2, o.groups[cls.b2][0], user=cls.sec2)
		elect(cls.b1, [{"member": s1, "position": "支部书记"}], roll=2)
		elect(cls.b2, [{"member": s2, "position": "支部书记"}], roll=1)
		# a source document of another module: here, the branch's own record
		cls.source = ("Party Branch", cls.b1)

	def items(self, *problems, owner=None, **extra):
		owner = owner or {"owner_doctype": "Party Branch", "owner_name": self.b1}
		return [{"problem": p, "deadline": later(), **owner, **extra} for p in problems]

	def test_created_all_or_none_and_never_twice(self):
		names = create_items(*self.source, "两争考核", self.items("三会一课记录不全", "党费未按月收缴"))
		self.assertEqual(len(set(names)), 2)
		again = create_items(
			*self.source, "两争考核", self.items("党费未按月收缴", " 三会一课 记录不全", "新问题", "新问题")
		)
		self.assertEqual(again[:2], [names[1], names[0]])
		self.assertEqual(again[2], again[3])
		self.assertEqual(frappe.db.count("Rectification Item", {"source_name": self.b1}), 3)

		before = frappe.db.count("Rectification Item")
		bad = [*self.items("问题甲"), {"problem": "", "deadline": "2020-01-01", "owner_name": "无此单位"}]
		with self.assertRaises(frappe.ValidationError) as caught:
			create_items(*self.source, "两争考核", bad)
		message = str(caught.exception)
		self.assertIn("第2项 问题：必填", message)
		self.assertIn("第2项 整改时限：不能早于今天", message)
		self.assertIn("第2项 责任单位：责任单位类型与责任单位须同时填写", message)
		self.assertNotIn("第1项", message)
		self.assertEqual(frappe.db.count("Rectification Item"), before)  # nothing saved
		with self.assertRaises(frappe.ValidationError):
			create_items(*self.source, "群众来信", self.items("问题乙"))
		with self.assertRaises(frappe.ValidationError):
			create_items("Party Branch", "无此支部", "两争考核", self.items("问题丙"))

		# the same problem entered by hand is refused with a clear message
		doc = frappe.get_doc(
			{
				"doctype": "Rectification Item",
				"source_doctype": self.source[0],
				"source_name": self.source[1],
				"source_kind": "两争考核",
				**self.items("三会一课记录不全")[0],
			}
		)
		with self.assertRaises(frappe.ValidationError) as caught:
			doc.insert()
		self.assertIn("同一来源的同一问题已列入整改清单", str(caught.exception))

	def test_the_owner_unit_gives_branch_and_user(self):
		(name,) = create_items(*self.source, "视察督查", self.items("支部台账不规范"))
		item = frappe.get_doc("Rectification Item", name)
		self.assertEqual((item.party_branch, item.owner_user, item.status), (self.b1, self.sec1, "待整改"))
		self.assertIn(OWNER, frappe.get_roles(self.sec1))
		(by_member,) = create_items(
			*self.source,
			"视察督查",
			self.items("学习笔记缺失", owner={"owner_doctype": "Party Member", "owner_name": self.member1}),
		)
		self.assertEqual(
			frappe.db.get_value("Rectification Item", by_member, ["party_branch", "owner_user"]),
			(self.b1, self.m1),
		)
		(by_user,) = create_items(
			*self.source, "满意度测评", self.items("道路积水", owner={"owner_user": self.outsider})
		)
		self.assertEqual(
			frappe.db.get_value("Rectification Item", by_user, ["party_branch", "owner_user"]),
			(None, self.outsider),
		)

	def test_workflow_steps_belong_to_their_roles_and_closing_needs_evidence(self):
		(name,) = create_items(*self.source, "两争考核", self.items("组织生活会未按期召开"))
		with as_user(self.supervisor):
			with self.assertRaises(
				(WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError)
			):
				apply_workflow(frappe.get_doc("Rectification Item", name), "开始整改")
		with as_user(self.sec1):
			doc = apply_workflow(frappe.get_doc("Rectification Item", name), "开始整改")
			self.assertEqual(doc.status, "整改中")
			doc.plan = "十月底前补开组织生活会，形成会议记录"
			doc.save()
			doc = apply_workflow(doc, "提交验收")
			self.assertEqual(doc.status, "待验收")
			with self.assertRaises(
				(WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError)
			):
				apply_workflow(frappe.get_doc("Rectification Item", name), "验收销号")
		with as_user(self.supervisor):
			with self.assertRaises(frappe.ValidationError) as caught:
				apply_workflow(frappe.get_doc("Rectification Item", name), "验收销号")
			self.assertIn("销号佐证材料：销号前须上传整改完成的佐证材料", str(caught.exception))
			item = frappe.get_doc("Rectification Item", name)
			item.flags.workflow_reason = "佐证材料不全"  # every 退回 says why
			doc = apply_workflow(item, "退回整改")
			self.assertEqual(doc.status, "整改中")
		with as_user(self.sec1):
			doc = frappe.get_doc("Rectification Item", name)
			doc.append(
				"evidence", {"file": "/private/files/meeting-minutes.pdf", "file_description": "会议记录"}
			)
			doc.save()
			apply_workflow(doc, "提交验收")
		with as_user(self.supervisor):
			doc = apply_workflow(frappe.get_doc("Rectification Item", name), "验收销号")
		self.assertEqual((doc.status, doc.closed_on), ("已销号", frappe.utils.getdate()))
		with self.assertRaises(frappe.ValidationError):  # closed is closed
			doc = frappe.get_doc("Rectification Item", name)
			doc.plan = "改写"
			doc.save()

	def test_each_user_sees_their_own_and_a_secretary_their_branch(self):
		(b1_item,) = create_items(*self.source, "两争考核", self.items("学习计划未制定"))
		(b2_item,) = create_items(
			"Party Branch",
			self.b2,
			"两争考核",
			self.items("学习计划未制定", owner={"owner_doctype": "Party Branch", "owner_name": self.b2}),
		)
		(town_item,) = create_items(
			*self.source, "满意度测评", self.items("路灯不亮", owner={"owner_user": self.outsider})
		)
		every = {b1_item, b2_item, town_item}

		def visible(user):
			with as_user(user):
				try:
					listed = set(frappe.get_list("Rectification Item", pluck="name", limit_page_length=0))
				except frappe.PermissionError:  # no role that reads the list at all
					listed = set()
				listed &= every
				readable = {n for n in every if frappe.has_permission("Rectification Item", doc=n, user=user)}
			self.assertEqual(listed, readable, user)
			return listed

		self.assertEqual(visible(self.sec1), {b1_item})
		self.assertEqual(visible(self.sec2), {b2_item})
		self.assertEqual(visible(self.outsider), {town_item})
		self.assertEqual(visible(self.m1), set())
		self.assertEqual(visible(self.supervisor), every)
		with as_user(self.sec2), self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Rectification Item", b1_item).check_permission("read")

	def test_overdue_items_are_flagged_and_owners_reminded_once_a_day(self):
		from sanyou_app.rectification.reminders import remind_overdue_items

		late, on_time = create_items(*self.source, "其他", self.items("阵地建设不达标", "制度上墙"))
		frappe.db.set_value("Rectification Item", late, "deadline", later(-3))
		sent = remind_overdue_items()
		self.assertGreaterEqual(sent, 1)
		self.assertEqual(frappe.db.get_value("Rectification Item", late, "is_overdue"), 1)
		self.assertEqual(frappe.db.get_value("Rectification Item", on_time, "is_overdue"), 0)
		logs = frappe.get_all(
			"Notification Log",
			filters={"for_user": self.sec1, "document_type": "Rectification Item"},
			fields=["subject", "document_name"],
		)
		self.assertIn(late, [log.document_name for log in logs])
		remind_overdue_items()
		self.assertEqual(
			frappe.db.count(
				"Notification Log", {"for_user": self.sec1, "document_type": "Rectification Item"}
			),
			len(logs),
		)

		rows = {(r["owner"], r["source_kind"]): r for r in get_data(frappe._dict(party_branch=self.b1))}
		row = rows[(self.b1, "其他")]
		self.assertEqual((row["total"], row["open"], row["overdue"], row["closed"]), (2, 2, 1, 0))
		with as_user(self.sec2):
			self.assertEqual(get_data(frappe._dict(party_branch=self.b1)), [])

		from sanyou_app.rectification.api import overdue_items_card

		with as_user(self.sec1):
			late_here = frappe.get_list("Rectification Item", filters={"is_overdue": 1}, pluck="name")
			self.assertEqual(overdue_items_card()["value"], len(late_here))
			self.assertIn(late, late_here)
		with as_user(self.m1):  # reads no item at all
			self.assertEqual(overdue_items_card()["value"], 0)
