"""The organ's 2025 两争 assessment, run in January 2026 under the default rulebook: 6 branch,
11 group and every member's sheets; the units submit their evidence, the computed criteria come
from the year's records (the branches that skipped meetings lose points there), the assessors
score by hand, the 机关党委 inspects, ranks, proposes and publishes the titles; problems found
become rectification items, one of them overdue and one closed with evidence."""

import datetime as dt

import frappe
from frappe.model.workflow import apply_workflow

from sanyou_app.assessment import cycle as cycles
from sanyou_app.core.assessment import HAND
from sanyou_app.demo import organ

YEAR = organ.YEAR
ASSESSORS = (("kaohe1@" + organ.DOMAIN, "考核组张敏"), ("kaohe2@" + organ.DOMAIN, "考核组李伟"))
TEMPLATES = {
	"branch_template": "党支部考核实施细则（五个好）",
	"group_template": "党小组考核实施细则（五个好）",
	"member_template": "党员考核实施细则（五带头）",
}
# What the inspection found (督促检查), by assessee: each becomes a rectification item.
FINDINGS = {
	"机关第六党支部": "支部委员会7月、8月未召开，会议记录缺失",
	"机关第四党支部": "6月支部党员大会未召开，未及时补开",
	"信访局党小组": "11月党小组会未召开",
	"机关第二党支部": "党务公开栏内容未按季度更新",
}
SHEET = "Assessment Score Sheet"


def exists() -> bool:
	return bool(frappe.db.exists("Assessment Cycle", {"year": YEAR}))


def load() -> dict | None:
	if exists() or not organ.exists():
		return None
	from sanyou_app.assessment.install import ensure_default_rulebook

	ensure_default_rulebook()
	officer = organ.OFFICER[0]
	_grant(officer, "Rectification Supervisor")
	assessors = [organ.ensure_user(email, name, ["Assessment Assessor"]) for email, name in ASSESSORS]
	frappe.set_user(officer)
	cycle = frappe.get_doc(
		{
			"doctype": "Assessment Cycle",
			"year": YEAR,
			"title": f"{YEAR}年度“两争”考核",
			"party_committee": organ.ROOT,
			**TEMPLATES,
			"submission_deadline": dt.date(YEAR + 1, 1, 10),
			"aggregation_deadline": dt.date(YEAR + 1, 1, 15),
			"scoring_deadline": dt.date(YEAR + 1, 1, 25),
			"inspection_deadline": dt.date(YEAR + 1, 2, 5),
			"publication_deadline": dt.date(YEAR + 1, 2, 15),
			"max_advanced_branches": 2,
			"max_advanced_groups": 3,
			"max_excellent_member_percent": 15,
			"rectify_below_percent": 0,  # the findings below are the year's rectification items
			"assessors": [{"user": a} for a in assessors],
		}
	).insert()
	cycles.run_step(cycle.name, cycles.CREATE)  # what the background job does, here and now
	sheets = frappe.get_all(
		SHEET,
		filters={"cycle": cycle.name},
		fields=["name", "party_branch", "assessee_kind", "assessee_name"],
		order_by="name",
	)
	secretaries = dict(
		frappe.get_all(
			"Party Branch",
			filters={"parent_party_branch": organ.ROOT},
			fields=["name", "secretary"],
			as_list=True,
		)
	)
	users = dict(
		frappe.get_all("Party Member", filters={"user": ("is", "set")}, fields=["name", "user"], as_list=True)
	)

	for n, s in enumerate(sheets):  # 资料报送, by each branch's secretary
		frappe.set_user(users[secretaries[s.party_branch]])
		doc = frappe.get_doc(SHEET, s.name)
		for k, c in enumerate(doc.criteria):
			if c.scoring_method == HAND:
				c.evidence = f"{c.criterion}：工作台账及佐证材料{k + 1}份"
				if doc.assessee_kind == "党员":
					c.self_score = c.max_score - (n + k) % 2
		doc.save()
		apply_workflow(doc, "提交资料")
	frappe.set_user(officer)
	for s in sheets:  # 数据汇总 is done; scoring starts
		apply_workflow(frappe.get_doc(SHEET, s.name), "开始赋分")
	for n, s in enumerate(sheets):  # 赋分评价
		frappe.set_user(assessors[n % 2])
		_score(frappe.get_doc(SHEET, s.name), n)
	frappe.set_user(officer)
	for s in sheets:  # 督促检查
		doc = frappe.get_doc(SHEET, s.name)
		finding = FINDINGS.get(s.assessee_name) if s.assessee_kind != "党员" else None
		if finding:
			doc.inspection_note = finding
			doc.save()
		apply_workflow(doc, "检查通过")
	cycle.reload()
	cycle.rank_and_propose()
	_decide_ties(cycle.name)
	cycle.reload()
	cycle.titles_approved = 1
	cycle.save()
	cycle.publish()
	cycles.run_step(cycle.name, cycles.PUBLISH)
	_rectification(cycle.name, officer)
	frappe.set_user("Administrator")
	return summary(cycle.name)


