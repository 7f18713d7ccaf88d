"""Rules of the organ's party organisation (优基础): members, officers and their terms, branch
re-elections (支部换届), membership transfers (组织关系转接), and the scope each role works in.

Plain data in, plain data out. The controllers load documents, call these functions and save.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sanyou_app.core.ballot import APPRAISAL_GRADES
from sanyou_app.core.fields import FieldError, clean_text, is_valid_phone, normalize_phone, read_date
from sanyou_app.core.periods import add_years

GENDERS = ("男", "女")
FULL_MEMBER = "正式党员"
PROBATIONARY = "预备党员"
MEMBER_TYPES = (FULL_MEMBER, PROBATIONARY)
ON_ROLL = "在册"
TRANSFERRED_OUT = "已转出"
MEMBER_STATUSES = (ON_ROLL, TRANSFERRED_OUT)

# Posts of a branch committee (支部委员会) and of a party group.
SECRETARY = "支部书记"
DEPUTY_SECRETARY = "支部副书记"
ORGANISATION_MEMBER = "组织委员"
PUBLICITY_MEMBER = "宣传委员"
DISCIPLINE_MEMBER = "纪检委员"
GROUP_LEADER = "党小组长"
COMMITTEE_POSITIONS = (SECRETARY, DEPUTY_SECRETARY, ORGANISATION_MEMBER, PUBLICITY_MEMBER, DISCIPLINE_MEMBER)
POSITIONS = (*COMMITTEE_POSITIONS, GROUP_LEADER)
# Posts whose holder runs the branch in the system (the role Branch Secretary).
BRANCH_LEAD_POSITIONS = (SECRETARY, DEPUTY_SECRETARY)

# Directions of a membership transfer.
TRANSFER_IN = "转入"
TRANSFER_OUT = "转出"
TRANSFER_WITHIN = "机关内转接"
TRANSFER_DIRECTIONS = (TRANSFER_IN, TRANSFER_OUT, TRANSFER_WITHIN)

# The 中国共产党基层组织选举工作条例: an election is valid when the members with a vote present
# exceed four fifths of those who should attend.
ELECTION_QUORUM = (4, 5)
DEFAULT_TERM_YEARS = 3  # 党支部委员会每届任期一般为3年
PROBATION_MAX_YEARS = 2  # 预备期一年，延长不超过一年
MIN_JOINING_AGE = 18

LABELS = {
	"full_name": "姓名",
	"gender": "性别",
	"birth_date": "出生日期",
	"joined_on": "入党日期",
	"member_type": "党员类别",
	"full_member_on": "转正日期",
	"party_branch": "党支部",
	"party_group": "党小组",
	"phone": "联系电话",
	"community": "居住社区",
	"dues_base": "党费缴纳基数(月)",
	"dues_rate": "缴纳比例(%)",
	"dues_fixed": "每月固定党费",
	"member": "党员",
	"position": "职务",
	"start_date": "任职日期",
	"end_date": "离任日期",
	"election_date": "换届日期",
	"members_on_roll": "应到会党员",
	"members_present": "实到会党员",
	"officers": "换届人选",
	"term_years": "任期(年)",
	"direction": "转接类型",
	"to_branch": "转入支部",
	"other_organisation": "对方党组织",
	"year": "年度",
	"grade": "评议等次",
}


_DIGITS = {
	"〇": 0,
	"零": 0,
	"一": 1,
	"二": 2,
	"两": 2,
	"三": 3,
	"四": 4,
	"五": 5,
	"六": 6,
	"七": 7,
	"八": 8,
	"九": 9,
}
_ORDINAL = re.compile(r"第([〇零一二两三四五六七八九十百\d]+)")


def chinese_number(text: str) -> int | None:
	"""十二 → 12, 二十 → 20, 一百零三 → 103, 7 → 7; None when it is not a number."""
	if not text:
		return None
	if text.isdigit():
		return int(text)
	total, current = 0, 0
	for ch in text:
		if ch in _DIGITS:
			current = _DIGITS[ch]
		elif ch == "十":
			total += (current or 1) * 10
			current = 0
		elif ch == "百":
			total += (current or 1) * 100
			current = 0
		else:
			return None
	return total + current


def branch_order(name: str | None) -> int | None:
	"""The place a branch's name gives it: 机关第三党支部 → 3; None for a name without 第N."""
	found = _ORDINAL.search(name or "")
	return chinese_number(found.group(1)) if found else None


