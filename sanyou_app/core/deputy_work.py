"""Rules of the deputy work "2121": activity rooms built to the "六有" standard and what happens in
them, political education twice a year, the yearly theory exam, deputies' visits, and the deputy's
yearly performance record counted from all of it. Plain data in, plain results out."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from sanyou_app.core.fields import FieldError, clean_text, read_date

SIX_HAVES = ("有场所", "有牌子", "有制度", "有计划", "有活动", "有档案")
ROOM_ACTIVITY_TYPES = ("学习研讨", "联系群众", "接待选民", "向选民述职")
VISIT_KINDS = ("进社区", "进园区", "进厂区", "进企业")
HALVES = ("上半年", "下半年")

LABELS = {
	"activity_type": "活动类型",
	"activity_date": "活动日期",
	"deputies": "参加代表",
	"people_reached": "联系群众人数",
	"voter_request": "选民诉求",
	"visit_date": "走访日期",
	"place_kind": "走访类型",
	"place": "走访地点",
	"session_date": "教育日期",
	"score": "成绩",
	"checklist": "“六有”标准",
}


def _error(field: str, reason: str) -> FieldError:
	return FieldError(field, reason, LABELS.get(field, field))


def _duplicates(values: Sequence[str]) -> list[str]:
	return sorted(v for v, n in Counter(values).items() if n > 1)


# --- rooms -------------------------------------------------------------------------------------


def missing_items(active_items: Sequence[str], checked: Iterable[str]) -> list[str]:
	"""The active standard items a room's checklist does not list yet (to be added, unchecked)."""
	have = set(checked)
	return [i for i in active_items if i not in have]


def meets_standard(active_items: Sequence[str], checks: Mapping[str, bool]) -> bool:
	"""A room meets the standard when every active item is checked (items no longer active don't count)."""
	return bool(active_items) and all(checks.get(item) for item in active_items)


def checklist_errors(items: Sequence[str]) -> list[FieldError]:
	return [_error("checklist", f"“{item}”重复") for item in _duplicates(list(items))]


# --- room activities and visits ----------------------------------------------------------------


def _deputies(data: Mapping, errors: list[FieldError]) -> list[str]:
	deputies = list(data.get("deputies") or [])
	if not deputies:
		errors.append(_error("deputies", "至少一名代表"))
	for dup in _duplicates(deputies):
		errors.append(_error("deputies", f"“{dup}”重复"))
	return deputies


def room_activity_errors(data: Mapping, *, today: dt.date) -> list[FieldError]:
	errors: list[FieldError] = []
	if data.get("activity_type") not in ROOM_ACTIVITY_TYPES:
		errors.append(_error("activity_type", "应为" + "、".join(ROOM_ACTIVITY_TYPES) + "之一"))
	day = read_date(data, "activity_date", errors, _error, required=True)
	if day and day > today:
		errors.append(_error("activity_date", "活动尚未举行，不能登记"))
	_deputies(data, errors)
	reached = data.get("people_reached") or 0
	if not isinstance(reached, int) or reached < 0:
		errors.append(_error("people_reached", "应为不小于0的整数"))
	if data.get("activity_type") == "接待选民" and not clean_text(data.get("voter_request")):
		errors.append(_error("voter_request", "接待选民时必填"))
	return errors


def visit_errors(data: Mapping, *, today: dt.date) -> list[FieldError]:
	errors: list[FieldError] = []
	if data.get("place_kind") not in VISIT_KINDS:
		errors.append(_error("place_kind", "应为" + "、".join(VISIT_KINDS) + "之一"))
	if not clean_text(data.get("place")):
		errors.append(_error("place", "必填"))
	day = read_date(data, "visit_date", errors, _error, required=True)
	if day and day > today:
		errors.append(_error("visit_date", "走访尚未进行，不能登记"))
	_deputies(data, errors)
	return errors


def person_times_by(rows: Iterable[Mapping], key: str) -> dict:
	"""Person-times summed per `key` (e.g. year, deputy group) from rows of {key, person_times}."""
	out: dict = defaultdict(int)
	for row in rows:
		out[row.get(key)] += int(row.get("person_times") or 0)
	return dict(out)


# --- education and exam ------------------------------------------------------------------------


def half_of(day: dt.date) -> str:
	return HALVES[0] if day.month <= 6 else HALVES[1]


def missed_sessions(
	deputies: Iterable[Mapping], sessions: Iterable[Mapping], attended: Iterable[tuple[str, str]]
) -> list[dict]:
	"""Deputies in office who attended no session of a half-year in which sessions were held.

	deputies: {name, full_name, deputy_group}; sessions: {name, year, half}; attended: (session,
	deputy) pairs. One row per deputy and half-year missed."""
	halves: dict[tuple, list[str]] = defaultdict(list)
	for s in sessions:
		halves[(s["year"], s["half"])].append(s["name"])
	present = defaultdict(set)
	for session, deputy in attended:
		present[session].add(deputy)
	rows = []
	for (year, half), names in sorted(halves.items()):
		came = set().union(*(present[n] for n in names))
		for d in deputies:
			if d["name"] not in came:
				rows.append({**d, "year": year, "half": half, "sessions": len(names)})
	return rows


