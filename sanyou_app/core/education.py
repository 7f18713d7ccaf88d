"""Education and service (优教育, 优服务): study sessions on the organ's platforms, the quarterly
knowledge test (应知应会知识季考) with its scores and their Excel import, and the community
service log of 双报到.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sanyou_app.core.congress import parse_flag
from sanyou_app.core.excel import Column, Sheet
from sanyou_app.core.fields import FieldError, clean_text, read_date
from sanyou_app.core.meetings import percent
from sanyou_app.core.periods import quarter_of

PLATFORMS = ("中心组学习", "人大讲堂", "秘书学习", "领导干部学法讲法", "支部学习")
BRANCH_PLATFORM = "支部学习"
METHODS = ("理论研讨", "专题调研", "案例分析", "轮流讲课", "微党课", "模拟庭审")
QUARTERS = (1, 2, 3, 4)
MAX_SERVICE_HOURS = Decimal(24)

LABELS = {
	"platform": "学习平台",
	"method": "学习方式",
	"session_date": "学习日期",
	"topic": "学习主题",
	"party_branch": "党支部",
	"member": "党员",
	"year": "年度",
	"quarter": "季度",
	"test_date": "考试日期",
	"full_marks": "满分",
	"pass_mark": "及格分",
	"full_name": "姓名",
	"score": "成绩",
	"absent": "缺考",
	"note": "备注",
	"community": "报到社区",
	"service_date": "服务日期",
	"activity": "服务内容",
	"hours": "服务时长(小时)",
}


def _error(name: str, reason: str, label: str | None = None) -> FieldError:
	return FieldError(name, reason, label or LABELS.get(name, name))


def _day(data: Mapping, name: str, errors: list[FieldError], today: dt.date) -> dt.date | None:
	day = read_date(data, name, errors, _error, required=True)
	if day and day > today:
		errors.append(_error(name, "不能晚于今天"))
	return day


# --- study sessions ------------------------------------------------------------------------------


def study_errors(
	data: Mapping,
	attendees: Sequence[str],
	*,
	eligible: Iterable[str],
	today: dt.date,
	names: Mapping[str, str] | None = None,
) -> list[FieldError]:
	names = names or {}
	errors: list[FieldError] = []
	platform = data.get("platform")
	if platform not in PLATFORMS:
		errors.append(_error("platform", f"应为{'、'.join(PLATFORMS)}之一"))
	if data.get("method") not in METHODS:
		errors.append(_error("method", f"应为{'、'.join(METHODS)}之一"))
	if platform == BRANCH_PLATFORM and not data.get("party_branch"):
		errors.append(_error("party_branch", "支部学习须填写党支部"))
	_day(data, "session_date", errors, today)
	if not clean_text(data.get("topic")):
		errors.append(_error("topic", "必填"))
	who_may = set(eligible)
	scope = "本支部在册党员" if data.get("party_branch") else "机关在册党员"
	seen: dict[str, int] = {}
	for i, member in enumerate(attendees, start=1):
		label = f"参加人员第{i}行党员"
		if not member:
			errors.append(_error("member", "必填", label))
			continue
		who = names.get(member, member)
		if member in seen:
			errors.append(_error("member", f"{who}与第{seen[member]}行重复", label))
		else:
			seen[member] = i
		if member not in who_may:
			errors.append(_error("member", f"{who}不是{scope}", label))
	return errors


# --- the quarterly test --------------------------------------------------------------------------


def quarterly_test_errors(data: Mapping, *, today: dt.date) -> list[FieldError]:
	errors: list[FieldError] = []
	year = data.get("year")
	if not year or not (2000 <= int(year) <= today.year):
		errors.append(_error("year", f"应在2000到{today.year}之间"))
	if data.get("quarter") not in QUARTERS:
		errors.append(_error("quarter", "应为1到4"))
	day = _day(data, "test_date", errors, today)
	if day and year and data.get("quarter") in QUARTERS:
		if day.year != int(year) or quarter_of(day) != data["quarter"]:
			errors.append(_error("test_date", f"不在{year}年第{data['quarter']}季度内"))
	full = Decimal(str(data.get("full_marks") or 0))
	passing = Decimal(str(data.get("pass_mark") or 0))
	if full <= 0:
		errors.append(_error("full_marks", "应大于0"))
	elif not (0 < passing <= full):
		errors.append(_error("pass_mark", f"应大于0且不超过满分{full}"))
	return errors


def parse_score(value, full_marks) -> Decimal | None:
	"""A score between 0 and the full marks with at most one decimal; None when empty."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return None
	try:
		score = Decimal(str(value).strip())
	except InvalidOperation:
		raise ValueError("应为数字") from None
	if not score.is_finite():
		raise ValueError("应为数字")
	full = Decimal(str(full_marks))
	if score < 0 or score > full:
		raise ValueError(f"应在0到{full.normalize():f}之间")
	if score != score.quantize(Decimal("0.1")):
		raise ValueError("最多保留一位小数")
	return score


def score_errors(data: Mapping, *, full_marks) -> tuple[dict, list[FieldError]]:
	"""One member's score: a score, or marked absent (缺考) with no score."""
	errors: list[FieldError] = []
	clean: dict = {}
	try:
		clean["absent"] = int(parse_flag(data.get("absent")))
	except ValueError as e:
		errors.append(_error("absent", str(e)))
		clean["absent"] = 0
	try:
		clean["score"] = parse_score(data.get("score"), full_marks)
	except ValueError as e:
		errors.append(_error("score", str(e)))
		return clean, errors
	if clean["absent"] and clean["score"] is not None:
		errors.append(_error("score", "缺考的党员不填成绩"))
	elif not clean["absent"] and clean["score"] is None:
		errors.append(_error("score", "必填（缺考请在“缺考”列填“是”）"))
	return clean, errors