def branch_sort_key(name: str | None, order: int | None = None) -> tuple:
	"""Branches in the order people count them (第一、第二、第三…, then 第十、第十一), not by the
	characters of their names: an explicit order first, then the 第N of the name, then the name."""
	place = order if order else branch_order(name)
	return (place is None, place or 0, name or "")


def _error(field_name: str, reason: str, label: str | None = None) -> FieldError:
	return FieldError(field_name, reason, label or LABELS.get(field_name, field_name))


def _money(value, name: str, errors: list[FieldError], *, upper: Decimal | None = None) -> Decimal | None:
	if value is None or (isinstance(value, str) and not value.strip()):
		return None
	try:
		amount = Decimal(str(value).strip().replace(",", ""))
	except InvalidOperation:
		errors.append(_error(name, "应为数字"))
		return None
	if not amount.is_finite() or amount < 0:
		errors.append(_error(name, "应为不小于0的数字"))
		return None
	if upper is not None and amount > upper:
		errors.append(_error(name, f"不能超过{upper}"))
		return None
	return amount


# --- members -------------------------------------------------------------------------------------


def clean_member(data: Mapping, *, today: dt.date) -> tuple[dict, list[FieldError]]:
	"""Validate a party member's own fields (desk form, transfer in, demo)."""
	errors: list[FieldError] = []
	clean: dict = {
		"full_name": clean_text(data.get("full_name")),
		"gender": clean_text(data.get("gender")),
		"member_type": clean_text(data.get("member_type")) or FULL_MEMBER,
		"phone": normalize_phone(data.get("phone")),
		"community": clean_text(data.get("community")),
	}
	if not clean["full_name"]:
		errors.append(_error("full_name", "必填"))
	elif len(clean["full_name"]) > 30:
		errors.append(_error("full_name", "不能超过30个字"))
	if clean["gender"] not in GENDERS:
		errors.append(_error("gender", "应填“男”或“女”"))
	if clean["member_type"] not in MEMBER_TYPES:
		errors.append(_error("member_type", f"应为{'或'.join(MEMBER_TYPES)}"))
	if clean["phone"] and not is_valid_phone(clean["phone"]):
		errors.append(_error("phone", "格式不正确，应为11位手机号或带区号的固定电话"))
	birth = read_date(data, "birth_date", errors, _error)
	joined = read_date(data, "joined_on", errors, _error, required=True)
	full_on = read_date(data, "full_member_on", errors, _error)
	clean.update(birth_date=birth, joined_on=joined, full_member_on=full_on)
	if birth and birth > today:
		errors.append(_error("birth_date", "不能晚于今天"))
	if joined:
		if joined > today:
			errors.append(_error("joined_on", "不能晚于今天"))
		if birth and joined < add_years(birth, MIN_JOINING_AGE):
			errors.append(_error("joined_on", f"入党时应年满{MIN_JOINING_AGE}岁"))
		if full_on and full_on < add_years(joined, 1):
			errors.append(_error("full_member_on", "预备期为一年，转正日期不能早于入党日期满一年"))
		if clean["member_type"] == PROBATIONARY and add_years(joined, PROBATION_MAX_YEARS) < today:
			errors.append(
				_error("member_type", "预备期最长不超过两年：入党已满两年的预备党员请办理转正或核实入党日期")
			)
	if full_on and clean["member_type"] == PROBATIONARY and full_on <= today:
		errors.append(_error("member_type", "已填写转正日期，党员类别应为正式党员"))
	clean["dues_base"] = _money(data.get("dues_base"), "dues_base", errors)
	clean["dues_rate"] = _money(data.get("dues_rate"), "dues_rate", errors, upper=Decimal(100))
	clean["dues_fixed"] = _money(data.get("dues_fixed"), "dues_fixed", errors)
	return clean, errors


