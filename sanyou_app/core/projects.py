"""Rules of an adopted livelihood project (正式项目): from the vote to completion and evaluation.

Progress of the 时间表, overdue milestones and the daily reminder, the liaison deputies' range (a
rule of the cycle), pre-evaluation scores, which picked items of a published vote still need a
project, and which fields the public page may show. Plain data in, plain results out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sanyou_app.core.fields import FieldError, parse_amount, parse_date

# Workflow states of a project (民生实事项目实施).
NOT_STARTED = "待启动"
IN_PROGRESS = "实施中"
AWAITING_ACCEPTANCE = "待验收"
COMPLETED = "已完成"
DELAYED = "延期"
STATUSES = (NOT_STARTED, IN_PROGRESS, AWAITING_ACCEPTANCE, COMPLETED, DELAYED)
OPEN_STATUSES = (NOT_STARTED, IN_PROGRESS, DELAYED)

INSPECTION_KINDS = ("视察", "督查", "专项检查")
MEMBER_DEPUTY = "人大代表"
MEMBER_PROFESSIONAL = "专业人员"
PROFESSIONS = ("法律", "财务", "规划", "建设", "审计")

DEFAULT_LIAISON_MIN = 2
DEFAULT_LIAISON_MAX = 3

LABELS = {
	"title": "项目名称",
	"investment": "投资金额(万元)",
	"funds_used": "已使用资金(万元)",
	"leader": "包保领导",
	"delay_reason": "延期原因",
	"milestones": "时间表",
	"liaison_deputies": "联系代表",
	"completed_on": "竣工日期",
	"liaison_min": "每个项目联系代表最少人数",
	"liaison_max": "每个项目联系代表最多人数",
	"scores": "评分",
}

# What the public page may show of a project: nothing else leaves the server for a guest.
PUBLIC_FIELDS = (
	"title",
	"year",
	"town",
	"content",
	"investment",
	"implementing_body",
	"leader_display",
	"deadline",
	"progress",
	"status",
	"liaison_names",
	"satisfaction_rate",
	"satisfaction_grade",
)


def _error(name: str, reason: str) -> FieldError:
	return FieldError(name, reason, LABELS.get(name))


def _percent(value) -> Decimal:
	return Decimal(str(value or 0))


def overall_progress(milestones: Iterable[Mapping]) -> float:
	"""The project's progress: the mean of its milestones' percent done, one decimal (half up).

	A milestone may carry a weight (default 1); a 时间表 without milestones is at 0."""
	rows = list(milestones)
	total_weight = sum(Decimal(str(m.get("weight") or 1)) for m in rows)
	if not rows or not total_weight:
		return 0.0
	done = sum(_percent(m.get("percent")) * Decimal(str(m.get("weight") or 1)) for m in rows)
	return float((done / total_weight).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def milestone_done(milestone: Mapping) -> bool:
	return bool(parse_date(milestone.get("actual_date"))) and _percent(milestone.get("percent")) >= 100


def is_overdue(milestone: Mapping, today: dt.date) -> bool:
	"""Past its planned date and not done (done = an actual date and 100%)."""
	planned = parse_date(milestone.get("planned_date"))
	return planned is not None and planned < today and not milestone_done(milestone)


def days_overdue(milestone: Mapping, today: dt.date) -> int:
	planned = parse_date(milestone.get("planned_date"))
	return (today - planned).days if planned and is_overdue(milestone, today) else 0


def on_time(milestone: Mapping) -> bool:
	"""Done no later than planned."""
	planned, actual = parse_date(milestone.get("planned_date")), parse_date(milestone.get("actual_date"))
	return milestone_done(milestone) and planned is not None and actual <= planned


def milestones_met(milestones: Iterable[Mapping]) -> tuple[int, int]:
	"""(milestones done on time, milestones in all): the completion report's 按期完成节点."""
	rows = list(milestones)
	return sum(1 for m in rows if on_time(m)), len(rows)


def check_milestones(milestones: Sequence[Mapping]) -> list[FieldError]:
	errors = []
	for i, m in enumerate(milestones, start=1):
		percent = _percent(m.get("percent"))
		if not 0 <= percent <= 100:
			errors.append(_error("milestones", f"第{i}行完成百分比应在0到100之间"))
		if not parse_date(m.get("planned_date")):
			errors.append(_error("milestones", f"第{i}行请填写计划完成日期"))
		if percent == 100 and not parse_date(m.get("actual_date")):
			errors.append(_error("milestones", f"第{i}行已完成100%，请填写实际完成日期"))
		if parse_date(m.get("actual_date")) and percent < 100:
			errors.append(_error("milestones", f"第{i}行填写了实际完成日期，完成百分比应为100"))
	return errors


def check_liaison_range(count: int, minimum: int | None, maximum: int | None) -> list[FieldError]:
	"""2–3 liaison deputies per project by default; the cycle may set another range."""
	low = minimum or DEFAULT_LIAISON_MIN
	high = maximum or DEFAULT_LIAISON_MAX
	if count and not low <= count <= high:
		return [_error("liaison_deputies", f"每个项目应有{low}至{high}名联系代表，现有{count}名")]
	return []


