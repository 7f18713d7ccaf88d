"""Rules of 党小组结对联系代表小组 (party groups paired with deputy groups) and of what comes out of it:
joint activities, research reports, deputies' motions and suggestions, and the coverage of it all.

Plain data in, plain results out; the Deputy Liaison doctypes and reports call these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from sanyou_app.core.fields import FieldError, clean_text, read_date
from sanyou_app.core.periods import quarter_range

MIN_TOPICS, MAX_TOPICS = 1, 2
ACTIVITY_TYPES = ("调研", "视察", "座谈")
CONVERSIONS = ("代表建议", "代表议案", "专项工作举措")
SUGGESTION_KINDS = ("代表建议", "代表议案")
SUBMITTED, REPLIED, SATISFIED, UNSATISFIED = "已提交", "已办复", "代表满意", "不满意"
SUGGESTION_STATES = (SUBMITTED, REPLIED, SATISFIED, UNSATISFIED)
FINAL_STATES = (SATISFIED,)
REPLY_DAYS = 90  # 代表建议 are answered within three months of being handed over (default due date)

LABELS = {
	"year": "年度",
	"party_group": "党小组",
	"party_lead": "党小组牵头人",
	"topics": "调研课题",
	"deputy_groups": "结对代表小组",
	"deputy_lead": "代表小组牵头人",
	"activity_type": "活动形式",
	"activity_date": "活动日期",
	"topic": "调研课题",
	"participants": "参加人员",
	"title": "标题",
	"activities": "依据的活动",
	"report_date": "报告日期",
	"conversion": "转化方式",
	"measure": "专项工作举措",
	"number": "编号",
	"deputies": "提出代表",
	"handling_unit": "承办单位",
	"submitted_on": "提交日期",
	"reply": "办复意见",
	"replied_on": "办复日期",
}


def _error(field: str, reason: str) -> FieldError:
	return FieldError(field, reason, LABELS.get(field, field))


def _clean_list(values: Iterable) -> list[str]:
	return [clean_text(v) for v in values if clean_text(v)]


def _duplicates(values: Sequence[str]) -> list[str]:
	return sorted(v for v, n in Counter(values).items() if n > 1)


# --- pairing -----------------------------------------------------------------------------------


def pairing_errors(data: Mapping, *, deputy_groups_of: Mapping[str, str] | None = None) -> list[FieldError]:
	"""A year's pairing of one party group: 1–2 distinct topics, at least one deputy group, each
	deputy group once, and each side's lead. `deputy_groups_of`: {deputy (lead): deputy group}
	for the leads named, to check that a lead belongs to the group they lead."""
	errors: list[FieldError] = []
	year = data.get("year")
	if not isinstance(year, int) or not 2000 <= year <= 2100:
		errors.append(_error("year", "应为四位年份，如 2021"))
	if not clean_text(data.get("party_group")):
		errors.append(_error("party_group", "必填"))
	if not clean_text(data.get("party_lead")):
		errors.append(_error("party_lead", "必填"))
	topics = _clean_list(data.get("topics") or [])
	if not MIN_TOPICS <= len(topics) <= MAX_TOPICS:
		errors.append(
			_error("topics", f"每个党小组每年选定{MIN_TOPICS}至{MAX_TOPICS}个课题，现为{len(topics)}个")
		)
	for topic in _duplicates(topics):
		errors.append(_error("topics", f"课题“{topic}”重复"))
	for topic in topics:
		if len(topic) > 140:
			errors.append(_error("topics", f"课题“{topic[:20]}…”不能超过140个字"))
	groups = data.get("deputy_groups") or []
	names = [clean_text(g.get("deputy_group")) for g in groups]
	if not any(names):
		errors.append(_error("deputy_groups", "至少结对一个代表小组"))
	for name in _duplicates([n for n in names if n]):
		errors.append(_error("deputy_groups", f"代表小组“{name}”重复"))
	for row, group in enumerate(groups, start=1):
		lead = clean_text(group.get("deputy_lead"))
		if not lead:
			errors.append(_error("deputy_lead", f"第{row}行：必填"))
		elif deputy_groups_of is not None and deputy_groups_of.get(lead) != clean_text(
			group.get("deputy_group")
		):
			errors.append(_error("deputy_lead", f"第{row}行：牵头代表须是该代表小组的成员"))
	return errors


# --- joint activities --------------------------------------------------------------------------


def person_times(party_members: Sequence[str], deputies: Sequence[str]) -> int:
	"""Person-times of one activity: every party member and every deputy who took part, once each."""
	return len(set(party_members)) + len(set(deputies))


def activity_errors(
	data: Mapping, *, pairing_year: int | None, topics: Sequence[str], today: dt.date
) -> list[FieldError]:
	"""A joint activity: its form, a date within the pairing's year and not in the future, one of the
	pairing's topics, and participants from both sides (each listed once)."""
	errors: list[FieldError] = []
	if data.get("activity_type") not in ACTIVITY_TYPES:
		errors.append(_error("activity_type", "应为" + "、".join(ACTIVITY_TYPES) + "之一"))
	day = read_date(data, "activity_date", errors, _error, required=True)
	if day is not None:
		if pairing_year is not None and day.year != pairing_year:
			errors.append(_error("activity_date", f"应在结对年度{pairing_year}年内"))
		if day > today:
			errors.append(_error("activity_date", "活动尚未举行，不能登记"))
	topic = clean_text(data.get("topic"))
	if not topic:
		errors.append(_error("topic", "必填"))
	elif topic not in topics:
		errors.append(_error("topic", f"“{topic}”不是本结对的课题"))
	members = list(data.get("party_members") or [])
	deputies = list(data.get("deputies") or [])
	if not members:
		errors.append(_error("participants", "至少一名党员参加"))
	if not deputies:
		errors.append(_error("participants", "至少一名代表参加"))
	for dup in _duplicates(members) + _duplicates(deputies):
		errors.append(_error("participants", f"“{dup}”重复登记"))
	return errors