def branch_change_error(
	old_branch: str | None, new_branch: str | None, *, by_transfer: bool
) -> list[FieldError]:
	"""A member's branch changes only when a membership transfer completes."""
	if old_branch and new_branch != old_branch and not by_transfer:
		return [_error("party_branch", "党员所在支部只能通过组织关系转接变更")]
	return []


def appraisal_errors(rows: Sequence[Mapping]) -> list[FieldError]:
	"""Yearly democratic-appraisal grades on a member's record: one grade per year."""
	errors: list[FieldError] = []
	seen: dict[int, int] = {}
	for i, row in enumerate(rows, start=1):
		where = f"民主评议第{i}行"
		year = row.get("year")
		if not year:
			errors.append(_error("year", "必填", f"{where}年度"))
		elif year in seen:
			errors.append(_error("year", f"{year}年已在第{seen[year]}行评定", f"{where}年度"))
		else:
			seen[year] = i
		if row.get("grade") not in APPRAISAL_GRADES:
			errors.append(_error("grade", f"应为{'、'.join(APPRAISAL_GRADES)}之一", f"{where}评议等次"))
	return errors


def appraisal_grade_errors(
	grades: Mapping[str, str], *, on_roll: Iterable[str], names: Mapping[str, str] | None = None
) -> list[FieldError]:
	"""A year's democratic-appraisal result {member: grade}, as the ballot engine hands it over."""
	names = names or {}
	roll = set(on_roll)
	errors: list[FieldError] = []
	for member, grade in grades.items():
		who = names.get(member, member)
		if member not in roll:
			errors.append(_error("member", f"{who}不是在册党员"))
		if grade not in APPRAISAL_GRADES:
			errors.append(_error("grade", f"{who}的等次“{grade}”应为{'、'.join(APPRAISAL_GRADES)}之一"))
	return errors


# --- officers and their terms -------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
	"""A dated post: who held it, where, from when until when (None: still held)."""

	member: str
	position: str
	branch: str
	group: str | None = None
	start: dt.date | None = None
	end: dt.date | None = None
	name: str | None = None

	def held_on(self, day: dt.date) -> bool:
		return bool(self.start) and self.start <= day and (self.end is None or self.end >= day)

	@property
	def seat(self) -> tuple:
		"""The seat the post occupies: one holder at a time per seat."""
		if self.position == GROUP_LEADER:
			return (GROUP_LEADER, self.group)
		return (self.position, self.branch)


def _overlap(a: Term, b: Term) -> bool:
	far = dt.date.max
	return a.start <= (b.end or far) and b.start <= (a.end or far)


def term_errors(term: Term, others: Iterable[Term], *, group_branch: str | None = None) -> list[FieldError]:
	"""Check one term against the other terms (same seat must not overlap in time)."""
	errors: list[FieldError] = []
	if term.position not in POSITIONS:
		errors.append(_error("position", f"应为{'、'.join(POSITIONS)}之一"))
	if not term.start:
		errors.append(_error("start_date", "必填"))
	if term.start and term.end and term.end < term.start:
		errors.append(_error("end_date", "不能早于任职日期"))
	if term.position == GROUP_LEADER:
		if not term.group:
			errors.append(_error("party_group", "党小组长须填写所在党小组"))
		elif group_branch and group_branch != term.branch:
			errors.append(_error("party_group", "该党小组不属于本党支部"))
	if errors:
		return errors
	for other in others:
		if other.name == term.name or other.seat != term.seat or not other.start:
			continue
		if _overlap(term, other):
			where = f"“{term.group}”" if term.position == GROUP_LEADER else ""
			errors.append(
				_error(
					"start_date",
					f"{where}{term.position}任期与{other.start}起的另一任期重叠（每个职务同一时间只能一人担任）",
				)
			)
			break
	return errors