def check_liaison_rule(minimum, maximum) -> list[FieldError]:
	low, high = int(minimum or 0), int(maximum or 0)
	errors = []
	if low < 0:
		errors.append(_error("liaison_min", "不能为负数"))
	if low and high and high < low:
		errors.append(_error("liaison_max", "不能少于最少人数"))
	return errors


def check_project(doc: Mapping) -> list[FieldError]:
	"""What a project must carry, whatever its state; state-specific needs in `missing_for_state`."""
	errors = []
	for name in ("investment", "funds_used"):
		try:
			value = parse_amount(doc.get(name))
		except ValueError as e:
			errors.append(_error(name, str(e)))
			continue
		if value is not None and value < 0:
			errors.append(_error(name, "不能为负数"))
	errors += check_milestones(doc.get("milestones") or [])
	return errors


def missing_for_state(state: str | None, doc: Mapping) -> list[FieldError]:
	"""A project under way names its leader and has a 时间表; a delayed one its reason; a project
	awaiting acceptance has every milestone done; a completed one its completion date."""
	errors = []
	milestones = doc.get("milestones") or []
	if state in (IN_PROGRESS, AWAITING_ACCEPTANCE, COMPLETED, DELAYED):
		if not (doc.get("leader_user") or doc.get("leader_name")):
			errors.append(_error("leader", "请选择包保领导的用户，或填写其姓名和职务"))
		if not milestones:
			errors.append(_error("milestones", "请先制订时间表（至少一个节点）"))
	if state == DELAYED and not (doc.get("delay_reason") or "").strip():
		errors.append(_error("delay_reason", "延期须说明原因"))
	if state in (AWAITING_ACCEPTANCE, COMPLETED):
		open_rows = [i for i, m in enumerate(milestones, start=1) if not milestone_done(m)]
		if open_rows:
			rows = "、".join(str(i) for i in open_rows)
			errors.append(_error("milestones", f"第{rows}个节点尚未完成，不能申请验收"))
	if state == COMPLETED and not parse_date(doc.get("completed_on")):
		errors.append(_error("completed_on", "请填写竣工日期"))
	return errors


def leader_display(user_name: str | None, name: str | None, title: str | None) -> str:
	"""包保领导 as printed: 'title name' (镇党委副书记 李明), or the user's full name."""
	person = (name or user_name or "").strip()
	return f"{title.strip()} {person}".strip() if title and title.strip() else person


# --- reminders ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
	recipient: str
	projects: tuple[str, ...]
	milestones: int

	def subject(self) -> str:
		return f"民生实事项目有{self.milestones}个时间节点已逾期（{len(self.projects)}个项目）"


def reminders(
	projects: Iterable[Mapping],
	today: dt.date,
) -> list[Reminder]:
	"""One reminder per person a day: the leader and each liaison deputy (with a login) of every
	project that has an overdue milestone and was not reminded today.

	Each project: name, milestones, leader_user, liaison_users, last_reminded_on, status."""
	per_user: dict[str, dict[str, int]] = {}
	for p in projects:
		if p.get("status") not in (None, *OPEN_STATUSES):
			continue
		if parse_date(p.get("last_reminded_on")) == today:
			continue
		overdue = sum(1 for m in p.get("milestones") or [] if is_overdue(m, today))
		if not overdue:
			continue
		for user in {p.get("leader_user"), *(p.get("liaison_users") or [])} - {None, ""}:
			per_user.setdefault(user, {})[p["name"]] = overdue
	return [
		Reminder(user, tuple(sorted(counts)), sum(counts.values()))
		for user, counts in sorted(per_user.items())
	]


# --- evaluation -----------------------------------------------------------------------------


def check_criteria(criteria: Sequence[Mapping]) -> list[FieldError]:
	errors = []
	seen = set()
	for i, c in enumerate(criteria, start=1):
		name = (c.get("criterion") or "").strip()
		if not name:
			errors.append(FieldError("evaluation_criteria", f"第{i}行请填写评估指标", "预评估指标"))
		elif name in seen:
			errors.append(FieldError("evaluation_criteria", f"第{i}行指标“{name}”重复", "预评估指标"))
		seen.add(name)
		if _percent(c.get("max_score")) <= 0:
			errors.append(FieldError("evaluation_criteria", f"第{i}行满分应大于0", "预评估指标"))
	return errors


def evaluation_score(scores: Sequence[Mapping]) -> tuple[float, list[FieldError]]:
	"""The pre-evaluation's total (sum of the criteria's scores) and the rows out of range.

	Each row: criterion, max_score, score. A score lies between 0 and the criterion's maximum."""
	errors = []
	total = Decimal(0)
	for i, row in enumerate(scores, start=1):
		score, top = _percent(row.get("score")), _percent(row.get("max_score"))
		if score < 0 or (top and score > top):
			errors.append(
				_error("scores", f"第{i}行“{row.get('criterion') or ''}”得分应在0到{_plain(top)}之间")
			)
		total += score
	return float(total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)), errors


def _plain(value: Decimal) -> str:
	return format(value.normalize(), "f")


