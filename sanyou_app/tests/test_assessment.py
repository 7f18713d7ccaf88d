"""The 两争 assessment on a real site: the rulebook, a cycle and its sheets, computed criteria
against the records, the five steps as the roles that own them, scores hidden from the unit until
publication, ranking, titles within caps, rectification items."""

import datetime as dt
from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase

from sanyou_app.assessment import cycle as cycles
from sanyou_app.assessment.report.assessment_ranking.assessment_ranking import get_data as ranking
from sanyou_app.common import background
from sanyou_app.core.assessment import COMPUTED, HAND
from sanyou_app.tests.party_fixtures import elect, make_branches, make_member, make_user

YEAR = 2025
OFFICER = "Organ Party Committee Officer"
ASSESSOR = "Assessment Assessor"
REFUSED = (WorkflowTransitionError, WorkflowPermissionError, frappe.PermissionError, frappe.ValidationError)
TEMPLATES = {
	"branch_template": "党支部考核实施细则（五个好）",
	"group_template": "党小组考核实施细则（五个好）",
	"member_template": "党员考核实施细则（五带头）",
}


class as_user:
	def __init__(self, user):
		self.user = user

	def __enter__(self):
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user("Administrator")


def meeting(kind, branch, day, people, group=None):
	frappe.get_doc(
		{
			"doctype": "Party Meeting",
			"meeting_type": kind,
			"party_branch": branch,
			"party_group": group,
			"meeting_date": day,
			"topic": f"{kind}{day}",
			"host": people[0],
			"attendance": [
				{"member": m, "attendance": "出席" if i < len(people) - 1 else "请假", "reason": "出差"}
				for i, m in enumerate(people)
			],
		}
	).insert()