@dataclass(frozen=True)
class NewOfficer:
	member: str
	position: str
	group: str | None = None


@dataclass
class ReelectionPlan:
	close: list[Term] = field(default_factory=list)  # terms to end the day before the election
	open: list[Term] = field(default_factory=list)  # terms starting on the election day


def reelection_errors(
	officers: Sequence[NewOfficer],
	*,
	branch_members: Iterable[str],
	branch_groups: Iterable[str],
	members_on_roll: int | None,
	members_present: int | None,
	election_date: dt.date | None,
	today: dt.date,
	names: Mapping[str, str] | None = None,
) -> list[FieldError]:
	"""A re-election names exactly one secretary, fills each seat once, with members of the
	branch, and was held with more than four fifths of the members present."""
	names = names or {}
	members, groups = set(branch_members), set(branch_groups)
	errors: list[FieldError] = []
	if not election_date:
		errors.append(_error("election_date", "必填"))
	elif election_date > today:
		errors.append(_error("election_date", "不能晚于今天（换届后再录入结果）"))
	roll = members_on_roll or 0
	present = members_present or 0
	if roll <= 0:
		errors.append(_error("members_on_roll", "应大于0"))
	elif present > roll:
		errors.append(_error("members_present", "不能多于应到会党员"))
	elif present * ELECTION_QUORUM[1] <= roll * ELECTION_QUORUM[0]:
		errors.append(_error("members_present", f"到会{present}人，未超过应到会{roll}人的五分之四，选举无效"))
	if not officers:
		errors.append(_error("officers", "请填写新一届支部委员会和党小组长人选"))
		return errors
	seats: dict[tuple, int] = {}
	for i, officer in enumerate(officers, start=1):
		where = f"换届人选第{i}行"
		if not officer.member:
			errors.append(_error("member", "必填", f"{where}党员"))
		elif officer.member not in members:
			who = names.get(officer.member, officer.member)
			errors.append(_error("member", f"{who}不是本支部在册党员", f"{where}党员"))
		if officer.position not in POSITIONS:
			errors.append(_error("position", f"应为{'、'.join(POSITIONS)}之一", f"{where}职务"))
			continue
		if officer.position == GROUP_LEADER:
			if not officer.group:
				errors.append(_error("party_group", "党小组长须填写党小组", f"{where}党小组"))
				continue
			if officer.group not in groups:
				errors.append(_error("party_group", f"“{officer.group}”不是本支部的党小组", f"{where}党小组"))
				continue
			seat = (GROUP_LEADER, officer.group)
		else:
			seat = (officer.position, None)
		if seat in seats:
			errors.append(
				_error("position", f"与第{seats[seat]}行重复（每个职务只能一人担任）", f"{where}职务")
			)
		else:
			seats[seat] = i
	secretaries = sum(1 for o in officers if o.position == SECRETARY)
	if secretaries == 0:
		errors.append(_error("officers", "须选出支部书记"))
	return errors


def reelection_plan(
	current: Iterable[Term], officers: Sequence[NewOfficer], *, branch: str, election_date: dt.date
) -> ReelectionPlan:
	"""Which terms a re-election closes and which it opens.

	Every committee post of the branch held on the election day ends the day before; a group
	leader's term ends only where the re-election names a new leader for that group. Terms
	starting after the election day are left alone (the caller refuses them beforehand).
	"""
	renamed_groups = {o.group for o in officers if o.position == GROUP_LEADER}
	plan = ReelectionPlan()
	for term in current:
		if term.branch != branch or not term.held_on(election_date):
			continue
		if term.position in COMMITTEE_POSITIONS or (
			term.position == GROUP_LEADER and term.group in renamed_groups
		):
			plan.close.append(term)
	for officer in officers:
		plan.open.append(
			Term(
				member=officer.member,
				position=officer.position,
				branch=branch,
				group=officer.group if officer.position == GROUP_LEADER else None,
				start=election_date,
			)
		)
	return plan


