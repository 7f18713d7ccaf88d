"""The annual party-building task checklist (党建任务清单): items with an owner, a deadline,
evidence and a status; which are overdue; and who is reminded of what each day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sanyou_app.core.fields import FieldError, clean_text, parse_date, read_date

CATEGORIES = ("优基础", "优教育", "优服务", "两争")
NOT_STARTED = "未开始"
IN_PROGRESS = "进行中"
DONE = "已完成"
STATUSES = (NOT_STARTED, IN_PROGRESS, DONE)

LABELS = {
	"task": "任务",
	"category": "类别",
	"responsible": "责任人",
	"deadline": "完成时限",
	"status": "状态",
	"evidence": "佐证材料",
	"completed_on": "完成日期",
	"year": "年度",
}


def _error(name: str, reason: str) -> FieldError:
	return FieldError(name, reason, LABELS.get(name, name))


def task_errors(data: Mapping, *, year: int | None, today: dt.date) -> tuple[dict, list[FieldError]]:
	"""A checklist item: what, whose, by when; 已完成 only with evidence attached."""
	errors: list[FieldError] = []
	clean: dict = {"task": clean_text(data.get("task"))}
	if not clean["task"]:
		errors.append(_error("task", "必填"))
	elif len(clean["task"]) > 140:
		errors.append(_error("task", "不能超过140个字"))
	if data.get("category") and data["category"] not in CATEGORIES:
		errors.append(_error("category", f"应为{'、'.join(CATEGORIES)}之一"))
	if not data.get("responsible"):
		errors.append(_error("responsible", "必填"))
	deadline = read_date(data, "deadline", errors, _error, required=True)
	if deadline and year and deadline.year != year:
		errors.append(_error("deadline", f"应在清单年度{year}年内"))
	status = data.get("status") or NOT_STARTED
	if status not in STATUSES:
		errors.append(_error("status", f"应为{'、'.join(STATUSES)}之一"))
	clean["status"] = status
	try:
		completed = parse_date(data.get("completed_on"))
	except ValueError as e:
		errors.append(_error("completed_on", str(e)))
		completed = None
	if status == DONE:
		if not data.get("evidence"):
			errors.append(_error("evidence", "标记为已完成前须上传佐证材料"))
		completed = completed or today
		if completed > today:
			errors.append(_error("completed_on", "不能晚于今天"))
	else:
		completed = None
	clean["completed_on"] = completed
	return clean, errors


def is_overdue(task: Mapping, today: dt.date) -> bool:
	deadline = parse_date(task.get("deadline"))
	return bool(deadline) and deadline < today and task.get("status") != DONE


def days_overdue(task: Mapping, today: dt.date) -> int:
	return (today - parse_date(task["deadline"])).days if is_overdue(task, today) else 0


@dataclass(frozen=True)
class Reminder:
	recipient: str  # a user
	tasks: tuple[str, ...]  # task names, most overdue first

	def subject(self) -> str:
		return f"您有{len(self.tasks)}项党建任务已逾期"


def reminders(
	tasks: Iterable[Mapping],
	*,
	recipients: Mapping[str, str | None],
	fallback: Mapping[str, str | None],
	today: dt.date,
) -> list[Reminder]:
	"""Today's reminders: each overdue task goes to its owner's user; a task whose owner has no
	login goes to the branch's secretary (`fallback`: {branch: user}). A task already reminded
	today is skipped, so running twice a day sends nothing new.

	`tasks`: name, responsible, party_branch, deadline, status, last_reminded_on.
	`recipients`: {member: user or None}.
	"""
	per_user: dict[str, list[tuple[int, str]]] = {}
	for t in tasks:
		if not is_overdue(t, today) or parse_date(t.get("last_reminded_on")) == today:
			continue
		user = recipients.get(t.get("responsible")) or fallback.get(t.get("party_branch"))
		if not user:
			continue
		per_user.setdefault(user, []).append((days_overdue(t, today), t["name"]))
	return [
		Reminder(user, tuple(name for _d, name in sorted(items, key=lambda x: (-x[0], x[1]))))
		for user, items in sorted(per_user.items())
	]
