"""An assessment cycle: its own copy of the rulebook, one score sheet per assessee, aggregation,
ranking, titles within caps, and publication."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import getdate

from sanyou_app.assessment import facts as gathered
from sanyou_app.common import background
from sanyou_app.common.background import StepError, reason
from sanyou_app.core.assessment import (
	AGGREGATION,
	BRANCH,
	COMPUTED,
	GROUP,
	MEMBER,
	PUBLISHED,
	RESULTS,
	SUBMISSION,
	TITLES,
	cap_for,
	compute,
	headings_for,
	propose_titles,
	rank,
	sheet_totals,
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


def create_sheets(cycle, progress=None) -> int:
	"""One score sheet per assessee, with the cycle's criteria and bonus items of its kind. An
	assessee who has a sheet in the cycle already keeps it (a step run again adds only the missing)."""
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
	have = {
		_key(r)
		for r in frappe.get_all(
			SHEET,
			filters={"cycle": cycle.name},
			fields=["assessee_kind", "party_branch", "party_group", "member"],
		)
	}
	todo = [who for who in assessees(cycle) if _key(who) not in have]
	for count, who in enumerate(todo, 1):
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
				"has_last_year": int(_key(who) in last_year),
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
		try:
			sheet.insert()
		except frappe.ValidationError as e:
			raise StepError(f"{who['assessee_name']}（{kind}）的考核评分表：{reason(e)}") from e
		if progress:
			progress(count, len(todo), f"已生成{count}/{len(todo)}张考核评分表")
	return frappe.db.count(SHEET, {"cycle": cycle.name})


def aggregate(cycle_name: str) -> int:
	"""数据汇总 for a whole cycle: fill the computed criteria of its sheets still in 资料报送 or
	数据汇总, and their totals. Each rule's facts are gathered for all assessees at once, and the
	rows are written back in a few statements (the per-sheet way, loading and saving every sheet,
	is `aggregate_each`)."""
	sheets = frappe.get_all(
		SHEET,
		filters={"cycle": cycle_name, "status": ("in", (SUBMISSION, AGGREGATION))},
		fields=["name", "year", "assessee_kind", "party_branch", "party_group", "member", "bonus_score"],
	)
	if not sheets:
		return 0
	facts = gathered.gather(int(sheets[0].year), sheets)
	rows = frappe.get_all(
		"Assessment Sheet Criterion",
		filters={"parenttype": SHEET, "parent": ("in", [s.name for s in sheets])},
		fields=[
			"name",
			"parent",
			"heading",
			"scoring_method",
			"rule",
			"max_score",
			"target",
			"deduction_each",
			"deduction_cap",
			"deduction_count",
			"deduction_reason",
			"final_score",
		],
	)
	by_sheet = {s.name: s for s in sheets}
	updates = []
	for row in rows:
		sheet = by_sheet[row.parent]
		if row.scoring_method == COMPUTED and row.rule:
			key = gathered.key_of(sheet)
			result = compute(row.rule, sheet.assessee_kind, facts.get(key, {}).get(row.rule, {}), row)
			row.final_score = float(result.score)
			if result.deduction_count:
				row.deduction_count, row.deduction_reason = result.deduction_count, result.basis
			updates.append(
				(
					row.name,
					row.final_score,
					result.basis,
					gathered.source_link(row.rule, sheet.assessee_kind, key[1], int(sheet.year)),
					row.deduction_count or 0,
					row.deduction_reason,
					row.final_score,
				)
			)
	_upsert(
		"Assessment Sheet Criterion",
		(
			"name",
			"final_score",
			"basis",
			"source_link",
			"deduction_count",
			"deduction_reason",
			"computed_score",
		),
		updates,
	)
	now = frappe.utils.now()  # an open form holding the old figures must be reloaded before saving
	per_sheet: dict[str, list] = {}
	for row in rows:
		per_sheet.setdefault(row.parent, []).append(row)
	values = []
	for sheet in sheets:
		result = sheet_totals(sheet.assessee_kind, per_sheet.get(sheet.name, []), sheet.bonus_score or 0)
		headings = [float(result.headings[h]) for h in headings_for(sheet.assessee_kind)]
		values.append((sheet.name, *headings, float(result.total), now))
	_upsert(
		SHEET,
		("name", "heading_1", "heading_2", "heading_3", "heading_4", "heading_5", "total_score", "modified"),
		values,
	)
	return len(sheets)


def _upsert(doctype: str, columns: tuple[str, ...], rows: list[tuple], batch: int = 2000) -> None:
	"""Update existing rows by name, many per statement."""
	names = ", ".join(f"`{c}`" for c in columns)
	updates = ", ".join(f"`{c}` = values(`{c}`)" for c in columns[1:])
	one = "(" + ", ".join(["%s"] * len(columns)) + ")"
	for i in range(0, len(rows), batch):
		chunk = rows[i : i + batch]
		frappe.db.sql(
			f"insert into `tab{doctype}` ({names}) values {', '.join([one] * len(chunk))} "
			f"on duplicate key update {updates}",
			[v for row in chunk for v in row],
		)


def aggregate_each(cycle_name: str) -> int:
	"""The same, one sheet at a time through its document (the naive way, kept for comparison)."""
	sheets = frappe.get_all(
		SHEET, filters={"cycle": cycle_name, "status": ("in", (SUBMISSION, AGGREGATION))}, pluck="name"
	)
	for name in sheets:
		doc = frappe.get_doc(SHEET, name)
		doc.refresh_computed()
		doc.flags.ignore_permissions = True
		doc.save()
	return len(sheets)


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


def title_caps(cycle) -> dict[str, int]:
	"""How many titles each kind may get in this cycle."""
	assessed = {k: frappe.db.count(SHEET, {"cycle": cycle.name, "assessee_kind": k}) for k in TITLES}
	return {
		BRANCH: cap_for(BRANCH, assessed[BRANCH], count_cap=cycle.max_advanced_branches),
		GROUP: cap_for(GROUP, assessed[GROUP], count_cap=cycle.max_advanced_groups),
		MEMBER: cap_for(
			MEMBER, assessed[MEMBER], count_cap=None, percent_cap=cycle.max_excellent_member_percent
		),
	}


def check_caps(cycle) -> None:
	"""The titles about to be published stay within the caps, however they were decided."""
	caps = title_caps(cycle)
	for kind, title in TITLES.items():
		given = frappe.db.count(SHEET, {"cycle": cycle.name, "assessee_kind": kind, "title": title})
		if given > caps[kind]:
			frappe.throw(f"{title}：拟授予{given}个，超过名额{caps[kind]}个", title="不能发布")


def rank_and_propose(cycle) -> str:
	"""Ranks on the sheets in 成果落实, and the titles proposed within the cycle's caps. A tie at
	the last place is left to the committee (noted on the cycle)."""
	rows = frappe.get_all(
		SHEET,
		filters={"cycle": cycle.name, "status": RESULTS},
		fields=["name", "assessee_kind", "total_score"],
	)
	notes = []
	caps = title_caps(cycle)
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


def check_publishable(cycle) -> list[str]:
	"""The sheets 审定发布 will publish, once it is sure it may: titles proposed and approved, every
	sheet ranked, the titles within the caps."""
	if not cycle.titles_approved:
		frappe.throw("请先排名推荐并审定表彰名单（勾选“表彰名单已审定”）", title="不能发布")
	rows = frappe.get_all(SHEET, filters={"cycle": cycle.name, "status": RESULTS}, fields=["name", "rank"])
	if not rows:
		frappe.throw("没有待发布的考核评分表（成果落实）", title="不能发布")
	if any(r.rank in (None, 0) for r in rows):
		frappe.throw("有考核评分表尚未排名，请先排名推荐", title="不能发布")
	check_caps(cycle)
	return [r.name for r in rows]


def publish(cycle, progress=None) -> int:
	"""审定发布: every sheet in 成果落实 is published with its rank and title; the titles go out as
	a 党务公开 item. Titles must have been proposed and approved first."""
	names = check_publishable(cycle)
	for count, name in enumerate(names, 1):
		sheet = frappe.get_doc(SHEET, name)
		try:
			apply_workflow(sheet, "审定发布")
		except frappe.ValidationError as e:
			raise StepError(f"{sheet.assessee_name}（{sheet.assessee_kind}）的考核评分表：{reason(e)}") from e
		if progress:
			progress(count, len(names), f"已发布{count}/{len(names)}张考核评分表")
	cycle.reload()
	cycle.db_set("status", "已发布")
	if not cycle.publication:
		cycle.db_set("publication", _publish_titles(cycle))
	return len(names)


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


# The steps of a cycle that touch every sheet run in the background (common/background.py).
CREATE, PUBLISH, IMPORT = "生成评分表", "审定发布", "导入离线评分"


def make_sheets(cycle, progress=None) -> int:
	"""生成评分表: the sheets, and their number on the cycle."""
	count = create_sheets(cycle, progress)
	cycle.db_set("sheet_count", count, update_modified=False)
	return count


def steps() -> dict:
	from sanyou_app.assessment.excel import import_queued_scores

	return {
		CREATE: (make_sheets, "共{}张考核评分表"),
		PUBLISH: (publish, "已发布{}张考核评分表"),
		IMPORT: (import_queued_scores, "已导入{}行评分"),
	}


def run_step(cycle_name: str, step: str) -> None:
	"""What the background job of a step does (here for the demo and the tests)."""
	background.run_step("Assessment Cycle", cycle_name, step)