def next_election_due(election_date: dt.date, term_years: int | None) -> dt.date:
	return add_years(election_date, term_years or DEFAULT_TERM_YEARS)


# --- membership transfers ------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberFacts:
	name: str
	branch: str | None
	group: str | None = None
	status: str = ON_ROLL
	full_name: str = ""


def transfer_errors(
	data: Mapping,
	*,
	member: MemberFacts | None,
	open_transfers: int,
	leaf_branches: Iterable[str],
	today: dt.date,
) -> list[FieldError]:
	"""What a transfer needs before it is submitted for approval (and again when it completes)."""
	errors: list[FieldError] = []
	direction = data.get("direction")
	branch = data.get("party_branch")
	leaves = set(leaf_branches)
	if direction not in TRANSFER_DIRECTIONS:
		return [_error("direction", f"应为{'、'.join(TRANSFER_DIRECTIONS)}之一")]
	if not branch:
		errors.append(_error("party_branch", "必填"))
	elif branch not in leaves:
		errors.append(_error("party_branch", "应为机关党委下属的党支部"))
	if direction in (TRANSFER_OUT, TRANSFER_WITHIN):
		if not member:
			errors.append(_error("member", "必填"))
		else:
			if member.status != ON_ROLL:
				errors.append(_error("member", f"{member.full_name or member.name}已不是在册党员"))
			elif branch and member.branch != branch:
				errors.append(_error("member", f"{member.full_name or member.name}不是本支部党员"))
			if open_transfers:
				errors.append(_error("member", "该党员已有一项未办结的组织关系转接"))
	if direction == TRANSFER_WITHIN:
		target = data.get("to_branch")
		if not target:
			errors.append(_error("to_branch", "机关内转接须填写转入支部"))
		elif target == branch:
			errors.append(_error("to_branch", "不能与转出支部相同"))
		elif target not in leaves:
			errors.append(_error("to_branch", "应为机关党委下属的党支部"))
	else:
		if not clean_text(data.get("other_organisation")):
			label = "转出党组织" if direction == TRANSFER_IN else "接收党组织"
			errors.append(_error("other_organisation", "必填", label))
	if direction == TRANSFER_IN:
		clean, member_errors = clean_member(data, today=today)
		errors.extend(
			e for e in member_errors if e.field in ("full_name", "gender", "joined_on", "member_type")
		)
	return errors


def transfer_effect(data: Mapping, member: MemberFacts | None) -> dict:
	"""The change a completed transfer makes to the member's record."""
	direction = data.get("direction")
	if direction == TRANSFER_OUT:
		return {"status": TRANSFERRED_OUT}
	if direction == TRANSFER_WITHIN:
		return {"party_branch": data.get("to_branch"), "party_group": None}
	if direction == TRANSFER_IN:
		values = {
			k: data.get(k)
			for k in ("full_name", "gender", "birth_date", "joined_on", "member_type", "office", "phone")
		}
		return {**values, "party_branch": data.get("party_branch"), "status": ON_ROLL}
	raise ValueError(direction)


# --- roles and scope ----------------------------------------------------------------------------

SYSTEM_MANAGER = "System Manager"
OFFICER_ROLE = "Organ Party Committee Officer"
SECRETARY_ROLE = "Branch Secretary"
GROUP_LEADER_ROLE = "Party Group Leader"
MEMBER_ROLE = "Party Member"
MANAGED_ROLES = (SECRETARY_ROLE, GROUP_LEADER_ROLE, MEMBER_ROLE)

BRANCH_DOCTYPE = "Party Branch"
GROUP_DOCTYPE = "Party Group"
MEMBER_DOCTYPE = "Party Member"
SCOPE_DOCTYPES = (BRANCH_DOCTYPE, GROUP_DOCTYPE, MEMBER_DOCTYPE)

ORGAN = "organ"  # all branches
BRANCH = "branch"  # own branch
GROUP = "group"  # own party group
SELF = "self"  # own records