# --- reports and their conversion --------------------------------------------------------------


def report_errors(
	data: Mapping, *, topics: Sequence[str], activity_pairings: Mapping[str, str]
) -> list[FieldError]:
	"""A research report: a title, one of the pairing's topics, the activities it draws on (at least
	one, all of the same pairing), and, when converted into a measure, the measure itself."""
	errors: list[FieldError] = []
	if not clean_text(data.get("title")):
		errors.append(_error("title", "必填"))
	topic = clean_text(data.get("topic"))
	if not topic:
		errors.append(_error("topic", "必填"))
	elif topic not in topics:
		errors.append(_error("topic", f"“{topic}”不是本结对的课题"))
	activities = list(data.get("activities") or [])
	if not activities:
		errors.append(_error("activities", "至少依据一次联合活动"))
	for name in _duplicates(activities):
		errors.append(_error("activities", f"“{name}”重复"))
	pairing = data.get("pairing")
	for name in activities:
		if activity_pairings.get(name) != pairing:
			errors.append(_error("activities", f"活动“{name}”不属于本结对"))
	conversion = data.get("conversion") or ""
	if conversion and conversion not in CONVERSIONS:
		errors.append(_error("conversion", "应为" + "、".join(CONVERSIONS) + "之一"))
	if conversion == "专项工作举措" and not clean_text(data.get("measure")):
		errors.append(_error("measure", "转化为专项工作举措时必填"))
	return errors


def is_converted(conversion: str | None, measure: str | None, suggestions: int) -> bool:
	"""A report is converted once a motion or suggestion was made of it, or its measure is written."""
	if conversion in SUGGESTION_KINDS:
		return suggestions > 0
	if conversion == "专项工作举措":
		return bool(clean_text(measure))
	return False


# --- motions and suggestions -------------------------------------------------------------------