SCORE_IMPORT = Sheet(
	title="季考成绩",
	columns=(
		Column("full_name", LABELS["full_name"], True, 12, "张三"),
		Column("party_branch", "党支部", True, 22, "机关第一党支部"),
		Column("score", LABELS["score"], False, 10, 92.5),
		Column("absent", LABELS["absent"], False, 8, "否"),
		Column("note", LABELS["note"], False, 30, ""),
	),
	note="\n".join(
		(
			"1. 带 * 的列必填；第1行表头请勿修改，列的顺序可以调整。",
			"2. 党员按“姓名 + 党支部”识别，党支部须填写系统中的全称。",
			"3. 成绩在0到满分之间，最多一位小数；缺考的党员在“缺考”列填“是”，成绩不填。",
			"4. 同一文件中同一党员只能出现一次；已录入成绩的党员不能再次导入。",
			"5. 只要有一行不合格，整个文件都不导入，并返回标明错误的文件。",
		)
	),
)


def score_row_validator(full_marks, members: Mapping[tuple[str, str], Sequence[str]], scored: Iterable[str]):
	"""A validator for core.excel.check: finds the member by (name, branch), checks the score.

	`members`: {(full name, branch): [member names]} of members on the roll; `scored`: members
	who already have a score for this test.
	"""
	already = set(scored)

	def validate(row: Mapping) -> tuple[dict, list[FieldError]]:
		errors: list[FieldError] = []
		name = clean_text(row.get("full_name"))
		branch = clean_text(row.get("party_branch"))
		record: dict = {"full_name": name, "party_branch": branch, "note": clean_text(row.get("note"))}
		if not name:
			errors.append(_error("full_name", "必填"))
		if not branch:
			errors.append(_error("party_branch", "必填"))
		if name and branch:
			found = list(members.get((name, branch), ()))
			if not found:
				errors.append(_error("full_name", f"{branch}没有名为“{name}”的在册党员"))
			elif len(found) > 1:
				errors.append(
					_error("full_name", f"{branch}有{len(found)}名党员名为“{name}”，请在系统中逐人录入")
				)
			elif found[0] in already:
				errors.append(_error("full_name", "本次季考已录入该党员的成绩"))
			else:
				record["member"] = found[0]
		values, score_problems = score_errors(row, full_marks=full_marks)
		record.update(values)
		return record, errors + score_problems

	return validate


@dataclass(frozen=True)
class ScoreLine:
	branch: str
	test: str
	year: int
	quarter: int
	takers: int
	absent: int
	average: Decimal | None
	highest: Decimal | None
	lowest: Decimal | None
	passed: int

	@property
	def pass_rate(self) -> Decimal | None:
		return percent(self.passed, self.takers)

	@property
	def participation(self) -> Decimal | None:
		return percent(self.takers, self.takers + self.absent)


ALL_BRANCHES = "合计"


def score_lines(rows: Iterable[Mapping], tests: Mapping[str, Mapping]) -> list[ScoreLine]:
	"""Scores by branch and test (one test a quarter), plus a total line per test (of the rows given:
	the whole organ for the officer, the own branch for a secretary).

	`rows`: party_branch, test, score, absent. `tests`: {test: {year, quarter, pass_mark}}.
	"""
	buckets: dict[tuple[str, str], list] = {}
	for r in rows:
		if r.get("test") not in tests:
			continue
		for branch in (r.get("party_branch") or "", ALL_BRANCHES):
			buckets.setdefault((branch, r["test"]), []).append(r)
	lines = []
	for (branch, test), rs in buckets.items():
		info = tests[test]
		scores = [Decimal(str(r["score"])) for r in rs if not r.get("absent") and r.get("score") is not None]
		passing = Decimal(str(info.get("pass_mark") or 60))
		average = (
			(sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
			if scores
			else None
		)
		lines.append(
			ScoreLine(
				branch=branch,
				test=test,
				year=int(info["year"]),
				quarter=int(info["quarter"]),
				takers=len(scores),
				absent=sum(1 for r in rs if r.get("absent")),
				average=average,
				highest=max(scores) if scores else None,
				lowest=min(scores) if scores else None,
				passed=sum(1 for s in scores if s >= passing),
			)
		)
	lines.sort(key=lambda x: (x.year, x.quarter, x.branch == ALL_BRANCHES, x.branch))
	return lines


# --- 双报到 community service ----------------------------------------------------------------------


def service_errors(data: Mapping, *, today: dt.date) -> list[FieldError]:
	errors: list[FieldError] = []
	if not clean_text(data.get("community")):
		errors.append(_error("community", "必填"))
	_day(data, "service_date", errors, today)
	if not clean_text(data.get("activity")):
		errors.append(_error("activity", "必填"))
	try:
		hours = Decimal(str(data.get("hours") or 0))
	except InvalidOperation:
		errors.append(_error("hours", "应为数字"))
		return errors
	if hours <= 0:
		errors.append(_error("hours", "应大于0"))
	elif hours > MAX_SERVICE_HOURS:
		errors.append(_error("hours", "一次服务不超过24小时"))
	return errors
