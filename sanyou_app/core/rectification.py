"""The rectification list (整改清单): problems found by a satisfaction survey, an inspection or the
yearly assessment, each with an owner, a plan (路线图), a deadline (时间表), a status and evidence
of closure. Which items are overdue, whether one may be closed, what the list adds up to, and who
is reminded of what each day. Plain Python.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sanyou_app.core.fields import FieldError, clean_text, parse_date, read_date

# Where a problem was found.
SURVEY = "满意度测评"
INSPECTION = "视察督查"
ASSESSMENT = "两争考核"
OTHER = "其他"
SOURCE_KINDS = (SURVEY, INSPECTION, ASSESSMENT, OTHER)

# The workflow's states, in order.
TO_DO = "待整改"
IN_PROGRESS = "整改中"
TO_ACCEPT = "待验收"
CLOSED = "已销号"
STATUSES = (TO_DO, IN_PROGRESS, TO_ACCEPT, CLOSED)
OPEN_STATUSES = (TO_DO, IN_PROGRESS, TO_ACCEPT)

MAX_PROBLEM = 1000

LABELS = {
	"source_kind": "问题来源",
	"source_doctype": "来源单据类型",
	"source_name": "来源单据",
	"problem": "问题",
	"owner": "责任单位或责任人",
	"owner_doctype": "责任单位类型",
	"owner_name": "责任单位",
	"owner_user": "责任人",
	"plan": "整改路线图",
	"deadline": "整改时限",
	"status": "状态",
	"evidence": "销号佐证材料",
	"progress_note": "进展情况",
}


def _error(name: str, reason: str) -> FieldError:
	return FieldError(name, reason, LABELS.get(name, name))


def problem_key(source_doctype: str | None, source_name: str | None, problem: str | None) -> str:
	"""One key per source document and problem: the same problem of the same source is listed
	once. Blanks and case in the problem's text do not make it another problem."""
	text = "".join(clean_text(problem).split()).casefold()
	raw = "\x1f".join((source_doctype or "", source_name or "", text))
	return hashlib.sha1(raw.encode("utf-8")).hexdigest()


def item_errors(data: Mapping, *, today: dt.date | None = None) -> tuple[dict, list[FieldError]]:
	"""A rectification item as entered: the problem, whose it is, by when.

	Returns the cleaned values (problem, plan, deadline, source_kind) and the refused fields. With
	`today`, a deadline already past is refused (for new items)."""
	errors: list[FieldError] = []
	clean: dict = {"problem": clean_text(data.get("problem")), "plan": clean_text(data.get("plan"))}
	if not clean["problem"]:
		errors.append(_error("problem", "必填"))
	elif len(clean["problem"]) > MAX_PROBLEM:
		errors.append(_error("problem", f"不能超过{MAX_PROBLEM}个字"))
	kind = data.get("source_kind") or OTHER
	if kind not in SOURCE_KINDS:
		errors.append(_error("source_kind", f"应为{'、'.join(SOURCE_KINDS)}之一"))
	clean["source_kind"] = kind
	if bool(data.get("source_doctype")) != bool(data.get("source_name")):
		errors.append(_error("source_name", "来源单据类型与来源单据须同时填写"))
	if bool(data.get("owner_doctype")) != bool(data.get("owner_name")):
		errors.append(_error("owner_name", "责任单位类型与责任单位须同时填写"))
	if not data.get("owner_name") and not data.get("owner_user"):
		errors.append(_error("owner", "须填写责任单位或责任人"))
	deadline = read_date(data, "deadline", errors, _error, required=True)
	if deadline and today and deadline < today:
		errors.append(_error("deadline", "不能早于今天"))
	clean["deadline"] = deadline
	status = data.get("status") or TO_DO
	if status not in STATUSES:
		errors.append(_error("status", f"应为{'、'.join(STATUSES)}之一"))
	return clean, errors


