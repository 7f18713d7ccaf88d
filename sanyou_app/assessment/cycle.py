"""An assessment cycle: its own copy of the rulebook, one score sheet per assessee, aggregation,
ranking, titles within caps, and publication."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from sanyou_app.assessment import facts as gathered
from sanyou_app.core.assessment import (
	AGGREGATION,
	BRANCH,
	GROUP,
	MEMBER,
	PUBLISHED,
	RESULTS,
	SUBMISSION,
	TITLES,
	cap_for,
	headings_for,
	propose_titles,
	rank,
)

SHEET = "Assessment Score Sheet"
CRITERION_FIELDS = (
	"heading",
	"criterion",
	"max_score",
	"scoring_method",
	"rule",
	"target",
	"deduction_item",
	"deduction_each",
	"deduction_cap",
	"guide",
)
TEMPLATE_FIELD = {BRANCH: "branch_template", GROUP: "group_template", MEMBER: "member_template"}
CAP_FIELD = {BRANCH: "branch_bonus_cap", GROUP: "group_bonus_cap", MEMBER: "member_bonus_cap"}


def copy_rulebook(cycle) -> None:
	"""The cycle keeps its own copy of each template: editing a template later changes no cycle."""
	cycle.set("criteria", [])
	cycle.set("bonus_items", [])
	for kind, field in TEMPLATE_FIELD.items():
		if not cycle.get(field):
			continue
		template = frappe.get_doc("Assessment Template", cycle.get(field))
		if template.assessee_kind != kind:
			frappe.throw(
				f"{template.name}：是{template.assessee_kind}的细则，不能用于{kind}", title="无法保存"
			)
		if template.disabled:
			frappe.throw(f"{template.name}：已停用", title="无法保存")
		template.check_rulebook()
		order = {h: i for i, h in enumerate(headings_for(kind))}
		for c in sorted(template.criteria, key=lambda c: (order.get(c.heading, 9), c.idx)):
			cycle.append("criteria", {"assessee_kind": kind, **{f: c.get(f) for f in CRITERION_FIELDS}})
		for b in template.bonus_items:
			cycle.append(
				"bonus_items",
				{"assessee_kind": kind, "item": b.item, "points_each": b.points_each, "item_cap": b.item_cap},
			)
		cycle.set(CAP_FIELD[kind], template.bonus_cap)
		if kind == MEMBER:
			cycle.self_weight, cycle.group_weight, cycle.branch_weight = (
				template.self_weight,
				template.group_weight,
				template.branch_weight,
			)


def assessees(cycle) -> list[dict]:
	"""Who is assessed: every branch (not the committee above them), every group, every member on
	the roll — for the kinds the cycle has a rulebook for."""
	out = []
	filters = {"is_group": 0}
	if cycle.party_committee:
		lft, rgt = frappe.db.get_value("Party Branch", cycle.party_committee, ["lft", "rgt"])
		filters.update(lft=(">", lft), rgt=("<", rgt))
	branches = frappe.get_all("Party Branch", filters=filters, fields=["name"], order_by="lft")
	leaf = {b.name for b in branches}
	if cycle.branch_template:
		out += [{"assessee_kind": BRANCH, "party_branch": b.name, "assessee_name": b.name} for b in branches]
	if cycle.group_template:
		for g in frappe.get_all(
			"Party Group", fields=["name", "party_branch"], order_by="party_branch, name"
		):
			if g.party_branch in leaf:
				out.append(
					{
						"assessee_kind": GROUP,
						"party_branch": g.party_branch,
						"party_group": g.name,
						"assessee_name": g.name,
					}
				)
	if cycle.member_template:
		for m in frappe.get_all(
			"Party Member",
			filters={"status": "在册", "party_branch": ("in", list(leaf) or [""])},
			fields=["name", "full_name", "party_branch", "party_group"],
			order_by="party_branch, party_group, full_name",
		):
			out.append(
				{
					"assessee_kind": MEMBER,
					"party_branch": m.party_branch,
					"party_group": m.party_group,
					"member": m.name,
					"assessee_name": m.full_name,
				}
			)
	return out


def _key(row) -> tuple:
	return (row.get("assessee_kind"), row.get("member") or row.get("party_group") or row.get("party_branch"))


def create_sheets(cycle) -> int:
	"""One score sheet per assessee, with the cycle's criteria and bonus items of its kind."""
	previous = frappe.get_all(
		SHEET,
		filters={"year": int(cycle.year) - 1, "status": PUBLISHED},
		fields=["assessee_kind", "party_branch", "party_group", "member", "total_score"],
	)
	last_year = {_key(r): r.total_score for r in previous}
	grades = {}
	if cycle.member_template:
		grades = dict(
			frappe.get_all(
				"Party Member Appraisal",
				filters={"year": cycle.year, "parenttype": "Party Member"},
				fields=["parent", "grade"],
				as_list=True,
			)
		)
	count = 0
	for who in assessees(cycle):
		kind = who["assessee_kind"]
		sheet = frappe.get_doc(
			{
				"doctype": SHEET,
				"cycle": cycle.name,
				"year": cycle.year,
				**who,
				"status": SUBMISSION,
				"bonus_cap": cycle.get(CAP_FIELD[kind]),
				"last_year_total": last_year.get(_key(who)),
				"appraisal_grade": grades.get(who.get("member")) if kind == MEMBER else None,
				"criteria": [
					{f: c.get(f) for f in CRITERION_FIELDS} for c in cycle.criteria if c.assessee_kind == kind
				],
				"bonuses": [
					{"item": b.item, "points_each": b.points_each, "item_cap": b.item_cap}
					for b in cycle.bonus_items
					if b.assessee_kind == kind
				],
			}
		)
		sheet.flags.ignore_permissions = True
		sheet.insert()
		count += 1
	return count