class TestAssessment(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from sanyou_app.assessment.install import ensure_default_rulebook

		ensure_default_rulebook()
		o = cls.o = make_branches(2, groups=1)
		cls.b1, cls.b2 = o.branches
		cls.g1, cls.g2 = o.groups[cls.b1][0], o.groups[cls.b2][0]
		tag = o.tag
		cls.officer = make_user(f"aoff-{tag}@party.test", [OFFICER])
		cls.assessor = make_user(f"aass-{tag}@party.test", [ASSESSOR])
		cls.sec1, cls.sec2 = make_user(f"asec1-{tag}@party.test"), make_user(f"asec2-{tag}@party.test")
		cls.mem1 = make_user(f"amem1-{tag}@party.test")
		cls.s1 = make_member("考核书记甲", cls.b1, cls.g1, user=cls.sec1)
		cls.m1 = make_member("考核党员甲", cls.b1, cls.g1, user=cls.mem1)
		cls.m2 = make_member("考核党员乙", cls.b1, cls.g1)
		cls.s2 = make_member("考核书记乙", cls.b2, cls.g2, user=cls.sec2)
		elect(cls.b1, [{"member": cls.s1, "position": "支部书记"}], roll=3)
		elect(cls.b2, [{"member": cls.s2, "position": "支部书记"}], roll=1)
		people = [cls.s1, cls.m1, cls.m2]
		# branch 1 in 2025: general meetings in Q1 and Q2 only, one lecture, no committee meetings
		meeting("支部党员大会", cls.b1, dt.date(YEAR, 2, 10), people)
		meeting("支部党员大会", cls.b1, dt.date(YEAR, 5, 10), people)
		meeting("党课", cls.b1, dt.date(YEAR, 3, 10), people)
		meeting("党小组会", cls.b1, dt.date(YEAR, 4, 10), people, cls.g1)
		meeting("支部党员大会", cls.b1, dt.date(YEAR - 1, 5, 10), people)  # another year: not counted
		cls.cycle = cls.make_cycle()

	@classmethod
	def make_cycle(cls, run=True, **values):
		"""A cycle as the officer saves it; `run`: and its sheets made, as the background job does."""
		with as_user(cls.officer):
			cycle = frappe.get_doc(
				{
					"doctype": "Assessment Cycle",
					"year": YEAR,
					"title": f"测试考核{cls.o.tag}{len(values)}",
					"party_committee": cls.o.root,
					"max_advanced_branches": 1,
					"max_advanced_groups": 1,
					"max_excellent_member_percent": 40,
					**TEMPLATES,
					**values,
				}
			).insert()
			if run:
				cycles.run_step(cycle.name, cycles.CREATE)
				cycle.reload()
			return cycle

	def sheet(self, kind, who, cycle=None):
		field = {"党支部": "party_branch", "党小组": "party_group", "党员": "member"}[kind]
		return frappe.get_doc(
			"Assessment Score Sheet",
			{"cycle": (cycle or self.cycle).name, "assessee_kind": kind, field: who},
		)

	def test_a_cycle_makes_one_sheet_per_assessee_and_keeps_its_rulebook(self):
		sheets = frappe.get_all(
			"Assessment Score Sheet", filters={"cycle": self.cycle.name}, fields=["assessee_kind", "status"]
		)
		kinds = sorted(s.assessee_kind for s in sheets)
		self.assertEqual(kinds, sorted(["党支部"] * 2 + ["党小组"] * 2 + ["党员"] * 4))
		self.assertEqual({s.status for s in sheets}, {"资料报送"})
		self.assertEqual(self.cycle.sheet_count, 8)
		branch_sheet = self.sheet("党支部", self.b1)
		self.assertEqual(len(branch_sheet.criteria), 12)
		self.assertEqual(sum(c.max_score for c in branch_sheet.criteria), 100)

		# editing the template afterwards changes neither the cycle nor its sheets
		template = frappe.get_doc("Assessment Template", TEMPLATES["branch_template"])
		first = template.criteria[0]
		old_name, old_max = first.criterion, first.max_score
		first.criterion, first.max_score = "改写后的细则", old_max - 2
		template.criteria[1].max_score += 2
		template.save()
		self.assertEqual(frappe.get_doc("Assessment Cycle", self.cycle.name).criteria[0].criterion, old_name)
		self.assertEqual(self.sheet("党支部", self.b1).criteria[0].criterion, old_name)
		first.criterion, first.max_score = old_name, old_max
		template.criteria[1].max_score -= 2
		template.save()

	def test_sheets_are_made_in_the_background_and_the_cycle_shows_the_step(self):
		cycle = self.make_cycle(run=False, title=f"后台{self.o.tag}")
		self.assertEqual((cycle.job_step, cycle.job_status), ("生成评分表", "进行中"))
		# the timeline tells who created the cycle, not that they changed the step's fields
		changes = frappe.get_all(
			"Version", filters={"ref_doctype": "Assessment Cycle", "docname": cycle.name}
		)
		self.assertEqual(changes, [])
		self.assertEqual(frappe.db.count("Assessment Score Sheet", {"cycle": cycle.name}), 0)
		with as_user(self.officer):
			with self.assertRaises(frappe.ValidationError) as caught:
				frappe.get_doc("Assessment Cycle", cycle.name).aggregate()
			self.assertIn("“生成评分表”正在后台进行", str(caught.exception))
			cycles.run_step(cycle.name, cycles.CREATE)
			cycle.reload()
			self.assertEqual((cycle.job_status, cycle.sheet_count), ("已完成", 8))
			self.assertEqual(cycle.job_message, "生成评分表已完成：共8张考核评分表")
			cycles.run_step(cycle.name, cycles.CREATE)  # the queued job, arriving after the fact
			self.assertEqual(frappe.db.count("Assessment Score Sheet", {"cycle": cycle.name}), 8)
			with self.assertRaises(frappe.ValidationError):  # nothing left to run again
				frappe.get_doc("Assessment Cycle", cycle.name).retry_step()

	def test_a_cycle_deleted_while_its_step_waits_ends_the_job_quietly(self):
		cycle = self.make_cycle(run=False, title=f"删除{self.o.tag}")
		frappe.delete_doc("Assessment Cycle", cycle.name, force=True, ignore_permissions=True)
		logs = frappe.db.count("Error Log")
		cycles.run_step(cycle.name, cycles.CREATE)  # the queued job, after the cycle is gone
		self.assertEqual(frappe.db.count("Assessment Score Sheet", {"cycle": cycle.name}), 0)
		self.assertEqual(frappe.db.count("Error Log"), logs)

	def test_a_step_that_stops_on_one_sheet_saves_none_and_names_it(self):
		cycle = self.make_cycle(run=False, title=f"失败{self.o.tag}")
		real = cycles.assessees

		def with_a_stranger(c):
			return [
				*real(c),
				{
					"assessee_kind": "党员",
					"party_branch": self.b1,
					"member": "DY99999",
					"assessee_name": "查无此人",
				},
			]

		errors = frappe.db.count("Error Log")
		with as_user(self.officer):
			with patch.object(cycles, "assessees", with_a_stranger):
				cycles.run_step(cycle.name, cycles.CREATE)
			cycle.reload()
			self.assertEqual(cycle.job_status, "未完成")
			self.assertEqual(frappe.db.count("Error Log"), errors)  # told on the cycle, not logged
			self.assertIn("生成评分表未完成，未保存任何结果。查无此人（党员）的考核评分表", cycle.job_message)
			self.assertIn("DY99999", cycle.job_message)
			self.assertEqual(frappe.db.count("Assessment Score Sheet", {"cycle": cycle.name}), 0)
			self.assertEqual(cycle.retry_step(), "生成评分表")
			cycles.run_step(cycle.name, cycles.CREATE)
			cycle.reload()
			self.assertEqual((cycle.job_status, cycle.sheet_count), ("已完成", 8))

	def test_a_step_whose_job_was_lost_can_be_run_again(self):
		cycle = self.make_cycle(run=False, title=f"重跑{self.o.tag}")
		with as_user(self.officer):
			# saved, but its job never reached the queue (here: never committed)
			self.assertTrue(background.stalled(cycle))
			self.assertEqual(frappe.get_doc("Assessment Cycle", cycle.name).retry_step(), "生成评分表")
		with as_user(self.mem1):  # a member may not
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Assessment Cycle", cycle.name).retry_step()

	def test_the_rulebook_must_sum_to_100(self):
		template = frappe.copy_doc(frappe.get_doc("Assessment Template", TEMPLATES["branch_template"]))
		template.template_name = f"错误细则{self.o.tag}"
		template.headings[-1].max_score = 10
		with self.assertRaises(frappe.ValidationError) as caught:
			template.insert()
		self.assertIn("五项满分合计应为100分，现为95分", str(caught.exception))
		self.assertIn("群众反映好所列细则分值合计15分，应等于该项满分10分", str(caught.exception))

	def test_computed_criteria_equal_counts_taken_from_the_records(self):
		with as_user(self.sec1):
			doc = apply_workflow(self.sheet("党支部", self.b1), "提交资料")
		self.assertEqual(doc.status, "数据汇总")
		doc = self.sheet("党支部", self.b1)
		rows = {c.rule: c for c in doc.criteria if c.scoring_method == COMPUTED}
		held = frappe.db.count(
			"Party Meeting",
			{
				"party_branch": self.b1,
				"meeting_type": ("!=", "党小组会"),
				"meeting_date": ("between", (dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))),
			},
		)
		self.assertEqual(held, 3)
		meetings = rows["三会一课落实"]
		self.assertIn(f"应开33次，实开{held}次，缺30次，扣10分", meetings.basis)
		self.assertEqual((meetings.computed_score, meetings.final_score), (5, 5))
		self.assertIn("party_branch=", meetings.source_link)
		expected, present = frappe.db.sql(
			"""select sum(expected_count), sum(present_count) from `tabParty Meeting`
			where party_branch=%s and year(meeting_date)=%s""",
			(self.b1, YEAR),
		)[0]
		attendance = rows["组织生活出勤率"]
		self.assertEqual(attendance.basis, f"应到{int(expected)}人次，实到{int(present)}人次")
		self.assertEqual(attendance.computed_score, round(5 * present / expected, 1))
		# the group's meetings count on the group's sheet
		with as_user(self.sec1):
			apply_workflow(self.sheet("党小组", self.g1), "提交资料")
		group_meetings = next(c for c in self.sheet("党小组", self.g1).criteria if c.rule == "三会一课落实")
		self.assertIn("应开12次，实开1次，缺11次", group_meetings.basis)

	def test_aggregating_a_whole_cycle_equals_the_sheet_by_sheet_way(self):
		from sanyou_app.assessment.cycle import aggregate, aggregate_each

		cycle = self.make_cycle(title=f"汇总{self.o.tag}")

		def computed():
			rows = frappe.get_all(
				"Assessment Sheet Criterion",
				filters={
					"parent": (
						"in",
						frappe.get_all("Assessment Score Sheet", {"cycle": cycle.name}, pluck="name"),
					),
					"scoring_method": COMPUTED,
				},
				fields=["parent", "criterion", "computed_score", "basis", "final_score", "source_link"],
			)
			totals = frappe.get_all(
				"Assessment Score Sheet", {"cycle": cycle.name}, ["name", "total_score"], as_list=True
			)
			return {
				(r.parent, r.criterion): (r.computed_score, r.basis, r.final_score, r.source_link)
				for r in rows
			}, dict(totals)

		self.assertEqual(aggregate(cycle.name), 8)
		batch = computed()
		self.assertTrue(all(basis for _s, basis, _f, _l in batch[0].values()))
		self.assertGreater(sum(batch[1].values()), 0)
		self.assertEqual(aggregate_each(cycle.name), 8)
		self.assertEqual(computed(), batch)

	def test_every_step_by_its_role_and_scores_hidden_until_published(self):
		sheet = self.sheet("党支部", self.b2)
		with as_user(self.sec1), self.assertRaises(frappe.PermissionError):  # another branch's sheet
			apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "提交资料")
		with as_user(self.sec2):
			doc = frappe.get_doc("Assessment Score Sheet", sheet.name)
			doc.criteria[0].evidence = "全年学习计划及研讨材料"
			doc.save()
			apply_workflow(doc, "提交资料")
		with as_user(self.assessor), self.assertRaises(REFUSED):
			apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "开始赋分")
		with as_user(self.officer):
			apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "开始赋分")
		with as_user(self.sec2), self.assertRaises(frappe.PermissionError):  # the unit no longer writes
			doc = frappe.get_doc("Assessment Score Sheet", sheet.name)
			doc.criteria[0].evidence = "补充"
			doc.save()
		with as_user(self.assessor):
			doc = frappe.get_doc("Assessment Score Sheet", sheet.name)
			with self.assertRaises(frappe.ValidationError) as caught:
				apply_workflow(doc, "提交检查")
			self.assertIn("尚未赋分", str(caught.exception))

			def marked(reason=None):
				doc = frappe.get_doc("Assessment Score Sheet", sheet.name)
				for c in doc.criteria:
					if c.scoring_method == HAND:
						c.score = c.max_score - 1
				hand = next(c for c in doc.criteria if c.scoring_method == HAND)
				hand.deduction_count, hand.deduction_each, hand.deduction_reason = 1, 2, reason
				return doc, hand

			doc, hand = marked()
			with self.assertRaises(frappe.ValidationError) as caught:
				doc.save()
			self.assertIn("扣分须写明理由", str(caught.exception))
			doc, hand = marked("学习计划未按时报送")
			doc.save()
			self.assertEqual(hand.final_score, hand.max_score - 3)
			total = doc.total_score
			self.assertGreater(total, 0)

		# the unit reads its sheet, never its score, by any road
		def no_scores(user):
			with as_user(user):
				doc = frappe.get_doc("Assessment Score Sheet", sheet.name)
				doc.check_permission("read")
				doc.apply_fieldlevel_read_permissions()
				self.assertIsNone(doc.get("total_score"))
				self.assertTrue(
					all(c.get("final_score") is None and c.get("score") is None for c in doc.criteria)
				)
				fetched = frappe.client.get("Assessment Score Sheet", sheet.name)
				self.assertNotIn("total_score", {k for k, v in fetched.items() if v})
				self.assertNotIn("rank", {k for k, v in fetched.items() if v})
				listed = frappe.get_list(
					"Assessment Score Sheet",
					filters={"name": sheet.name},
					fields=["name", "total_score", "heading_1", "rank"],
				)
				self.assertEqual([set(r) for r in listed], [{"name"}])
				rows = frappe.get_list(
					"Assessment Sheet Criterion",
					filters={"parent": sheet.name},
					fields=["name", "final_score", "score"],
					parent_doctype="Assessment Score Sheet",
				)
				self.assertTrue(rows and all(set(r) == {"name"} for r in rows))
				self.assertEqual(ranking(frappe._dict(cycle=self.cycle.name, assessee_kind="党支部")), [])
				html = frappe.get_print("Assessment Score Sheet", sheet.name, print_format="Standard")
				self.assertNotIn(frappe._("Heading 1 Score"), html)
				self.assertNotIn(frappe._("Computed Score"), html)
				ours = frappe.get_print("Assessment Score Sheet", sheet.name, print_format="考核评分表")
				self.assertIn("考核结果经机关党委审定发布后公布", ours)
				self.assertNotIn("总分", ours)
				self.assertNotIn("学习计划未按时报送", ours)

		no_scores(self.sec2)
		with as_user(self.officer):  # the control: the same roads show the officer the score
			fetched = frappe.client.get("Assessment Score Sheet", sheet.name)
			self.assertEqual(fetched["total_score"], total)
			html = frappe.get_print("Assessment Score Sheet", sheet.name, print_format="Standard")
			self.assertIn(frappe._("Heading 1 Score"), html)
			ours = frappe.get_print("Assessment Score Sheet", sheet.name, print_format="考核评分表")
			self.assertIn("总分", ours)
			self.assertIn("扣2分：学习计划未按时报送", ours)

		with as_user(self.assessor):
			apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "提交检查")
		with as_user(self.officer):
			doc = frappe.get_doc("Assessment Score Sheet", sheet.name)
			doc.inspection_note = "组织生活会记录不完整"
			doc.save()
			doc = apply_workflow(doc, "退回重报")
			self.assertEqual(doc.status, "资料报送")
		with as_user(self.sec2):
			apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "提交资料")
		with as_user(self.officer):
			apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "开始赋分")
		with as_user(self.assessor):
			apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "提交检查")
		with as_user(self.officer):
			doc = apply_workflow(frappe.get_doc("Assessment Score Sheet", sheet.name), "检查通过")
		self.assertEqual(doc.status, "成果落实")
		items = frappe.get_all(
			"Rectification Item",
			filters={"source_doctype": "Assessment Score Sheet", "source_name": sheet.name},
			fields=["problem", "owner_name", "source_kind", "party_branch"],
		)
		self.assertIn("督促检查发现：组织生活会记录不完整", [i.problem for i in items])
		self.assertEqual(
			{(i.owner_name, i.source_kind, i.party_branch) for i in items}, {(self.b2, "两争考核", self.b2)}
		)
		no_scores(self.sec2)

	def test_ranking_titles_within_caps_and_publication(self):
		cycle = self.make_cycle(max_excellent_member_percent=50, title=f"排名{self.o.tag}")
		sheets = frappe.get_all(
			"Assessment Score Sheet",
			filters={"cycle": cycle.name},
			fields=["name", "assessee_kind"],
			order_by="name",
		)
		names = [s.name for s in sheets]
		# within each kind, every sheet a point below the one before: no tie for the last title
		place = {}
		for s in sheets:
			place[s.name] = sum(1 for o in sheets[: sheets.index(s)] if o.assessee_kind == s.assessee_kind)
		for name in names:
			n = place[name]
			with as_user(self.officer):
				doc = frappe.get_doc("Assessment Score Sheet", name)
				doc.flags.ignore_permissions = True
				doc.db_set("status", "赋分评价")
			with as_user(self.assessor):
				doc = frappe.get_doc("Assessment Score Sheet", name)
				for c in doc.criteria:
					if c.scoring_method == HAND:
						c.score = c.max_score - min(n, c.max_score)
				doc.save()
				apply_workflow(doc, "提交检查")
			with as_user(self.officer):
				apply_workflow(frappe.get_doc("Assessment Score Sheet", name), "检查通过")
		with as_user(self.officer):
			cycle = frappe.get_doc("Assessment Cycle", cycle.name)
			with self.assertRaises(frappe.ValidationError):  # titles not yet approved
				cycle.publish()
			note = cycle.rank_and_propose()
			self.assertIn("先进党支部：名额1个", note)
			titles = frappe.get_all(
				"Assessment Score Sheet",
				filters={"cycle": cycle.name, "title": ("is", "set")},
				fields=["assessee_kind", "title", "total_score"],
			)
			per_kind = {}
			for t in titles:
				per_kind.setdefault(t.assessee_kind, []).append(t.total_score)
			self.assertLessEqual(len(per_kind.get("党支部", [])), 1)
			self.assertLessEqual(len(per_kind.get("党小组", [])), 1)
			self.assertLessEqual(len(per_kind.get("党员", [])), 2)  # 50% of 4
			for kind, awarded in per_kind.items():
				others = frappe.get_all(
					"Assessment Score Sheet",
					filters={"cycle": cycle.name, "assessee_kind": kind, "title": ("is", "not set")},
					pluck="total_score",
				)
				self.assertTrue(all(o < min(awarded) for o in others), kind)
			rows = ranking(frappe._dict(cycle=cycle.name, assessee_kind="党员"))
			self.assertEqual([r["rank"] for r in rows], sorted(r["rank"] for r in rows))
			self.assertEqual(rows[0]["rank"], 1)
			cycle.titles_approved = 1
			cycle.save()
			extra = frappe.get_doc(
				"Assessment Score Sheet",
				{"cycle": cycle.name, "assessee_kind": "党支部", "title": ("is", "not set")},
			)
			extra.title = "先进党支部"  # the committee may decide a tie, never beyond the cap
			extra.save()
			with self.assertRaises(frappe.ValidationError) as caught:
				cycle.publish()
			self.assertIn("先进党支部：拟授予2个，超过名额1个", str(caught.exception))
			extra.reload()
			extra.title = None
			extra.save()
			self.assertEqual(cycle.publish(), len(names))
			cycle.reload()
			self.assertEqual(
				(cycle.job_step, cycle.job_status, cycle.status), ("审定发布", "进行中", "进行中")
			)
			with self.assertRaises(frappe.ValidationError):  # one step at a time
				cycle.publish()
			cycles.run_step(cycle.name, cycles.PUBLISH)
		cycle.reload()
		self.assertEqual(cycle.status, "已发布")
		self.assertEqual(cycle.job_message, f"审定发布已完成：已发布{len(names)}张考核评分表")
		publication = frappe.get_doc("Party Affairs Publication", cycle.publication)
		self.assertEqual(publication.category, "评优选先")
		mine = self.sheet("党员", self.m1, cycle)
		self.assertEqual((mine.status, mine.docstatus), ("已发布", 1))
		self.assertEqual(mine.published_total, mine.total_score)
		with as_user(self.mem1):  # after publication the member reads their result
			fetched = frappe.client.get("Assessment Score Sheet", mine.name)
			self.assertEqual(fetched["published_total"], mine.total_score)
			self.assertNotIn("total_score", {k for k, v in fetched.items() if v})
		with as_user(self.sec1):
			rows = ranking(frappe._dict(cycle=cycle.name, assessee_kind="党员"))
			self.assertEqual(
				sorted(r["name"] for r in rows),
				sorted(
					frappe.get_all(
						"Assessment Score Sheet",
						{"cycle": cycle.name, "assessee_kind": "党员", "party_branch": self.b1},
						pluck="name",
					)
				),
			)
		# next year's cycle carries this year's published totals; a unit new to it has none
		following = self.make_cycle(year=YEAR + 1, title=f"次年{self.o.tag}")
		with as_user(self.officer):
			rows = {r["name"]: r for r in ranking(frappe._dict(cycle=following.name, assessee_kind="党员"))}
		again = self.sheet("党员", self.m1, following)
		self.assertEqual((again.has_last_year, again.last_year_total), (1, mine.total_score))
		self.assertEqual(rows[again.name]["last_year_total"], mine.total_score)
		self.assertEqual(rows[again.name]["change"], round(again.total_score - mine.total_score, 1))
		# this year's cycle was the first: no last year's total and no change, rather than 0
		with as_user(self.officer):
			first = ranking(frappe._dict(cycle=cycle.name, assessee_kind="党员"))
		self.assertEqual({(r["last_year_total"], r["change"]) for r in first}, {(None, None)})

	def test_offline_scores_import_all_or_nothing_with_an_error_file(self):
		import io

		from openpyxl import load_workbook

		from sanyou_app.assessment.excel import export_scores

		cycle = self.make_cycle(title=f"离线{self.o.tag}", member_template=None, group_template=None)
		names = frappe.get_all("Assessment Score Sheet", filters={"cycle": cycle.name}, pluck="name")
		for name in names:
			frappe.db.set_value("Assessment Score Sheet", name, "status", "赋分评价")
		book = load_workbook(io.BytesIO(export_scores(cycle.name)))
		ws = book.active
		header = [c.value for c in ws[1]]
		rows = list(ws.iter_rows(min_row=2, values_only=True))
		self.assertEqual(len(rows), 2 * 5)  # two branches, five hand-scored criteria each
		col = {h.rstrip("*"): i + 1 for i, h in enumerate(header)}
		for r in range(2, ws.max_row + 1):
			ws.cell(r, col["得分"], ws.cell(r, col["分值"]).value - 1)
		ws.cell(3, col["得分"], 99)  # one bad row
		ws.cell(4, col["扣分次数"], 1)  # a deduction without its reason

		def send(book):
			"""The assessor uploads the workbook and imports it from the cycle's form."""
			out = io.BytesIO()
			book.save(out)
			file = {"doctype": "File", "file_name": "评分.xlsx", "is_private": 1, "content": out.getvalue()}
			with as_user(self.assessor):
				url = frappe.get_doc(file).insert().file_url
				return frappe.get_doc("Assessment Cycle", cycle.name).import_scores(url)

		answer = send(book)
		summary, error_file = answer["summary"], answer["error_file"]
		self.assertEqual(answer["queued"], 0)
		self.assertIn("其中2行有错误，未导入任何数据", summary)
		self.assertIn("第3行：得分：应在0到", summary)
		scores = frappe.get_all(
			"Assessment Sheet Criterion", filters={"parent": ("in", names)}, pluck="score"
		)
		self.assertEqual(set(scores), {0})  # nothing saved
		errors = load_workbook(
			io.BytesIO(frappe.get_doc("File", {"file_url": error_file}).get_content())
		).active
		messages = [errors.cell(r, errors.max_column).value for r in range(2, errors.max_row + 1)]
		self.assertIn("扣分理由：扣分须写明理由", messages[2])

		self.assertIn("扣分次数：该条细则没有扣分项", messages[2])
		ws.cell(3, col["得分"], 5)
		ws.cell(4, col["扣分次数"]).value = None
		# a good workbook: checked at once, saved in the background
		answer = send(book)
		self.assertEqual((answer["queued"], answer["error_file"]), (10, None), answer["summary"])
		self.assertEqual(frappe.db.get_value("Assessment Cycle", cycle.name, "job_status"), "进行中")
		self.assertEqual(
			set(frappe.get_all("Assessment Sheet Criterion", {"parent": ("in", names)}, pluck="score")),
			{0},
		)
		with as_user(self.assessor):
			cycles.run_step(cycle.name, "导入离线评分")
		self.assertEqual(
			frappe.db.get_value("Assessment Cycle", cycle.name, ["job_status", "job_message"]),
			("已完成", "导入离线评分已完成：已导入10行评分"),
		)
		sheet = frappe.get_doc("Assessment Score Sheet", ws.cell(3, col["评分表编号"]).value)
		row = next(c for c in sheet.criteria if c.criterion == ws.cell(3, col["考核内容"]).value)
		self.assertEqual(row.score, 5)


class TestFieldLevelLists(FrappeTestCase):
	def test_two_unreadable_fields_in_a_row_are_both_withheld(self):
		"""Frappe v15 drops only every other unreadable field from a list query's fields."""
		from sanyou_app.tests.party_fixtures import quarterly_test

		o = make_branches(1)
		secretary = make_user(f"qsec-{o.tag}@party.test")
		elect(
			o.branches[0],
			[{"member": make_member("季考书记", o.branches[0], user=secretary), "position": "支部书记"}],
			roll=1,
		)
		test = quarterly_test()
		with as_user(secretary):
			rows = frappe.get_list(
				"Quarterly Test", filters={"name": test}, fields=["name", "scored_count", "average_score"]
			)
			self.assertEqual([set(r) for r in rows], [{"name"}])
			rows = frappe.get_list(
				"Quarterly Test", filters={"name": test}, fields=["scored_count", "average_score", "year"]
			)
			self.assertEqual([set(r) for r in rows], [{"year"}])