def _decide_ties(cycle: str) -> None:
	"""A tie at the last 先进党支部 place: the committee picks the branch with the better 日常管理好."""
	given = frappe.db.count(SHEET, {"cycle": cycle, "assessee_kind": "党支部", "title": "先进党支部"})
	if given >= 2:
		return
	ranked = frappe.get_all(
		SHEET,
		filters={"cycle": cycle, "assessee_kind": "党支部", "title": ("is", "not set")},
		fields=["name", "rank", "heading_4"],
		order_by="rank asc, heading_4 desc",
		limit=1,
	)
	doc = frappe.get_doc(SHEET, ranked[0].name)
	doc.title = "先进党支部"
	doc.save()


def _grant(user: str, role: str) -> None:
	if role not in frappe.get_roles(user):
		doc = frappe.get_doc("User", user)
		doc.append("roles", {"role": role})
		doc.save(ignore_permissions=True)


def _score(doc, n: int) -> None:
	"""The assessor's marks: most criteria near full marks, spread by a fixed pattern."""
	for k, c in enumerate(doc.criteria):
		if c.scoring_method != HAND:
			continue
		c.score = max(0, c.max_score - ((n * 7 + k * 3) % 5) * 0.5)
		if c.deduction_each and (n + k) % 9 == 0:
			c.deduction_count = 1
			c.deduction_reason = "年内受到批评教育一次"
	for b, bonus in enumerate(doc.bonuses):
		if (n + b) % 7 == 0:
			bonus.count = 1
			bonus.reason = "2025年度获市级表彰" if b == 0 else "经验做法被省人大常委会机关推广"
	doc.save()
	apply_workflow(doc, "提交检查")


def _rectification(cycle: str, officer: str) -> None:
	"""Of the items raised: the first is rectified and closed with evidence, the second is under way,
	the third overdue (its owner reminded daily)."""
	items = frappe.get_all(
		"Rectification Item",
		filters={
			"source_doctype": SHEET,
			"source_name": ("in", frappe.get_all(SHEET, {"cycle": cycle}, pluck="name")),
		},
		fields=["name", "owner_user"],
		order_by="name",
	)
	if len(items) < 3:
		return
	closed, under_way, overdue = items[:3]
	_act_as(closed.owner_user)
	doc = apply_workflow(frappe.get_doc("Rectification Item", closed.name), "开始整改")
	doc.plan = "3月底前补开会议，完善会议记录，建立会议提醒制度"
	doc.append(
		"evidence", {"file": "/files/rectification-minutes-2026.pdf", "file_description": "补开会议记录"}
	)
	doc.save()
	apply_workflow(doc, "提交验收")
	frappe.set_user(officer)
	apply_workflow(frappe.get_doc("Rectification Item", closed.name), "验收销号")
	_act_as(under_way.owner_user)
	doc = apply_workflow(frappe.get_doc("Rectification Item", under_way.name), "开始整改")
	doc.plan = "制定年度学习计划，每月开展一次支部学习"
	doc.save()
	frappe.set_user(officer)
	doc = frappe.get_doc("Rectification Item", overdue.name)
	doc.deadline = dt.date(YEAR + 1, 6, 30)
	doc.save()


def _act_as(user: str) -> None:
	frappe.clear_cache(user=user)  # the role Rectification Owner came with the item
	frappe.set_user(user)
	frappe.get_roles(user)


def summary(cycle: str) -> dict:
	count = {
		kind: frappe.db.count(SHEET, {"cycle": cycle, "assessee_kind": kind})
		for kind in ("党支部", "党小组", "党员")
	}
	titles = frappe.get_all(
		SHEET, filters={"cycle": cycle, "published_title": ("is", "set")}, pluck="published_title"
	)
	return {
		"sheets": count,
		"titles": {t: titles.count(t) for t in sorted(set(titles))},
		"rectification_items": frappe.db.count("Rectification Item", {"source_kind": "两争考核"}),
	}