def scope_level(roles: Iterable[str]) -> str | None:
	"""The widest scope a user's roles give; None when no party role applies."""
	roles = set(roles)
	if SYSTEM_MANAGER in roles or OFFICER_ROLE in roles:
		return ORGAN
	if SECRETARY_ROLE in roles:
		return BRANCH
	if GROUP_LEADER_ROLE in roles:
		return GROUP
	if MEMBER_ROLE in roles:
		return SELF
	return None


@dataclass(frozen=True)
class Access:
	roles: frozenset[str]
	permissions: frozenset[tuple[str, str]]  # (doctype, value) User Permissions


def desired_access(
	member: MemberFacts | None, terms: Iterable[Term], other_roles: Iterable[str], *, day: dt.date
) -> Access:
	"""The party roles and User Permissions a user should hold, from their member record and the
	posts they hold on `day`. `other_roles`: the roles given by hand (officer, system manager).

	User Permissions follow the widest role: an officer gets none (all branches); a secretary
	their branch; a group leader their branch and group; a member their branch and own record.
	"""
	if not member or member.status != ON_ROLL or not member.branch:
		return Access(frozenset(), frozenset())
	# Only posts in the member's own branch count: a member who moved on holds none there.
	held = [t for t in terms if t.member == member.name and t.held_on(day) and t.branch == member.branch]
	roles = {MEMBER_ROLE}
	lead_branches = {t.branch for t in held if t.position in BRANCH_LEAD_POSITIONS}
	led_groups = {t.group for t in held if t.position == GROUP_LEADER and t.group}
	if lead_branches:
		roles.add(SECRETARY_ROLE)
	if led_groups:
		roles.add(GROUP_LEADER_ROLE)
	level = scope_level(set(other_roles) | roles)
	permissions: set[tuple[str, str]] = set()
	if level == BRANCH:
		permissions = {(BRANCH_DOCTYPE, b) for b in lead_branches}
	elif level == GROUP:
		permissions = {(BRANCH_DOCTYPE, member.branch)} | {(GROUP_DOCTYPE, g) for g in led_groups}
	elif level == SELF:
		permissions = {(BRANCH_DOCTYPE, member.branch), (MEMBER_DOCTYPE, member.name)}
	return Access(frozenset(roles), frozenset(permissions))


@dataclass(frozen=True)
class AccessChanges:
	add_roles: tuple[str, ...]
	remove_roles: tuple[str, ...]
	add_permissions: tuple[tuple[str, str], ...]
	remove_permissions: tuple[tuple[str, str], ...]

	@property
	def empty(self) -> bool:
		return not (self.add_roles or self.remove_roles or self.add_permissions or self.remove_permissions)


def access_changes(
	current_roles: Iterable[str], current_permissions: Iterable[tuple[str, str]], desired: Access
) -> AccessChanges:
	"""What to add and remove; only the party roles and the scope doctypes are managed here."""
	roles = {r for r in current_roles if r in MANAGED_ROLES}
	permissions = {p for p in current_permissions if p[0] in SCOPE_DOCTYPES}
	return AccessChanges(
		add_roles=tuple(sorted(desired.roles - roles)),
		remove_roles=tuple(sorted(roles - desired.roles)),
		add_permissions=tuple(sorted(desired.permissions - permissions)),
		remove_permissions=tuple(sorted(permissions - desired.permissions)),
	)


@dataclass(frozen=True)
class ScopeFields:
	"""Which fields of a doctype place a record in a branch, a group, and with a member."""

	branch: str | None = None
	group: str | None = None
	member: str | None = None
	# Whether a record without a branch (the whole organ's) is read by every branch. Only
	# publications: an organ-wide study session lists members of every branch.
	organ_wide_allowed: bool = False