def suggestion_errors(data: Mapping, *, today: dt.date) -> list[FieldError]:
	"""A deputy's motion or suggestion: number, title, the deputies who submitted it, handling unit,
	submission date; a reply (with its date) once it is 已办复 or later."""
	errors: list[FieldError] = []
	for field in ("number", "title", "handling_unit"):
		if not clean_text(data.get(field)):
			errors.append(_error(field, "必填"))
	if not list(data.get("deputies") or []):
		errors.append(_error("deputies", "至少一名代表"))
	for dup in _duplicates(list(data.get("deputies") or [])):
		errors.append(_error("deputies", f"“{dup}”重复"))
	submitted = read_date(data, "submitted_on", errors, _error, required=True)
	if submitted is not None and submitted > today:
		errors.append(_error("submitted_on", "不能晚于今天"))
	if data.get("workflow_state") in (REPLIED, SATISFIED, UNSATISFIED):
		if not clean_text(data.get("reply")):
			errors.append(_error("reply", "办复后必填"))
		replied = read_date(data, "replied_on", errors, _error, required=True)
		if replied is not None and submitted is not None and replied < submitted:
			errors.append(_error("replied_on", "不能早于提交日期"))
	return errors


def reply_due(submitted_on: dt.date, days: int = REPLY_DAYS) -> dt.date:
	return submitted_on + dt.timedelta(days=days)


def is_overdue(state: str | None, due: dt.date | None, today: dt.date) -> bool:
	"""Overdue for a reply: still 已提交 (first or second handling) after its due date."""
	return state in (SUBMITTED, None, "") and due is not None and due < today


# --- coverage ----------------------------------------------------------------------------------


def coverage(
	*,
	groups: Iterable[Mapping],
	pairings: Iterable[Mapping],
	activities: Iterable[Mapping],
	reports: Iterable[Mapping],
	suggestions: Iterable[Mapping],
	year: int,
	quarter: int,
	today: dt.date,
) -> dict[str, list[dict]]:
	"""The five gaps of the year: groups without a pairing, pairings without an activity in the
	quarter, topics without a report, reports not converted, suggestions overdue for a reply.

	groups: {name, branch}; pairings: {name, party_group, branch, year, topics: [..]};
	activities: {pairing, activity_date}; reports: {name, pairing, topic, title, conversion, measure,
	suggestions: int}; suggestions: {name, title, workflow_state, reply_due, party_group, branch}.
	Every list is of the given year except suggestions (all open ones count).
	"""
	pairings = [p for p in pairings if p["year"] == year]
	start, end = quarter_range(year, quarter)
	paired = {p["party_group"] for p in pairings}
	active = {a["pairing"] for a in activities if start <= a["activity_date"] <= end}
	reports = list(reports)
	reported = {(r["pairing"], r["topic"]) for r in reports}
	pairing_names = {p["name"] for p in pairings}
	out: dict[str, list[dict]] = {
		"groups_without_pairing": [
			{"party_group": g["name"], "branch": g.get("branch")} for g in groups if g["name"] not in paired
		],
		"pairings_without_activity": [
			{"pairing": p["name"], "party_group": p["party_group"], "branch": p.get("branch")}
			for p in pairings
			if p["name"] not in active
		],
		"topics_without_report": [
			{"pairing": p["name"], "party_group": p["party_group"], "branch": p.get("branch"), "topic": t}
			for p in pairings
			for t in p["topics"]
			if (p["name"], t) not in reported
		],
		"reports_not_converted": [
			{"report": r["name"], "pairing": r["pairing"], "title": r.get("title")}
			for r in reports
			if r["pairing"] in pairing_names
			and not is_converted(r.get("conversion"), r.get("measure"), r.get("suggestions", 0))
		],
		"suggestions_overdue": [
			{"suggestion": s["name"], "title": s.get("title"), "reply_due": s.get("reply_due")}
			for s in suggestions
			if is_overdue(s.get("workflow_state"), s.get("reply_due"), today)
		],
	}
	return out


COVERAGE_KINDS = {
	"groups_without_pairing": "本年度未结对的党小组",
	"pairings_without_activity": "本季度无联合活动的结对",
	"topics_without_report": "尚无调研报告的课题",
	"reports_not_converted": "尚未转化的调研报告",
	"suggestions_overdue": "逾期未办复的代表建议",
}


# --- the chain: topic → activities → report → suggestion → outcome -----------------------------