def score_rows(criteria: Sequence[Mapping], existing: Sequence[Mapping] = ()) -> list[dict]:
	"""The rows of a new pre-evaluation form: the cycle's criteria, keeping any score given."""
	given = {r.get("criterion"): r for r in existing}
	return [
		{
			"criterion": c["criterion"],
			"max_score": c.get("max_score"),
			"score": (given.get(c["criterion"]) or {}).get("score"),
			"comment": (given.get(c["criterion"]) or {}).get("comment"),
		}
		for c in criteria
	]


# --- adoption from a published vote ---------------------------------------------------------


@dataclass(frozen=True)
class Picked:
	label: str
	candidate: str | None
	votes_for: int
	rank: int | None = None


def picked_items(items: Sequence[Mapping], results: Sequence[Mapping]) -> list[Picked]:
	"""The picked rows of a published project vote, each tied to its candidate.

	A result row names its candidate (reference_name) or, failing that, its item_label is matched
	against the vote's items."""
	by_label = {i.get("item_label"): i.get("reference_name") for i in items}
	out = []
	for r in results:
		if not r.get("picked"):
			continue
		candidate = r.get("reference_name") or by_label.get(r.get("item_label"))
		out.append(Picked(r.get("item_label"), candidate, int(r.get("votes_for") or 0), r.get("rank")))
	return out


def to_adopt(picked: Iterable[Picked], adopted_candidates: Iterable[str], adopted_labels: Iterable[str]):
	"""Picked items that have no project yet: a candidate adopted by an earlier round (or an
	earlier save of this one) is never adopted twice."""
	have, labels = set(adopted_candidates), set(adopted_labels)
	out = []
	for p in picked:
		key_taken = p.candidate in have if p.candidate else p.label in labels
		if not key_taken:
			out.append(p)
			have.add(p.candidate)
			labels.add(p.label)
	return out


@dataclass(frozen=True)
class Unsatisfied:
	label: str
	candidate: str | None
	rate: float | None
	grade: str | None


def unsatisfied_items(items: Sequence[Mapping], results: Sequence[Mapping]) -> list[Unsatisfied]:
	"""Projects a published survey graded 不满意 (needs_rectification, or the grade itself)."""
	by_label = {i.get("item_label"): i.get("reference_name") for i in items}
	return [
		Unsatisfied(
			r.get("item_label"),
			r.get("reference_name") or by_label.get(r.get("item_label")),
			r.get("satisfaction_rate"),
			r.get("grade"),
		)
		for r in results
		if r.get("needs_rectification") or r.get("grade") == "不满意"
	]


# --- public page ----------------------------------------------------------------------------


@dataclass
class YearGroup:
	year: int
	projects: list[dict] = field(default_factory=list)

	@property
	def investment(self) -> float:
		return float(sum(Decimal(str(p.get("investment") or 0)) for p in self.projects))


def public_rows(projects: Iterable[Mapping]) -> list[YearGroup]:
	"""Projects grouped by year, newest first, each reduced to PUBLIC_FIELDS (the satisfaction
	figures are written on a project only when the survey that rated it is published)."""
	groups: dict[int, YearGroup] = {}
	for p in projects:
		row = {k: p.get(k) for k in PUBLIC_FIELDS}
		groups.setdefault(int(p.get("year") or 0), YearGroup(int(p.get("year") or 0))).projects.append(row)
	return [groups[y] for y in sorted(groups, reverse=True)]


# --- rectification ---------------------------------------------------------------------------

DEFAULT_RECTIFICATION_DAYS = 90


def rectification_deadline(published: dt.date, days: int | None) -> dt.date:
	"""A 不满意 project is due for rectification the cycle's number of days after the survey."""
	return published + dt.timedelta(days=int(days or DEFAULT_RECTIFICATION_DAYS))


def survey_problem(title: str, survey: str, rate, body: str | None, leader: str | None) -> str:
	"""The problem a 不满意 grade puts on the rectification list, in the users' words."""
	owners = "，".join(
		x for x in (f"实施主体：{body}" if body else "", f"包保领导：{leader}" if leader else "") if x
	)
	rate_text = f"（满意率{rate:.1f}%）" if rate is not None else ""
	return f"{title}在{survey}中测评为不满意{rate_text}，交政府整改。" + (f"{owners}。" if owners else "")


# Who keeps a project's record. The implementation group and the office keep the whole record; a
# responsible leader reports on their own project only: its progress (时间表), plans, funds used and
# the reason of a delay. What the vote adopted (content, investment) and who leads stay as decided.
PROJECT_KEEPERS = frozenset({"System Manager", "Town Congress Office", "Implementation Group"})
LEADER_WRITES = ("milestones", "plan_files", "funds_used", "delay_reason")


def project_writable_fields(user_roles: Iterable[str], own_project: bool, fields: Iterable[str]) -> set[str]:
	"""The fields of a project a user may change: all for its keepers, the leader's report on
	their own project for a leader, nothing for anyone else."""
	roles = set(user_roles)
	fields = set(fields)
	if roles & PROJECT_KEEPERS:
		return fields
	if "Project Leader" in roles and own_project:
		return fields & set(LEADER_WRITES)
	return set()
