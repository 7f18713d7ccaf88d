"""Rules for livelihood-project proposals (项目征集) and the screening pipeline (评议 → 审议).

Plain data in, plain data out: the controllers, the web form, the Excel import and the demo all
call these functions, so a proposal is judged the same way whichever road it comes by.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sanyou_app.core.fields import FieldError, clean_text, is_valid_phone, normalize_phone, parse_amount

# Channels through which proposals are collected (征集渠道), as the users name them.
CHANNELS = ("网络征集", "通知征集", "代表座谈会", "入户走访", "村广播", "悬挂条幅", "微信群")
WEB_CHANNEL = "网络征集"

# Workflow states of a proposal, in pipeline order. The workflow itself is data an administrator
# may edit; these names are the states the app ships and counts in its funnel.
STATE_SUBMITTED = "待评议"
STATE_KEPT = "已评议保留"
STATE_MERGED = "已合并"
STATE_REJECTED = "不予采纳"
STATE_PRELIMINARY = "初选项目"
STATE_REVIEWED = "主席团已审议"
STATE_CANDIDATE = "候选项目"

PIPELINE = (STATE_SUBMITTED, STATE_KEPT, STATE_PRELIMINARY, STATE_REVIEWED, STATE_CANDIDATE)
CLOSED_STATES = (STATE_MERGED, STATE_REJECTED)

# Field labels as users read them; used in every message that names a field.
LABELS = {
	"cycle": "项目年度",
	"title": "项目名称",
	"proposer_name": "建议人姓名",
	"village": "所在村(社区)",
	"contact_phone": "联系电话",
	"description": "项目描述",
	"reason": "建议理由",
	"estimated_cost": "估算投资(万元)",
	"channel": "征集渠道",
	"merged_into": "合并至项目",
	"rejection_reason": "不予采纳理由",
	"content": "主要内容",
	"investment": "投资金额(万元)",
	"implementing_body": "实施主体",
	"deadline": "完成时限",
}

# Longest text accepted per field (characters, after HTML is stripped).
MAX_LENGTH = {
	"title": 60,
	"proposer_name": 30,
	"village": 40,
	"contact_phone": 20,
	"description": 2000,
	"reason": 1000,
	"content": 2000,
	"implementing_body": 60,
	"rejection_reason": 500,
}

PUBLIC_REQUIRED = ("title", "proposer_name", "village", "contact_phone", "description", "reason")

# What a proposal must carry before it may enter a state.
REQUIRED_FOR_STATE = {
	STATE_MERGED: ("merged_into",),
	STATE_REJECTED: ("rejection_reason",),
	STATE_PRELIMINARY: ("content", "investment", "implementing_body", "deadline"),
	STATE_REVIEWED: ("content", "investment", "implementing_body", "deadline"),
	STATE_CANDIDATE: ("content", "investment", "implementing_body", "deadline"),
}


def _error(field: str, reason: str) -> FieldError:
	return FieldError(field, reason, LABELS.get(field, field))


def _check_length(data: Mapping, errors: list[FieldError]) -> None:
	for field, limit in MAX_LENGTH.items():
		value = data.get(field)
		if value and len(value) > limit:
			errors.append(_error(field, f"不能超过{limit}个字（现为{len(value)}个字）"))


def clean_proposal(data: Mapping, *, channels: Iterable[str] = CHANNELS) -> tuple[dict, list[FieldError]]:
	"""Validate a proposal as it arrives (web form, desk or Excel row).

	Returns the cleaned values and the list of errors; the values are to be saved only when the
	list is empty.
	"""
	channels = tuple(channels)  # read twice below: a generator would be empty the second time
	clean: dict = {}
	errors: list[FieldError] = []
	for field in ("title", "proposer_name", "village", "description", "reason"):
		clean[field] = clean_text(data.get(field))
	clean["contact_phone"] = normalize_phone(data.get("contact_phone"))
	for field in PUBLIC_REQUIRED:
		if not clean[field]:
			errors.append(_error(field, "必填"))
	if clean["contact_phone"] and not is_valid_phone(clean["contact_phone"]):
		errors.append(_error("contact_phone", "格式不正确，应为11位手机号或带区号的固定电话"))
	_check_length(clean, errors)
	try:
		clean["estimated_cost"] = parse_amount(data.get("estimated_cost"))
	except ValueError as e:
		errors.append(_error("estimated_cost", str(e)))
	channel = clean_text(data.get("channel")) or WEB_CHANNEL
	if channel not in channels:
		errors.append(_error("channel", f"“{channel}”不是可选的征集渠道（可选：{'、'.join(channels)}）"))
	clean["channel"] = channel
	return clean, errors


def missing_for_state(state: str, doc: Mapping) -> list[FieldError]:
	"""Fields a proposal lacks to enter `state` (e.g. a preliminary project needs its investment).

	An investment of 0 counts as missing: a project to be voted on has a cost, and a number field of
	a form holds 0 until someone fills it in.
	"""
	return [
		_error(field, f"进入“{state}”前必须填写")
		for field in REQUIRED_FOR_STATE.get(state, ())
		if _blank(doc.get(field))
	]


def _blank(value) -> bool:
	if value is None or (isinstance(value, str) and not value.strip()):
		return True
	try:
		return Decimal(str(value)) == 0
	except InvalidOperation:
		return False


def check_merge(name: str, merged_into: str | None, target_state: str | None) -> list[FieldError]:
	"""A proposal is merged into another live proposal, never into itself or a closed one."""
	if not merged_into:
		return []
	if merged_into == name:
		return [_error("merged_into", "不能合并到本项目自身")]
	if target_state in CLOSED_STATES:
		return [_error("merged_into", f"目标项目已是“{target_state}”，不能再合并到该项目")]
	return []


OFFICE = "Town Congress Office"
PRESIDIUM = "Presidium Member"
PARTY_COMMITTEE = "Party Committee Approver"

# Who deliberates in a state, and the opinion field they write before deciding there.
DELIBERATION = {
	STATE_PRELIMINARY: (PRESIDIUM, "presidium_opinion"),
	STATE_REVIEWED: (PARTY_COMMITTEE, "party_committee_opinion"),
}
OPINION_FIELDS = tuple(field for _role, field in DELIBERATION.values())
# States in which the office still shapes the proposal (screening, and the preliminary project
# until the presidium has deliberated). Once deliberated on, what was decided stays as decided.
OFFICE_STATES = (STATE_SUBMITTED, STATE_KEPT, STATE_MERGED, STATE_REJECTED, STATE_PRELIMINARY)
OPINION_LABELS = {"presidium_opinion": "主席团意见", "party_committee_opinion": "党委意见"}


def writable_fields(state: str | None, user_roles: Iterable[str], fields: Iterable[str]) -> set[str]:
	"""The fields a user may change on a proposal in `state`.

	The office edits the proposal itself (never an opinion) while screening it and while it waits
	for the presidium; the deliberating body writes only its own opinion, and only in the state
	where it decides. A new proposal (no state yet) is the office's, or a member of the public's.
	"""
	roles = set(user_roles)
	fields = set(fields)
	if "System Manager" in roles:
		return fields
	allowed: set[str] = set()
	if OFFICE in roles and (state is None or state in OFFICE_STATES):
		allowed |= fields - set(OPINION_FIELDS)
	role, opinion = DELIBERATION.get(state, (None, None))
	if role in roles and opinion in fields:
		allowed.add(opinion)
	return allowed


def opinion_missing(old_state: str | None, new_state: str | None, doc: Mapping) -> list[FieldError]:
	"""A deliberating body decides (approves or sends back) only with its opinion written."""
	if not old_state or old_state == new_state or old_state not in DELIBERATION:
		return []
	_role, field = DELIBERATION[old_state]
	if _blank(doc.get(field)):
		return [FieldError(field, "作出决定前须先填写并保存", OPINION_LABELS[field])]
	return []


def funnel(states: Iterable[str]) -> dict[str, int]:
	"""The cycle's funnel: proposals collected → preliminary projects → candidates.

	A proposal counts at every stage it has reached (a candidate is also a preliminary project).
	"""
	reached = {"proposals": 0, "preliminary": 0, "candidates": 0}
	rank = {state: i for i, state in enumerate(PIPELINE)}
	for state in states:
		reached["proposals"] += 1
		position = rank.get(state, -1)
		if position >= rank[STATE_PRELIMINARY]:
			reached["preliminary"] += 1
		if position >= rank[STATE_CANDIDATE]:
			reached["candidates"] += 1
	return reached


def total_investment(amounts: Iterable) -> Decimal:
	"""Sum of investments in 万元, exact to the fen-of-万元 (0.01)."""
	return sum((Decimal(str(a or 0)) for a in amounts), Decimal("0")).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class CycleWindow:
	name: str
	start: _dt.date | None
	end: _dt.date | None


def open_cycle(cycles: Iterable[CycleWindow], today: _dt.date) -> str | None:
	"""The cycle whose collection window includes `today`; the latest-starting one if several."""
	open_ = [c for c in cycles if c.start and c.end and c.start <= today <= c.end]
	if not open_:
		return None
	return max(open_, key=lambda c: (c.start, c.name)).name


def throttle_allows(recent_count: int, limit_per_hour: int) -> bool:
	"""Whether one more public submission from the same address is accepted this hour."""
	return limit_per_hour <= 0 or recent_count < limit_per_hour