SCOPE_FIELDS: dict[str, ScopeFields] = {
	"Organ Office": ScopeFields(),
	"Party Branch": ScopeFields(branch="name"),
	"Party Group": ScopeFields(branch="party_branch", group="name"),
	"Party Member": ScopeFields(branch="party_branch", group="party_group", member="name"),
	"Party Officer Term": ScopeFields(branch="party_branch", group="party_group"),
	"Branch Re-election": ScopeFields(branch="party_branch"),
	"Membership Transfer": ScopeFields(branch="party_branch"),
	"Party Dues Ledger": ScopeFields(branch="party_branch"),
	"Party Dues": ScopeFields(branch="party_branch", group="party_group", member="member"),
	"Party Task Checklist": ScopeFields(branch="party_branch"),
	"Party Task": ScopeFields(branch="party_branch", member="responsible"),
	"Party Affairs Publication": ScopeFields(branch="party_branch", organ_wide_allowed=True),
	"Party Meeting": ScopeFields(branch="party_branch", group="party_group"),
	"Study Session": ScopeFields(branch="party_branch"),
	"Quarterly Test": ScopeFields(),
	"Quarterly Test Score": ScopeFields(branch="party_branch", group="party_group", member="member"),
	"Community Service Log": ScopeFields(branch="party_branch", group="party_group", member="member"),
}

# Child tables and the doctypes that hold them: a child row is read only through a parent the
# user may read (a child-table query checks no more than the parent's doctype).
CHILD_PARENTS: dict[str, tuple[str, ...]] = {
	"Party Branch Office": ("Party Branch",),
	"Party Member Appraisal": ("Party Member",),
	"Branch Re-election Officer": ("Branch Re-election",),
	"Party Meeting Attendance": ("Party Meeting",),
	"Study Session Attendee": ("Study Session",),
	"Party Attachment": ("Party Affairs Publication", "Party Meeting", "Study Session"),
}

WRITE_RIGHTS = ("write", "create", "delete", "submit", "cancel", "amend")

# What a group leader may write for the whole group. Every other write a group leader or a member
# makes on a record that belongs to a member is a member's write on their own record (a group
# leader is a member too, and holds the member's role).
GROUP_WIDE_WRITES: dict[str, tuple[str, ...]] = {
	"Party Dues": ("write",),  # records a payment
	"Party Meeting": ("write", "create", "delete"),  # the group's meetings
}


@dataclass(frozen=True)
class UserScope:
	level: str | None
	branches: frozenset[str] = frozenset()
	groups: frozenset[str] = frozenset()
	members: frozenset[str] = frozenset()  # User Permissions on Party Member (a member's own record)
	me: str | None = None  # the user's own member record


def denial(
	scope: UserScope, doctype: str, ptype: str, record: Mapping, *, published: bool | None = None
) -> str | None:
	"""Why a user may not act on a record, or None. The second lock behind User Permissions.

	`record`: the record's values (at least its scope fields). `published`: for a publication,
	whether it is out.
	"""
	if scope.level in (None, ORGAN):
		return None
	fields = SCOPE_FIELDS.get(doctype)
	if fields is None:
		return None
	if not scope.branches:
		return "未设定您所在的党支部，请联系机关党委"
	branch = record.get(fields.branch) if fields.branch else None
	group = record.get(fields.group) if fields.group else None
	member = record.get(fields.member) if fields.member else None
	writing = ptype in WRITE_RIGHTS
	if branch and branch not in scope.branches:
		return "该记录属于其他党支部"
	if fields.branch and not branch and (writing or not fields.organ_wide_allowed):
		return "全机关的记录由机关党委维护"
	if scope.level == GROUP:
		if group and group not in scope.groups:
			return "该记录属于其他党小组"
		if writing and fields.group and not group:
			return "支部层面的记录由支部书记维护"
	if scope.level == SELF and fields.member and member not in scope.members:
		return "只能查看本人的记录"
	if writing and scope.level in (GROUP, SELF) and fields.member and doctype != MEMBER_DOCTYPE:
		group_wide = scope.level == GROUP and ptype in GROUP_WIDE_WRITES.get(doctype, ())
		if not group_wide and (not member or member != scope.me):
			return "只能维护本人的记录"
	if doctype == "Party Affairs Publication" and scope.level == SELF and published is False:
		return "该党务公开尚未发布"
	return None