def aggregate(cycle_name: str) -> int:
	"""Fill the computed criteria of the cycle's sheets still in 资料报送 or 数据汇总, gathering
	each rule's facts for all assessees at once."""
	sheets = frappe.get_all(
		SHEET, filters={"cycle": cycle_name, "status": ("in", (SUBMISSION, AGGREGATION))}, pluck="name"
	)
	if not sheets:
		return 0
	docs = [frappe.get_doc(SHEET, name) for name in sheets]
	facts = gathered.gather(int(docs[0].year), docs)
	for doc in docs:
		doc.apply_computed(facts)
		doc.flags.ignore_permissions = True
		doc.save()
	return len(docs)


def ranking(cycle_name: str, statuses=(RESULTS, PUBLISHED)) -> dict[str, dict[str, int]]:
	"""{kind: {sheet: rank}} over the sheets that passed inspection."""
	rows = frappe.get_all(
		SHEET,
		filters={"cycle": cycle_name, "status": ("in", statuses)},
		fields=["name", "assessee_kind", "total_score"],
	)
	out: dict[str, dict[str, int]] = {}
	for kind in (BRANCH, GROUP, MEMBER):
		out[kind] = rank({r.name: r.total_score for r in rows if r.assessee_kind == kind})
	return out


def rank_and_propose(cycle) -> str:
	"""Ranks on the sheets in 成果落实, and the titles proposed within the cycle's caps. A tie at
	the last place is left to the committee (noted on the cycle)."""
	rows = frappe.get_all(
		SHEET,
		filters={"cycle": cycle.name, "status": RESULTS},
		fields=["name", "assessee_kind", "total_score"],
	)
	notes = []
	assessed = {k: frappe.db.count(SHEET, {"cycle": cycle.name, "assessee_kind": k}) for k in TITLES}
	caps = {
		BRANCH: cap_for(BRANCH, assessed[BRANCH], count_cap=cycle.max_advanced_branches),
		GROUP: cap_for(GROUP, assessed[GROUP], count_cap=cycle.max_advanced_groups),
		MEMBER: cap_for(
			MEMBER, assessed[MEMBER], count_cap=None, percent_cap=cycle.max_excellent_member_percent
		),
	}
	for kind, title in TITLES.items():
		totals = {r.name: r.total_score for r in rows if r.assessee_kind == kind}
		ranks = rank(totals)
		proposal = propose_titles(totals, caps[kind])
		for name in totals:
			frappe.db.set_value(
				SHEET,
				name,
				{"rank": ranks[name], "title": title if name in proposal.awarded else None},
				update_modified=False,
			)
		notes.append(f"{title}：名额{caps[kind]}个，拟推荐{len(proposal.awarded)}个")
		if proposal.note(title):
			notes.append(proposal.note(title))
	cycle.db_set("title_note", "；".join(notes))
	cycle.db_set("titles_approved", 0)
	return cycle.title_note


def publish(cycle) -> int:
	"""审定发布: every sheet in 成果落实 is published with its rank and title; the titles go out as
	a 党务公开 item. Titles must have been proposed and approved first."""
	if not cycle.titles_approved:
		frappe.throw("请先排名推荐并审定表彰名单（勾选“表彰名单已审定”）", title="不能发布")
	rank_fields = frappe.get_all(
		SHEET, filters={"cycle": cycle.name, "status": RESULTS}, fields=["name", "rank"]
	)
	if any(r.rank in (None, 0) for r in rank_fields):
		frappe.throw("有考核评分表尚未排名，请先排名推荐", title="不能发布")
	count = 0
	for row in rank_fields:
		apply_workflow(frappe.get_doc(SHEET, row.name), "审定发布")
		count += 1
	cycle.reload()
	cycle.db_set("status", "已发布")
	if not cycle.publication:
		cycle.db_set("publication", _publish_titles(cycle))
	return count


def _publish_titles(cycle) -> str:
	winners = frappe.get_all(
		SHEET,
		filters={"cycle": cycle.name, "title": ("is", "set"), "status": PUBLISHED},
		fields=["assessee_name", "party_branch", "title", "total_score"],
		order_by="total_score desc",
	)
	body = [f"<p>经机关党委考核、审定，{cycle.year}年度“两争”考核评选结果如下：</p>"]
	for title in TITLES.values():
		names = [frappe.utils.escape_html(w.assessee_name) for w in winners if w.title == title]
		body.append(f"<p><b>{title}</b>（{len(names)}个）：{'、'.join(names) or '无'}</p>")
	doc = frappe.get_doc(
		{
			"doctype": "Party Affairs Publication",
			"title": f"{cycle.year}年度先进党支部、先进党小组和优秀共产党员评选结果",
			"category": "评优选先",
			"published_on": getdate(),
			"body": "".join(body),
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name