def exam_score(value, full_marks) -> Decimal | None:
	"""A score between 0 and the full marks, at most one decimal; None when empty."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return None
	try:
		score = Decimal(str(value).strip())
	except ArithmeticError:
		raise ValueError("应为数字") from None
	if score != score.quantize(Decimal("0.1")):
		raise ValueError("最多一位小数")
	top = Decimal(str(full_marks))
	if score < 0 or score > top:
		raise ValueError(f"应在0到{top.normalize():f}之间")
	return score


# --- the performance record (代表履职档案) ------------------------------------------------------

PERFORMANCE_COUNTS = (
	"room_activities",
	"voters_received",
	"visits",
	"joint_activities",
	"suggestions",
	"suggestions_satisfied",
	"education_attended",
	"education_held",
)


def performance(
	deputies: Iterable[Mapping], counts: Mapping[str, Mapping[str, int]], scores: Mapping[str, Decimal | None]
) -> list[dict]:
	"""One row per deputy: each count (counts[kind][deputy]), the exam score, and a rank within the
	deputy group by total activity (room activities + visits + joint activities + suggestions),
	ties sharing a rank (1, 1, 3)."""
	rows = []
	for d in deputies:
		row = {**d, **{k: int(counts.get(k, {}).get(d["name"], 0)) for k in PERFORMANCE_COUNTS}}
		row["exam_score"] = scores.get(d["name"])
		row["total"] = row["room_activities"] + row["visits"] + row["joint_activities"] + row["suggestions"]
		rows.append(row)
	by_group: dict = defaultdict(list)
	for row in rows:
		by_group[row.get("deputy_group")].append(row)
	for members in by_group.values():
		members.sort(key=lambda r: -r["total"])
		for i, row in enumerate(members):
			row["rank"] = members[i - 1]["rank"] if i and members[i - 1]["total"] == row["total"] else i + 1
	rows.sort(key=lambda r: (r.get("deputy_group") or "", r["rank"], r.get("full_name") or ""))
	return rows


# --- the exam's Excel import ---------------------------------------------------------------------

EXAM_LABELS = {"full_name": "姓名", "village_unit": "选区(单位)", "score": "成绩", "absent": "缺考"}


def exam_sheet():
	from sanyou_app.core.excel import Column, Sheet

	return Sheet(
		title="代表理论考核成绩",
		columns=(
			Column("full_name", EXAM_LABELS["full_name"], True, 12, "张三"),
			Column("village_unit", EXAM_LABELS["village_unit"], True, 22, "相山区选区"),
			Column("score", EXAM_LABELS["score"], False, 10, 92.5),
			Column("absent", EXAM_LABELS["absent"], False, 8, "否"),
		),
		note="\n".join(
			(
				"1. 带 * 的列必填；第1行表头请勿修改。",
				"2. 代表按“姓名 + 选区(单位)”识别，须与系统中本届代表的登记一致。",
				"3. 缺考填“是”，成绩留空；成绩最多一位小数。",
				"4. 任何一行有错误时全部不导入，并生成错误说明文件。",
			)
		),
	)


def exam_row_validator(full_marks, deputies: Mapping[tuple[str, str], Sequence[str]], scored: Iterable[str]):
	"""Validator for core.excel.check: finds the deputy by (name, constituency), checks the score."""
	from sanyou_app.core.congress import parse_flag

	already = set(scored)

	def err(field, reason):
		return FieldError(field, reason, EXAM_LABELS[field])

	def validate(row: Mapping) -> tuple[dict, list[FieldError]]:
		errors: list[FieldError] = []
		name, unit = clean_text(row.get("full_name")), clean_text(row.get("village_unit"))
		record: dict = {"full_name": name, "village_unit": unit}
		if not name:
			errors.append(err("full_name", "必填"))
		if not unit:
			errors.append(err("village_unit", "必填"))
		if name and unit:
			found = list(deputies.get((name, unit), ()))
			if not found:
				errors.append(err("full_name", f"{unit}没有名为“{name}”的本届代表"))
			elif len(found) > 1:
				errors.append(err("full_name", f"{unit}有{len(found)}名代表名为“{name}”，请逐人录入"))
			elif found[0] in already:
				errors.append(err("full_name", "本次考核已录入该代表的成绩"))
			else:
				record["deputy"] = found[0]
		try:
			record["absent"] = int(parse_flag(row.get("absent")))
		except ValueError as e:
			errors.append(err("absent", str(e)))
			record["absent"] = 0
		try:
			score = exam_score(row.get("score"), full_marks)
		except ValueError as e:
			errors.append(err("score", str(e)))
			score = None
		if record["absent"] and score is not None:
			errors.append(err("score", "缺考时成绩应留空"))
		if not record["absent"] and score is None and not any(e.field == "score" for e in errors):
			errors.append(err("score", "未缺考时必填"))
		record["score"] = float(score) if score is not None else None
		return record, errors

	return validate


# The higher a congress, the earlier a report opens on it (a city's office reads the towns' too).
_LEVEL_RANK = {"市": 0, "县": 1, "区": 1, "乡镇": 2}


def home_congress(congresses: Sequence[Mapping]) -> str | None:
	"""The congress a deputies' report opens on: the highest level the user reads (a city's deputies,
	not mixed with the towns'), its latest term."""
	if not congresses:
		return None
	return min(
		congresses,
		key=lambda c: (_LEVEL_RANK.get(c.get("level") or "", 3), -(c.get("term_no") or 0), c["name"]),
	)["name"]


def latest_year(years: Iterable, fallback: int) -> int:
	"""The latest year that has records (a report opens where the data is), else `fallback`."""
	found = [int(y) for y in years if y]
	return max(found) if found else fallback