def chain_rows(
	*,
	pairings: Iterable[Mapping],
	activities: Iterable[Mapping],
	reports: Iterable[Mapping],
	suggestions: Iterable[Mapping],
) -> list[dict]:
	"""One row per topic of each pairing: activities and person-times, reports, converted reports,
	motions/suggestions and measures made of them, and the suggestions' outcomes.

	activities: {pairing, topic, person_times}; reports: {name, pairing, topic, conversion, measure};
	suggestions: {research_report, workflow_state}."""
	acts: dict = defaultdict(lambda: [0, 0])
	for a in activities:
		key = (a["pairing"], a["topic"])
		acts[key][0] += 1
		acts[key][1] += int(a.get("person_times") or 0)
	states_by_report: dict[str, Counter] = defaultdict(Counter)
	for s in suggestions:
		if s.get("research_report"):
			states_by_report[s["research_report"]][s.get("workflow_state") or SUBMITTED] += 1
	reps: dict = defaultdict(list)
	for r in reports:
		reps[(r["pairing"], r["topic"])].append(r)
	rows = []
	for p in sorted(pairings, key=lambda p: (p.get("branch") or "", p["party_group"], p["year"])):
		for topic in p["topics"]:
			key = (p["name"], topic)
			topic_reports = reps.get(key, [])
			states: Counter = Counter()
			for r in topic_reports:
				states.update(states_by_report.get(r["name"], Counter()))
			converted = sum(
				is_converted(r.get("conversion"), r.get("measure"), sum(states_by_report[r["name"]].values()))
				for r in topic_reports
			)
			rows.append(
				{
					"year": p["year"],
					"branch": p.get("branch"),
					"party_group": p["party_group"],
					"pairing": p["name"],
					"topic": topic,
					"activities": acts[key][0],
					"person_times": acts[key][1],
					"reports": len(topic_reports),
					"converted": converted,
					"suggestions": sum(states.values()),
					"measures": sum(
						1
						for r in topic_reports
						if r.get("conversion") == "专项工作举措" and clean_text(r.get("measure"))
					),
					"replied": states[REPLIED] + states[SATISFIED] + states[UNSATISFIED],
					"satisfied": states[SATISFIED],
					"unsatisfied": states[UNSATISFIED],
				}
			)
	return rows


def totals(rows: Iterable[Mapping], keys: Sequence[str]) -> dict[str, int]:
	out = dict.fromkeys(keys, 0)
	for row in rows:
		for k in keys:
			out[k] += int(row.get(k) or 0)
	return out


CHAIN_COUNTS = (
	"topics",
	"activities",
	"person_times",
	"reports",
	"converted",
	"suggestions",
	"measures",
	"replied",
	"satisfied",
	"unsatisfied",
)


def roll_up(rows: Iterable[Mapping], by: Sequence[str]) -> list[dict]:
	"""Chain rows summed per branch, or per branch and group (`by`), in the order first met."""
	out: dict[tuple, dict] = {}
	for row in rows:
		key = tuple(row.get(k) for k in by)
		agg = out.setdefault(key, {**{k: row.get(k) for k in by}, **dict.fromkeys(CHAIN_COUNTS, 0)})
		agg["topics"] += 1
		for k in CHAIN_COUNTS[1:]:
			agg[k] += int(row.get(k) or 0)
	return list(out.values())


_REPORT_ENDINGS = ("的调研报告", "调研报告", "的调查报告", "调查报告", "的报告", "报告")


def suggestion_title(report_title: str | None, kind: str) -> str:
	"""The title of a motion or suggestion made from a research report: what the report is about,
	named as the deputies submit it. 关于农村道路养护情况的调研报告 → 关于农村道路养护情况的建议."""
	subject = clean_text(report_title)
	for ending in _REPORT_ENDINGS:
		if subject.endswith(ending):
			subject = subject[: -len(ending)]
			break
	subject = subject.removeprefix("关于").removesuffix("的")
	if not subject:
		return ""
	return f"关于{subject}的{'议案' if kind == '代表议案' else '建议'}"
