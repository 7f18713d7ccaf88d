"""Branch life (三会一课, 组织生活会, 主题党日): what a meeting record needs, its attendance, and
whether each branch held the required meetings in each quarter.

Required frequencies follow the 中国共产党支部工作条例（试行）(2018): a branch general meeting
once a quarter, a branch committee meeting and a party group meeting once a month, a party
lecture at least once a quarter, a theme party day once a month, an organisational life meeting
once a year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sanyou_app.core.fields import FieldError, clean_text, parse_date, read_date
from sanyou_app.core.party import branch_sort_key
from sanyou_app.core.periods import quarter_end, quarter_of

GENERAL_MEETING = "支部党员大会"
COMMITTEE_MEETING = "支部委员会"
GROUP_MEETING = "党小组会"
PARTY_LECTURE = "党课"
LIFE_MEETING = "组织生活会"
THEMATIC_LIFE_MEETING = "专题组织生活会"
THEME_DAY = "主题党日"
MEETING_TYPES = (
	GENERAL_MEETING,
	COMMITTEE_MEETING,
	GROUP_MEETING,
	PARTY_LECTURE,
	LIFE_MEETING,
	THEMATIC_LIFE_MEETING,
	THEME_DAY,
)
THREE_MEETINGS_ONE_LECTURE = (GENERAL_MEETING, COMMITTEE_MEETING, GROUP_MEETING, PARTY_LECTURE)

PRESENT = "出席"
ON_LEAVE = "请假"
ABSENT = "缺席"
ATTENDANCE = (PRESENT, ON_LEAVE, ABSENT)

# Minimum held per quarter; a group meeting counts per party group of the branch.
PER_QUARTER = {GENERAL_MEETING: 1, COMMITTEE_MEETING: 3, GROUP_MEETING: 3, PARTY_LECTURE: 1, THEME_DAY: 3}
# Minimum held per year (checked in the fourth quarter's line).
PER_YEAR = {LIFE_MEETING: 1}

MET = "已达标"
NOT_MET = "未达标"
IN_PROGRESS = "进行中"
NOT_STARTED = "未开始"

LABELS = {
	"meeting_type": "会议类型",
	"party_branch": "党支部",
	"party_group": "党小组",
	"meeting_date": "会议日期",
	"topic": "会议主题",
	"host": "主持人",
	"recorder": "记录人",
	"attendance": "参会情况",
	"member": "党员",
	"reason": "缺席原因",
}


def _error(name: str, reason: str, label: str | None = None) -> FieldError:
	return FieldError(name, reason, label or LABELS.get(name, name))


def meeting_errors(
	data: Mapping,
	rows: Sequence[Mapping],
	*,
	eligible: Iterable[str],
	branch_groups: Iterable[str],
	today: dt.date,
	names: Mapping[str, str] | None = None,
	branch_people: Iterable[str] | None = None,
) -> list[FieldError]:
	"""A meeting record: its type, date, topic, group (for a group meeting), host and recorder
	(members of the branch, `branch_people`), and attendance drawn from `eligible` (the branch's or
	the group's members) with a reason for everyone not present."""
	names = names or {}
	errors: list[FieldError] = []
	people = set(branch_people) if branch_people is not None else None
	for role in ("host", "recorder"):
		who = data.get(role)
		if who and people is not None and who not in people:
			errors.append(_error(role, f"{names.get(who, who)}不是本支部党员"))
	kind = data.get("meeting_type")
	if kind not in MEETING_TYPES:
		errors.append(_error("meeting_type", f"应为{'、'.join(MEETING_TYPES)}之一"))
	if not data.get("party_branch"):
		errors.append(_error("party_branch", "必填"))
	group = data.get("party_group")
	if kind == GROUP_MEETING and not group:
		errors.append(_error("party_group", "党小组会须填写党小组"))
	if group and group not in set(branch_groups):
		errors.append(_error("party_group", "该党小组不属于本党支部"))
	day = read_date(data, "meeting_date", errors, _error, required=True)
	if day and day > today:
		errors.append(_error("meeting_date", "不能晚于今天（会议召开后再记录）"))
	if not clean_text(data.get("topic")):
		errors.append(_error("topic", "必填"))
	who_may = set(eligible)
	where_eligible = "本党小组" if kind == GROUP_MEETING else "本支部"
	seen: dict[str, int] = {}
	for i, row in enumerate(rows, start=1):
		where = f"参会情况第{i}行"
		member = row.get("member")
		if not member:
			errors.append(_error("member", "必填", f"{where}党员"))
			continue
		who = names.get(member, member)
		if member in seen:
			errors.append(_error("member", f"{who}与第{seen[member]}行重复", f"{where}党员"))
		else:
			seen[member] = i
		if member not in who_may:
			errors.append(_error("member", f"{who}不是{where_eligible}党员", f"{where}党员"))
		status = row.get("attendance") or PRESENT
		if status not in ATTENDANCE:
			errors.append(_error("attendance", f"应为{'、'.join(ATTENDANCE)}之一", f"{where}出席情况"))
		elif status != PRESENT and not clean_text(row.get("reason")):
			errors.append(_error("reason", f"{who}{status}，须写明原因", f"{where}缺席原因"))
	return errors


def percent(part: int, whole: int) -> Decimal | None:
	"""part / whole as a percentage to one decimal (67/68 → 98.5); None when whole is 0."""
	if not whole:
		return None
	return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def attendance_counts(rows: Iterable[Mapping]) -> tuple[int, int]:
	"""(expected, present): everyone listed is expected; 出席 rows are present."""
	rows = list(rows)
	return len(rows), sum(1 for r in rows if (r.get("attendance") or PRESENT) == PRESENT)


@dataclass(frozen=True)
class QuarterLine:
	branch: str
	quarter: int
	held: dict[str, int]
	required: dict[str, int]
	expected: int
	present: int
	status: str
	shortfalls: tuple[str, ...]

	@property
	def rate(self) -> Decimal | None:
		return percent(self.present, self.expected)


def required_for(quarter: int, groups: int) -> dict[str, int]:
	required = {t: n * (groups if t == GROUP_MEETING else 1) for t, n in PER_QUARTER.items()}
	if quarter == 4:
		required.update(PER_YEAR)
	return required


def quarterly_lines(
	branches: Mapping[str, int],
	meetings: Iterable[Mapping],
	*,
	year: int,
	today: dt.date,
	quarters: Sequence[int] = (1, 2, 3, 4),
) -> list[QuarterLine]:
	"""One line per branch and quarter: meetings held by type against the required number,
	person-times expected and present, and whether the quarter met the requirement.

	`branches`: {branch: number of its party groups}. `meetings`: rows with party_branch,
	meeting_type, meeting_date, expected_count, present_count. A quarter not yet over is
	"进行中" (its shortfalls are listed but not yet failures); one not yet begun "未开始".
	"""
	held: dict[tuple[str, int], dict[str, int]] = {}
	yearly: dict[str, dict[str, int]] = {}
	people: dict[tuple[str, int], list[int]] = {}
	for m in meetings:
		day = parse_date(m.get("meeting_date"))
		if not day or day.year != year or m.get("party_branch") not in branches:
			continue
		key = (m["party_branch"], quarter_of(day))
		kind = m.get("meeting_type")
		held.setdefault(key, {})
		held[key][kind] = held[key].get(kind, 0) + 1
		yearly.setdefault(m["party_branch"], {})
		yearly[m["party_branch"]][kind] = yearly[m["party_branch"]].get(kind, 0) + 1
		counts = people.setdefault(key, [0, 0])
		counts[0] += int(m.get("expected_count") or 0)
		counts[1] += int(m.get("present_count") or 0)
	lines = []
	for branch in sorted(branches, key=branch_sort_key):
		for q in quarters:
			required = required_for(q, branches[branch])
			counts = dict(held.get((branch, q), {}))
			shortfalls = []
			for kind, n in required.items():
				if kind in PER_YEAR:  # a yearly requirement, judged on the whole year in Q4
					done = yearly.get(branch, {}).get(kind, 0)
					if done < n:
						shortfalls.append(f"{kind}全年{done}/{n}")
				elif counts.get(kind, 0) < n:
					shortfalls.append(f"{kind}{counts.get(kind, 0)}/{n}")
			shortfalls = tuple(shortfalls)
			start = dt.date(year, q * 3 - 2, 1)
			if today < start:
				status = NOT_STARTED
			elif today <= quarter_end(year, q):
				status = IN_PROGRESS
			else:
				status = NOT_MET if shortfalls else MET
			expected, present = people.get((branch, q), (0, 0))
			lines.append(QuarterLine(branch, q, counts, required, expected, present, status, shortfalls))
	return lines
