"""两争 assessment: the rulebook (考核实施细则) and the scores it gives.

A rulebook is one template per kind of assessee (党支部, 党小组, 党员): five headings (五个好 for
units, 五带头 for members) whose maxima sum to 100, each split into criteria whose maxima sum to
the heading's. A criterion is scored by hand or computed from the records by a named rule; it
may carry a deduction item (e.g. "三会一课缺一次 −2, at most −10"). Bonus items (加分项) add
points within a cap. A member's hand-scored criteria combine self-assessment, the group leader's
and the branch's scores with the template's weights. Sheets are ranked by total; titles go to the
top within the cycle's caps, never splitting a tie at the cut-off. Plain Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from sanyou_app.core.fields import FieldError
from sanyou_app.core.meetings import GROUP_MEETING, PER_YEAR, required_for

BRANCH = "党支部"
GROUP = "党小组"
MEMBER = "党员"
KINDS = (BRANCH, GROUP, MEMBER)

UNIT_HEADINGS = ("政治意识好", "工作业绩好", "党员队伍好", "日常管理好", "群众反映好")
MEMBER_HEADINGS = ("带头学习提高", "带头履行义务", "带头争创佳绩", "带头服务群众", "带头弘扬正气")
TOTAL = Decimal(100)

HAND = "手工评分"
COMPUTED = "自动计算"
METHODS = (HAND, COMPUTED)

# The rules the app ships, by name, and the kinds of assessee each applies to.
MEETINGS = "三会一课落实"
ATTENDANCE = "组织生活出勤率"
TEST_AVERAGE = "季考平均分"
DUES = "党费按时缴纳"
TASKS = "任务按期完成"
STUDY = "学习活动开展"
APPRAISAL = "民主评议等次"
SERVICE = "双报到服务"
RULES = {
	MEETINGS: (BRANCH, GROUP),
	ATTENDANCE: KINDS,
	TEST_AVERAGE: KINDS,
	DUES: KINDS,
	TASKS: KINDS,
	STUDY: KINDS,
	APPRAISAL: (MEMBER,),
	SERVICE: KINDS,
}
# Share of the maximum a 民主评议 grade earns.
GRADE_SHARE = {"优秀": Decimal(1), "合格": Decimal("0.8"), "基本合格": Decimal("0.6"), "不合格": Decimal(0)}

# Titles, by kind of assessee.
TITLES = {BRANCH: "先进党支部", GROUP: "先进党小组", MEMBER: "优秀共产党员"}

# The five steps of a score sheet (workflow states), and the published state.
SUBMISSION = "资料报送"
AGGREGATION = "数据汇总"
SCORING = "赋分评价"
INSPECTION = "督促检查"
RESULTS = "成果落实"
PUBLISHED = "已发布"
STEPS = (SUBMISSION, AGGREGATION, SCORING, INSPECTION, RESULTS, PUBLISHED)

POINT = Decimal("0.1")


def headings_for(kind: str) -> tuple[str, ...]:
	return MEMBER_HEADINGS if kind == MEMBER else UNIT_HEADINGS


def dec(value) -> Decimal:
	if value is None or value == "":
		return Decimal(0)
	return Decimal(str(value))


def points(value) -> Decimal:
	return dec(value).quantize(POINT, rounding=ROUND_HALF_UP)


def _fmt(value) -> str:
	return f"{dec(value).normalize():f}"


# ---------------------------------------------------------------- the rulebook


def template_errors(
	kind: str,
	headings: Sequence[Mapping],
	criteria: Sequence[Mapping],
	*,
	weights: Sequence | None = None,
	bonus_cap=None,
) -> list[FieldError]:
	"""Why a rulebook template cannot be saved, in the words an administrator reads.

	`headings`: heading, max_score. `criteria`: heading, criterion, max_score, scoring_method,
	rule, deduction_each, deduction_cap. `weights`: (self, group, branch) in percent, members only.
	"""
	errors: list[FieldError] = []
	if kind not in KINDS:
		return [FieldError("assessee_kind", f"应为{'、'.join(KINDS)}之一", "考核对象")]
	expected = headings_for(kind)
	named = [h.get("heading") for h in headings]
	missing = [h for h in expected if h not in named]
	foreign = [h for h in named if h not in expected]
	twice = sorted({h for h in named if named.count(h) > 1})
	if missing or foreign or twice:
		parts = [f"缺少{'、'.join(missing)}"] if missing else []
		parts += [f"{'、'.join(map(str, foreign))}不属于{kind}的考核项目"] if foreign else []
		parts += [f"{'、'.join(twice)}重复"] if twice else []
		errors.append(
			FieldError("headings", f"应为{'、'.join(expected)}五项（{'；'.join(parts)}）", "考核项目")
		)
	maxima = {h.get("heading"): dec(h.get("max_score")) for h in headings}
	total = sum(maxima.values(), Decimal(0))
	if total != TOTAL:
		detail = "、".join(f"{h}{_fmt(v)}分" for h, v in maxima.items())
		errors.append(
			FieldError("headings", f"五项满分合计应为100分，现为{_fmt(total)}分（{detail}）", "考核项目")
		)
	for h, v in maxima.items():
		if v <= 0:
			errors.append(FieldError("headings", f"{h}的满分应大于0", "考核项目"))
	sums: dict[str, Decimal] = {}
	for row, c in enumerate(criteria, start=1):
		label = f"第{row}条细则"
		name = c.get("criterion") or ""
		where = f"{label}（{name}）" if name else label
		if not name:
			errors.append(FieldError("criteria", "考核内容必填", where))
		if c.get("heading") not in expected:
			errors.append(FieldError("criteria", f"所属项目应为{'、'.join(expected)}之一", where))
		top = dec(c.get("max_score"))
		if top <= 0:
			errors.append(FieldError("criteria", "分值应大于0", where))
		sums[c.get("heading")] = sums.get(c.get("heading"), Decimal(0)) + top
		method = c.get("scoring_method") or HAND
		if method not in METHODS:
			errors.append(FieldError("criteria", f"评分方式应为{'、'.join(METHODS)}之一", where))
		rule = c.get("rule")
		if method == COMPUTED:
			if rule not in RULES:
				errors.append(FieldError("criteria", f"自动计算须选择计算规则（{'、'.join(RULES)}）", where))
			elif kind not in RULES[rule]:
				errors.append(FieldError("criteria", f"计算规则「{rule}」不适用于{kind}", where))
		if dec(c.get("deduction_each")) < 0 or dec(c.get("deduction_cap")) < 0:
			errors.append(FieldError("criteria", "扣分不能为负数", where))
		if dec(c.get("deduction_cap")) > top > 0:
			errors.append(FieldError("criteria", f"扣分上限不能超过该条分值{_fmt(top)}分", where))
	for h in expected:
		if h in maxima and sums.get(h, Decimal(0)) != maxima[h]:
			errors.append(
				FieldError(
					"criteria",
					f"{h}所列细则分值合计{_fmt(sums.get(h, 0))}分，应等于该项满分{_fmt(maxima[h])}分",
					"考核细则",
				)
			)
	if kind == MEMBER:
		w = [dec(x) for x in (weights or (0, 0, 0))]
		if sum(w, Decimal(0)) != TOTAL or any(x < 0 for x in w):
			errors.append(
				FieldError(
					"weights",
					f"自评、党小组评价、支部评价的权重合计应为100%，现为{_fmt(sum(w, Decimal(0)))}%",
					"评价权重",
				)
			)
	if dec(bonus_cap) < 0:
		errors.append(FieldError("bonus_cap", "不能为负数", "加分上限"))
	return errors


# ---------------------------------------------------------------- scoring a sheet


def deduction(count, each, cap, max_score) -> Decimal:
	"""Points taken off: count × each, at most the cap (and never more than the criterion's maximum)."""
	taken = dec(count) * dec(each)
	limit = dec(cap) if dec(cap) > 0 else dec(max_score)
	return points(min(taken, limit, dec(max_score)))


def criterion_score(max_score, base, deducted=0) -> Decimal:
	"""The criterion's score: base less deductions, within 0..max."""
	return points(max(Decimal(0), min(dec(max_score), dec(base)) - dec(deducted)))


def weighted(self_score, group_score, branch_score, weights: Sequence) -> Decimal:
	"""A member's hand-scored criterion: self, group leader's and branch's scores by weight (%)."""
	w_self, w_group, w_branch = (dec(x) for x in weights)
	total = dec(self_score) * w_self + dec(group_score) * w_group + dec(branch_score) * w_branch
	return points(total / TOTAL)


def bonus_total(items: Iterable[Mapping], cap) -> Decimal:
	"""Bonus points: each item count × points_each within its own cap; all items within `cap`."""
	total = Decimal(0)
	for item in items:
		got = dec(item.get("count")) * dec(item.get("points_each"))
		if dec(item.get("item_cap")) > 0:
			got = min(got, dec(item.get("item_cap")))
		total += got
	if dec(cap) > 0:
		total = min(total, dec(cap))
	return points(total)


@dataclass(frozen=True)
class Totals:
	headings: dict[str, Decimal]
	criteria: Decimal
	bonus: Decimal
	total: Decimal


def sheet_totals(kind: str, criteria: Iterable[Mapping], bonus) -> Totals:
	"""Per heading the sum of its criteria's final scores; total = criteria + bonus."""
	per = {h: Decimal(0) for h in headings_for(kind)}
	for c in criteria:
		per[c.get("heading")] = per.get(c.get("heading"), Decimal(0)) + dec(c.get("final_score"))
	per = {h: points(v) for h, v in per.items()}
	base = points(sum(per.values(), Decimal(0)))
	return Totals(per, base, points(bonus), points(base + dec(bonus)))


def score_errors(criteria: Iterable[Mapping]) -> list[FieldError]:
	"""An assessor's entries: within 0..max, and a deduction needs its reason."""
	errors = []
	for row, c in enumerate(criteria, start=1):
		where = f"第{row}条（{c.get('criterion') or ''}）"
		top = dec(c.get("max_score"))
		for field, label in (("score", "得分"), ("self_score", "自评分"), ("group_score", "党小组评分")):
			value = c.get(field)
			if value not in (None, "") and not (0 <= dec(value) <= top):
				errors.append(FieldError(field, f"{label}应在0到{_fmt(top)}分之间", where))
		if dec(c.get("deduction_count")) < 0:
			errors.append(FieldError("deduction_count", "扣分次数不能为负数", where))
		if dec(c.get("deduction")) > 0 and not (c.get("deduction_reason") or "").strip():
			errors.append(FieldError("deduction_reason", "扣分须写明理由", where))
	return errors


def unscored(criteria: Iterable[Mapping]) -> list[str]:
	"""Hand-scored criteria the assessor has not scored yet. A score field holds 0 until filled, so
	0 without a deduction counts as not scored: a criterion marked down to 0 carries its deduction
	and reason."""
	return [
		c.get("criterion") or ""
		for c in criteria
		if (c.get("scoring_method") or HAND) == HAND
		and not dec(c.get("score"))
		and not dec(c.get("deduction_count"))
	]


# ---------------------------------------------------------------- computed criteria


@dataclass(frozen=True)
class Computed:
	score: Decimal
	basis: str  # what was counted, in words
	deduction_count: int = 0


def share_score(max_score, part, whole, *, empty_full: bool) -> Decimal:
	if not whole:
		return points(max_score) if empty_full else Decimal(0)
	return points(dec(max_score) * min(Decimal(1), dec(part) / dec(whole)))


def missed_meetings(kind: str, held: Mapping[tuple[str, int], int], groups: int = 1) -> tuple[int, int]:
	"""(required, missed) meetings of a year. A branch: 三会一课, 主题党日 and the yearly
	组织生活会 under the 支部工作条例 minimums (core.meetings), its groups' meetings counted on
	their own sheets; a group: three group meetings a quarter.

	`held`: {(meeting_type, quarter): count}."""
	required_total = missed = 0
	yearly: dict[str, int] = {}
	for (kind_, _q), n in held.items():
		yearly[kind_] = yearly.get(kind_, 0) + n
	for quarter in (1, 2, 3, 4):
		need = required_for(quarter, 1)
		if kind == GROUP:
			need = {GROUP_MEETING: need[GROUP_MEETING]}
		else:
			need.pop(GROUP_MEETING, None)
		for meeting_type, n in need.items():
			required_total += n
			done = (
				yearly.get(meeting_type, 0)
				if meeting_type in PER_YEAR
				else held.get((meeting_type, quarter), 0)
			)
			missed += max(0, n - done)
	return required_total, missed


def compute(rule: str, kind: str, facts: Mapping, criterion: Mapping) -> Computed:
	"""A computed criterion's score from the facts gathered for one assessee.

	facts by rule: 三会一课落实 {"held": {(type, quarter): n}}; 组织生活出勤率 {"expected", "present"};
	季考平均分 {"scores": [..], "full_marks"}; 党费按时缴纳 {"due", "on_time"}; 任务按期完成
	{"due", "on_time"}; 学习活动开展 {"sessions"}; 民主评议等次 {"grade"}; 双报到服务 {"hours",
	"members", "serving"}. The criterion's `target` sets the sessions or hours that earn full marks.
	"""
	top = dec(criterion.get("max_score"))
	target = dec(criterion.get("target"))
	if rule == MEETINGS:
		required, missed = missed_meetings(kind, facts.get("held") or {})
		taken = deduction(missed, criterion.get("deduction_each") or 2, criterion.get("deduction_cap"), top)
		held = sum((facts.get("held") or {}).values())
		return Computed(
			criterion_score(top, top, taken),
			f"应开{required}次，实开{held}次，缺{missed}次，扣{_fmt(taken)}分",
			missed,
		)
	if rule == ATTENDANCE:
		expected, present = int(facts.get("expected") or 0), int(facts.get("present") or 0)
		return Computed(
			share_score(top, present, expected, empty_full=False), f"应到{expected}人次，实到{present}人次"
		)
	if rule == TEST_AVERAGE:
		scores = [dec(s) for s in facts.get("scores") or ()]
		full = dec(facts.get("full_marks") or 100)
		if not scores:
			return Computed(Decimal(0), "无季考成绩")
		average = sum(scores, Decimal(0)) / len(scores)
		return Computed(
			share_score(top, average, full, empty_full=False),
			f"{len(scores)}人次平均{_fmt(points(average))}分",
		)
	if rule in (DUES, TASKS):
		due, on_time = int(facts.get("due") or 0), int(facts.get("on_time") or 0)
		what = "党费应缴{}笔，按时缴纳{}笔" if rule == DUES else "任务{}项，按期完成{}项"
		return Computed(share_score(top, on_time, due, empty_full=True), what.format(due, on_time))
	if rule == STUDY:
		sessions = int(facts.get("sessions") or 0)
		goal = target if target > 0 else Decimal(12)
		return Computed(
			share_score(top, sessions, goal, empty_full=False),
			f"参加（开展）学习{sessions}次，目标{_fmt(goal)}次",
		)
	if rule == APPRAISAL:
		grade = facts.get("grade")
		if grade not in GRADE_SHARE:
			return Computed(Decimal(0), "本年度未评议")
		return Computed(points(top * GRADE_SHARE[grade]), f"民主评议等次：{grade}")
	if rule == SERVICE:
		if kind == MEMBER:
			hours = dec(facts.get("hours"))
			goal = target if target > 0 else Decimal(8)
			return Computed(
				share_score(top, hours, goal, empty_full=False),
				f"社区服务{_fmt(points(hours))}小时，目标{_fmt(goal)}小时",
			)
		members, serving = int(facts.get("members") or 0), int(facts.get("serving") or 0)
		return Computed(
			share_score(top, serving, members, empty_full=False),
			f"党员{members}人，到社区报到服务{serving}人",
		)
	raise ValueError(f"未知的计算规则：{rule}")


# ---------------------------------------------------------------- ranking and titles


def rank(totals: Mapping[str, object]) -> dict[str, int]:
	"""Competition ranking by total, highest first: equal totals share a rank ("1, 2, 2, 4")."""
	ordered = sorted(totals.items(), key=lambda kv: (-dec(kv[1]), kv[0]))
	ranks: dict[str, int] = {}
	previous = None
	for position, (name, total) in enumerate(ordered, start=1):
		if previous is None or dec(total) != previous[1]:
			previous = (position, dec(total))
		ranks[name] = previous[0]
	return ranks


def cap_for(kind: str, assessees: int, *, count_cap: int | None, percent_cap=None) -> int:
	"""How many titles a kind may get: a number, or a share of those assessed (rounded down)."""
	caps = []
	if count_cap is not None and count_cap >= 0:
		caps.append(int(count_cap))
	if percent_cap not in (None, "") and dec(percent_cap) > 0:
		caps.append(int((dec(assessees) * dec(percent_cap) / TOTAL).to_integral_value(rounding=ROUND_DOWN)))
	return min(caps) if caps else assessees


@dataclass(frozen=True)
class Proposal:
	awarded: tuple[str, ...]
	tied_at_cutoff: tuple[str, ...]  # sheets tied at the last place: decided by the committee

	def note(self, title: str) -> str:
		if not self.tied_at_cutoff:
			return ""
		return f"{title}最后一个名额有{len(self.tied_at_cutoff)}个并列，须由机关党委研究确定"


def propose_titles(totals: Mapping[str, object], cap: int, *, minimum=None) -> Proposal:
	"""The top `cap` by total (at least `minimum` points). A tie that would split at the last
	place is not broken by order: the tied sheets are left out and reported."""
	eligible = {k: v for k, v in totals.items() if minimum in (None, "") or dec(v) >= dec(minimum)}
	ranks = rank(eligible)
	awarded, tied = [], []
	for name in sorted(eligible, key=lambda k: (ranks[k], k)):
		same = [k for k in eligible if ranks[k] == ranks[name]]
		if ranks[name] + len(same) - 1 <= cap:
			awarded.append(name)
		elif ranks[name] <= cap:
			tied.append(name)
	return Proposal(tuple(awarded), tuple(sorted(tied)))


def change(total, last_year) -> Decimal | None:
	return None if last_year in (None, "") else points(dec(total) - dec(last_year))


def ranking_chart(rows: Sequence[Mapping]) -> dict | None:
	"""The ranking's chart: each unit's total against the average, in rank order. Totals of one
	cycle lie close together (88 to 95 of 100), so bars of the totals from 0 look equal; bars of
	the difference from the average show who is ahead and by how much.

	`rows`: assessee_name and total_score, ranked. None when nobody has a total."""
	scored = [
		(r.get("assessee_name") or "", dec(r.get("total_score")))
		for r in rows
		if r.get("total_score") is not None
	]
	if not scored:
		return None
	average = points(sum(t for _n, t in scored) / len(scored))
	return {
		"data": {
			"labels": [n for n, _t in scored],
			"datasets": [
				{
					"name": f"与平均分（{_fmt(average)}分）之差",
					"values": [float(points(t - average)) for _n, t in scored],
				}
			],
		},
		"type": "bar",
		"colors": ["#5e64ff"],
		"axisOptions": {"xIsSeries": 0},
		"barOptions": {"spaceRatio": 0.4},
	}


def year_span(year: int) -> tuple[dt.date, dt.date]:
	return dt.date(year, 1, 1), dt.date(year, 12, 31)


# ---------------------------------------------------------------- scoring offline (Excel)


def score_sheet_layout():
	"""The workbook an assessor scores offline: one row per hand-scored criterion of a sheet."""
	from sanyou_app.core.excel import Column, Sheet

	return Sheet(
		title="考核评分",
		columns=(
			Column("sheet", "评分表编号", True, 14),
			Column("assessee_name", "考核对象", False, 18),
			Column("heading", "考核项目", False, 14),
			Column("criterion", "考核内容", True, 36),
			Column("max_score", "分值", False, 8),
			Column("score", "得分", True, 8),
			Column("deduction_count", "扣分次数", False, 10),
			Column("deduction_reason", "扣分理由", False, 30),
		),
		note="\n".join(
			(
				"1. 请勿修改“评分表编号”和“考核内容”，它们确定每一行对应哪张评分表的哪条细则。",
				"2. 得分在0到该条分值之间，最多一位小数；有扣分项的细则可填扣分次数，扣分须写明理由。",
				"3. 只有处于“赋分评价”环节的评分表可以导入。",
				"4. 只要有一行不合格，整个文件都不导入，并返回标明错误的文件。",
			)
		),
	)


def score_row_validator(criteria: Mapping[tuple[str, str], Mapping], scoring: Iterable[str]):
	"""A validator for core.excel.check. `criteria`: {(sheet, criterion): {max_score, scoring_method,
	deduction_each}}; `scoring`: the sheets now at 赋分评价."""
	open_sheets = set(scoring)
	labels = {c.field: c.header for c in score_sheet_layout().columns}

	def err(field, reason):
		return FieldError(field, reason, labels.get(field, field))

	def validate(row: Mapping) -> tuple[dict, list[FieldError]]:
		errors: list[FieldError] = []
		sheet = str(row.get("sheet") or "").strip()
		name = str(row.get("criterion") or "").strip()
		record = {
			"sheet": sheet,
			"criterion": name,
			"deduction_reason": str(row.get("deduction_reason") or "").strip(),
		}
		found = criteria.get((sheet, name))
		if not sheet:
			errors.append(err("sheet", "必填"))
		elif sheet not in open_sheets and any(k[0] == sheet for k in criteria):
			errors.append(err("sheet", "该评分表不在“赋分评价”环节"))
		elif not any(k[0] == sheet for k in criteria):
			errors.append(err("sheet", "本考核周期没有这张评分表"))
		elif not found:
			errors.append(err("criterion", "该评分表没有这条细则"))
		elif found.get("scoring_method") == COMPUTED:
			errors.append(err("criterion", "自动计算的细则不能手工评分"))
		try:
			score = None if row.get("score") in (None, "") else Decimal(str(row.get("score")).strip())
		except Exception:
			score = None
			errors.append(err("score", "应为数字"))
		else:
			if score is None:
				errors.append(err("score", "必填"))
			elif found and not (0 <= score <= dec(found.get("max_score"))):
				errors.append(err("score", f"应在0到{_fmt(found.get('max_score'))}分之间"))
			elif score is not None and score != score.quantize(POINT):
				errors.append(err("score", "最多一位小数"))
		try:
			count = Decimal(str(row.get("deduction_count") or 0).strip())
		except Exception:
			count = Decimal(0)
			errors.append(err("deduction_count", "应为数字"))
		if count < 0:
			errors.append(err("deduction_count", "不能为负数"))
		if count > 0 and found and not dec(found.get("deduction_each")):
			errors.append(err("deduction_count", "该条细则没有扣分项"))
		if count > 0 and not record["deduction_reason"]:
			errors.append(err("deduction_reason", "扣分须写明理由"))
		record.update(score=score, deduction_count=count)
		return record, errors

	return validate


# --- who writes what at each step ---------------------------------------------------------------
#
# A score sheet is written by turns: at 资料报送 the assessee's side (the branch, the group, the
# member) reports evidence and its self-assessment, and the group leader scores a member; at
# 赋分评价 the assessors (and the 机关党委) score by hand; at 督促检查 the 机关党委 checks, corrects
# a score and notes what it found; at 成果落实 it settles the title. Every other field is derived
# by the server. The form and the server both ask `sheet_writable` what a user may change.

ASSESSEE_ROLES = frozenset({"Party Member", "Branch Secretary", "Party Group Leader"})
GROUP_LEADER = "Party Group Leader"
ASSESSOR_ROLE = "Assessment Assessor"
OFFICER_ROLE = "Organ Party Committee Officer"
ALL_FIELDS = "System Manager"

SHEET_PART, CRITERIA, BONUSES = "sheet", "criteria", "bonuses"
SELF_ASSESSMENT = ("evidence", "evidence_file", "self_score")
SCORING_FIELDS = {CRITERIA: ("score", "deduction_count", "deduction_reason"), BONUSES: ("count", "reason")}
# The fields people write, per part of the sheet (the rest is derived by the server).
HAND_WRITTEN = {
	SHEET_PART: ("title", "inspection_note"),
	CRITERIA: (*SELF_ASSESSMENT, "group_score", *SCORING_FIELDS[CRITERIA]),
	BONUSES: SCORING_FIELDS[BONUSES],
}
# On a computed criterion the aggregation writes these, not a person.
COMPUTED_ROW_FIELDS = ("score", "group_score", "deduction_count", "deduction_reason")

SHEET_LABELS = {
	"title": "拟授予称号",
	"inspection_note": "督促检查发现的问题",
	"evidence": "报送的佐证材料",
	"evidence_file": "佐证材料文件",
	"self_score": "自评分",
	"group_score": "党小组评分",
	"score": "评分人评分",
	"deduction_count": "扣分次数",
	"deduction_reason": "扣分理由",
	"count": "加分次数",
	"reason": "加分理由",
}
PART_LABELS = {CRITERIA: "考核细则", BONUSES: "加分项"}


def sheet_writable(state: str | None, user_roles: Iterable[str]) -> dict[str, set[str]]:
	"""The fields a user may change on a score sheet in `state`, per part (sheet, criteria, bonuses)."""
	roles = set(user_roles)
	if ALL_FIELDS in roles:
		return {part: set(fields) for part, fields in HAND_WRITTEN.items()}
	allowed: dict[str, set[str]] = {part: set() for part in HAND_WRITTEN}

	def grant(part: str, fields: Iterable[str]) -> None:
		allowed[part] |= set(fields)

	if state == SUBMISSION:
		if roles & ASSESSEE_ROLES:
			grant(CRITERIA, SELF_ASSESSMENT)
		if GROUP_LEADER in roles:
			grant(CRITERIA, ("group_score",))
	scorers = {ASSESSOR_ROLE, OFFICER_ROLE} if state == SCORING else {OFFICER_ROLE}
	if state in (SCORING, INSPECTION) and roles & scorers:
		for part, fields in SCORING_FIELDS.items():
			grant(part, fields)
	if state == INSPECTION and OFFICER_ROLE in roles:
		grant(SHEET_PART, ("inspection_note",))
	if state == RESULTS and OFFICER_ROLE in roles:
		grant(SHEET_PART, ("title",))
	return allowed


def _blank(value) -> bool:
	return value is None or value == "" or value == 0


def refused_changes(
	state: str | None,
	user_roles: Iterable[str],
	before: Mapping,
	after: Mapping,
	unseen: Iterable[str] = (),
) -> list[FieldError]:
	"""What a save changes that the user may not change in `state` (the state before the save).

	`before` and `after` are the sheet as plain values: its own fields, and its rows under
	"criteria" and "bonuses", each with its "name" (and a criterion its "scoring_method" and
	"criterion"). Values are compared as given, so pass them alike (numbers as numbers). A field
	in `unseen` is one the user cannot read: their form sends it back empty, which is no change.
	Rows are neither added nor removed: the rulebook gives them.
	"""
	writable = sheet_writable(state, user_roles)
	unseen = set(unseen)
	errors: list[FieldError] = []

	def changed(field: str, old, new) -> bool:
		if field in unseen and _blank(new):
			return False
		return (None if _blank(old) and _blank(new) else old) != (None if _blank(new) else new)

	def refuse(field: str, where: str = "") -> None:
		errors.append(FieldError(field, f"在“{state}”步骤不能由您修改", where + SHEET_LABELS[field]))

	for field in HAND_WRITTEN[SHEET_PART]:
		if field not in writable[SHEET_PART] and changed(field, before.get(field), after.get(field)):
			refuse(field)
	for part in (CRITERIA, BONUSES):
		old_rows = {row.get("name"): row for row in before.get(part) or []}
		new_rows = after.get(part) or []
		if len(new_rows) != len(old_rows) or {row.get("name") for row in new_rows} != set(old_rows):
			errors.append(FieldError(part, "不能增删行，行由考核实施细则生成", PART_LABELS[part]))
			continue
		for idx, row in enumerate(new_rows, start=1):
			old = old_rows[row.get("name")]
			computed = part == CRITERIA and old.get("scoring_method") == COMPUTED
			name = old.get("criterion") or old.get("item")
			where = f"{PART_LABELS[part]}第{idx}行" + (f"（{name}）" if name else "") + "的"
			for field in HAND_WRITTEN[part]:
				if computed and field in COMPUTED_ROW_FIELDS:
					continue
				if field not in writable[part] and changed(field, old.get(field), row.get(field)):
					refuse(field, where)
	return errors