# Who writes what at each step. The person answering for an item writes its plan (路线图), progress
# and evidence from the moment it is theirs (待整改) until they hand it in (提交验收); the problem,
# the owner and the deadline are the supervisor's (a field level of their own).
OWNER_FIELDS = ("plan", "progress_note", "evidence")
OWNER_WRITES_IN = (TO_DO, IN_PROGRESS)


def owner_may_write(status: str | None) -> bool:
	"""Whether the owner may write the plan, progress and evidence in this state."""
	return (status or TO_DO) in OWNER_WRITES_IN


def owner_change_errors(status: str | None, changed: Iterable[str]) -> list[FieldError]:
	"""The owner's changes refused in this state: plan, progress and evidence only while the item
	waits or is under way; once handed in or closed, only the supervisor changes it."""
	if owner_may_write(status):
		return []
	reason = "已提交验收，不能再修改" if status == TO_ACCEPT else "已销号，不能再修改"
	return [_error(f, reason) for f in OWNER_FIELDS if f in set(changed)]


def closing_errors(item: Mapping) -> list[FieldError]:
	"""Why an item may not be closed (已销号) yet: it needs evidence of closure and a plan."""
	errors = []
	if not clean_text(item.get("plan")):
		errors.append(_error("plan", "销号前须填写整改路线图"))
	if not [e for e in item.get("evidence") or () if (e.get("file") if isinstance(e, Mapping) else e)]:
		errors.append(_error("evidence", "销号前须上传整改完成的佐证材料"))
	return errors


def may_close(item: Mapping) -> bool:
	return not closing_errors(item)


def is_overdue(item: Mapping, today: dt.date) -> bool:
	"""Past its deadline and not closed."""
	deadline = parse_date(item.get("deadline"))
	return bool(deadline) and deadline < today and item.get("status") != CLOSED


def days_overdue(item: Mapping, today: dt.date) -> int:
	return (today - parse_date(item["deadline"])).days if is_overdue(item, today) else 0


@dataclass(frozen=True)
class SummaryRow:
	owner: str
	source_kind: str
	total: int
	open: int
	overdue: int
	closed: int


def summary(items: Iterable[Mapping], today: dt.date) -> list[SummaryRow]:
	"""Counts per owner (unit, or user when no unit) and source: open, of which overdue, closed.
	Sorted by most overdue, then most open, then owner and source."""
	counts: dict[tuple[str, str], list[int]] = {}
	for item in items:
		owner = item.get("owner_name") or item.get("owner_user") or ""
		key = (owner, item.get("source_kind") or OTHER)
		row = counts.setdefault(key, [0, 0, 0, 0])
		row[0] += 1
		if item.get("status") == CLOSED:
			row[3] += 1
		else:
			row[1] += 1
			row[2] += is_overdue(item, today)
	rows = [SummaryRow(o, k, *c) for (o, k), c in counts.items()]
	return sorted(rows, key=lambda r: (-r.overdue, -r.open, r.owner, SOURCE_KINDS.index(r.source_kind)))


@dataclass(frozen=True)
class Reminder:
	recipient: str  # a user
	items: tuple[str, ...]  # item names, most overdue first

	def subject(self) -> str:
		return f"您有{len(self.items)}项整改事项已逾期"


def reminders(items: Iterable[Mapping], today: dt.date) -> list[Reminder]:
	"""Today's reminders: one per owner (user) listing their overdue items. An item already
	reminded today is skipped, so running twice a day sends nothing new.

	`items`: name, owner_user, deadline, status, last_reminded_on."""
	per_user: dict[str, list[tuple[int, str]]] = {}
	for item in items:
		user = item.get("owner_user")
		if not user or not is_overdue(item, today) or parse_date(item.get("last_reminded_on")) == today:
			continue
		per_user.setdefault(user, []).append((days_overdue(item, today), item["name"]))
	return [
		Reminder(user, tuple(name for _d, name in sorted(found, key=lambda x: (-x[0], x[1]))))
		for user, found in sorted(per_user.items())
	]
