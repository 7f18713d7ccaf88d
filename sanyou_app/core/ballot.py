"""Rules of the anonymous ballot, shared by its three uses.

- 项目票决 project vote: each ballot marks each candidate project 赞成/反对/弃权.
- 满意度测评 satisfaction survey: each rating sheet grades each project 满意/基本满意/不满意.
- 民主评议党员 democratic appraisal: each sheet grades each member 优秀/合格/基本合格/不合格.

Everything here is a pure function on plain data. A sheet (ballot or rating sheet) is a mapping
from a subject (candidate project, rated project, appraised member) to the mark on it; it names
no voter. Every tally goes through a ``decide*`` function that takes pre-aggregated counts, as a
SQL ``GROUP BY`` returns them, so counting in the database and counting here share one decision,
and no result depends on the order of the sheets.

Conventions:
- A subject left unmarked (absent, ``None`` or ``""``) counts as 弃权 on a vote ballot; on a rating
  sheet it is not a rating of that subject, so it is left out of that subject's valid ratings.
- "More than half" and "more than two thirds" are strict and computed exactly (``Fraction``).
- A round stands only when the quorum is met and no more sheets came back than were issued;
  otherwise nothing passes and no grade is given, and the round must be held again.
- Error messages and result sentences are Chinese: they are shown to the users.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

FOR = "赞成"
AGAINST = "反对"
ABSTAIN = "弃权"
VOTE_CHOICES = (FOR, AGAINST, ABSTAIN)

SATISFIED = "满意"
BASICALLY_SATISFIED = "基本满意"
UNSATISFIED = "不满意"
SATISFACTION_GRADES = (SATISFIED, BASICALLY_SATISFIED, UNSATISFIED)
APPRAISAL_GRADES = ("优秀", "合格", "基本合格", "不合格")

# Majority basis of a vote: all deputies of the congress, or the deputies present.
BASIS_ALL_DEPUTIES = "全体代表"
BASIS_PRESENT_DEPUTIES = "出席代表"
# Basis of a grade: everyone due to rate (the roll), or the valid ratings of that subject.
BASIS_ROLL = "应到人数"
BASIS_VALID_RATINGS = "有效票数"

# Kinds of a follow-up round of a vote.
REVOTE = "重新票决"  # the round did not stand: hold it again
RUNOFF = "再次票决"  # a tie at the cut-off: vote again between the tied candidates
FURTHER_ROUND = "另行票决"  # fewer passed than seats: the presidium may vote among the rest

TWO_THIRDS = Fraction(2, 3)
HALF = Fraction(1, 2)

Ratio = Fraction | Decimal | int | str


# ---------------------------------------------------------------------------------------------
# Shared helpers


@dataclass(frozen=True)
class _Wording:
	"""The nouns one use of the ballot puts into its messages."""

	sheet: str  # 选票
	act: str  # 本轮票决
	subject: str  # 候选项目
	people: str  # 代表


_VOTE = _Wording("选票", "本轮票决", "候选项目", "代表")
_SURVEY = _Wording("测评票", "本次测评", "测评项目", "代表")
_APPRAISAL = _Wording("评议票", "本次评议", "被评议党员", "党员")

_CHINESE_DIGITS = "零一二三四五六七八九十"


def _show_fraction(value: Fraction) -> str:
	"""1/2 → 半数, 2/3 → 三分之二; falls back to "n/d" beyond ten."""
	if value == HALF:
		return "半数"
	if 1 < value.denominator <= 10:
		return f"{_CHINESE_DIGITS[value.denominator]}分之{_CHINESE_DIGITS[value.numerator]}"
	return str(value)


def _quote(subjects: Iterable[str]) -> str:
	return "、".join(f"“{subject}”" for subject in subjects)


def _count_arg(value: int, name: str) -> int:
	if isinstance(value, bool) or not isinstance(value, int) or value < 0:
		raise ValueError(f"{name}应为非负整数，现为“{value}”")
	return value


def _ratio(value: Ratio, name: str) -> Fraction:
	try:
		result = Fraction(value)
	except (TypeError, ValueError):
		raise ValueError(f"{name}“{value}”不是有效的比例") from None
	if not 0 <= result < 1:
		raise ValueError(f"{name}应不小于0且小于1，现为“{value}”")
	return result


def _check_option(value: str, options: Sequence[str], name: str) -> None:
	if value not in options:
		raise ValueError(f"{name}“{value}”无效，只能是{'、'.join(options)}")


def _subjects(subjects: Iterable[str], wording: _Wording) -> tuple[str, ...]:
	result = tuple(subjects)
	if not result:
		raise ValueError(f"{wording.subject}名单为空")
	seen: set[str] = set()
	for subject in result:
		if not isinstance(subject, str) or not subject.strip():
			raise ValueError(f"{wording.subject}名称“{subject}”无效")
		if subject in seen:
			raise ValueError(f"{wording.subject}“{subject}”重复")
		seen.add(subject)
	return result


def _read_sheet(
	sheet: Mapping[str, str | None], subjects: tuple[str, ...], marks: Sequence[str], wording: _Wording
) -> dict[str, str | None]:
	"""The marks of one sheet for every subject, ``None`` where unmarked."""
	for subject, mark in sheet.items():
		if subject not in subjects:
			raise ValueError(f"{wording.sheet}上的“{subject}”（标记为“{mark}”）不在{wording.subject}名单中")
		if mark not in marks and mark not in (None, ""):
			raise ValueError(
				f"{wording.sheet}上“{subject}”的标记“{mark}”无效，只能是{'、'.join(marks)}或不填"
			)
	return {subject: sheet.get(subject) or None for subject in subjects}


def _add(counts: dict[str, dict[str, int]], marks: Mapping[str, str | None]) -> None:
	for subject, mark in marks.items():
		if mark is not None:
			counts[subject][mark] += 1


def _read_counts(
	subjects: tuple[str, ...],
	counts: Mapping[str, Mapping[str, int]],
	marks: Sequence[str],
	wording: _Wording,
) -> dict[str, dict[str, int]]:
	"""A checked copy of pre-aggregated counts; rows and marks absent from the input stay absent."""
	for subject in counts:
		if subject not in subjects:
			raise ValueError(f"统计结果中的“{subject}”不在{wording.subject}名单中")
	rows = {}
	for subject in subjects:
		row = dict(counts.get(subject, {}))
		for mark, number in row.items():
			if mark not in marks:
				raise ValueError(f"“{subject}”的统计结果中有无效标记“{mark}”，只能是{'、'.join(marks)}")
			_count_arg(number, f"“{subject}”的“{mark}”票数")
		rows[subject] = row
	return rows


def quorum_met(present: int, total: int, fraction: Ratio = TWO_THIRDS) -> bool:
	"""Whether more than ``fraction`` of ``total`` are present (strictly: 46 of 68 meet 2/3, 45 do not)."""
	_count_arg(present, "实到人数")
	_count_arg(total, "应到人数")
	if present > total:
		raise ValueError(f"实到人数{present}名多于应到人数{total}名")
	return present > _ratio(fraction, "法定人数比例") * total


def ballots_returned_valid(issued: int, returned: int) -> bool:
	"""A round stands only if no more sheets came back than were issued."""
	return _count_arg(returned, "收回票数") <= _count_arg(issued, "发出票数")


def _round_status(
	wording: _Wording,
	fraction: Fraction,
	*,
	total: int,
	present: int,
	issued: int,
	returned: int,
	detail: str = "",
) -> tuple[bool, bool, list[str]]:
	"""(quorum met, round void, messages) for any use of the ballot."""
	met = quorum_met(present, total, fraction)
	if issued > present:
		raise ValueError(f"发出{wording.sheet}{issued}张多于实到人数{present}名")
	round_void = not ballots_returned_valid(issued, returned)
	share = _show_fraction(fraction)
	messages = [
		f"应到{wording.people}{total}名，实到{present}名，超过应到人数的{share}，符合法定人数。"
		if met
		else f"应到{wording.people}{total}名，实到{present}名，未超过应到人数的{share}，"
		f"不足法定人数，{wording.act}无效。",
		f"发出{wording.sheet}{issued}张，收回{wording.sheet}{returned}张{detail}。",
	]
	if round_void:
		messages.append(f"收回{wording.sheet}多于发出{wording.sheet}，{wording.act}无效，应重新进行。")
	return met, round_void, messages


# ---------------------------------------------------------------------------------------------
# Project vote (项目票决)


@dataclass(frozen=True)
class VoteRules:
	"""The rules of one vote, as the cycle's rules record holds them.

	seats: number of projects to pick (N). majority_basis: a candidate passes with 赞成 from more
	than half of 全体代表 (all deputies) or 出席代表 (deputies present). quorum_fraction: more than
	this share of all deputies must be present. void_if_over_seats: a ballot with more than N 赞成
	is void as a whole.
	"""

	seats: int
	majority_basis: str = BASIS_ALL_DEPUTIES
	quorum_fraction: Fraction = TWO_THIRDS
	void_if_over_seats: bool = True

	def __post_init__(self) -> None:
		if isinstance(self.seats, bool) or not isinstance(self.seats, int) or self.seats < 1:
			raise ValueError(f"应选项目数应为正整数，现为“{self.seats}”")
		_check_option(self.majority_basis, (BASIS_ALL_DEPUTIES, BASIS_PRESENT_DEPUTIES), "过半数的计算基数")
		object.__setattr__(self, "quorum_fraction", _ratio(self.quorum_fraction, "法定人数比例"))


@dataclass(frozen=True)
class VoteResult:
	"""The outcome of one round of a vote.

	counts: {item: {赞成: n, 反对: n, 弃权: n}} over valid ballots. basis: the number of deputies
	whose majority decides; votes_needed = basis // 2 + 1, the fewest 赞成 that pass. passed: the
	items with at least votes_needed 赞成, most 赞成 first, equal ones in the order of ``items``;
	rank gives each passed item its place, equal for equal 赞成 (ties are thus visible). picked: the
	items adopted in this round. runoff_items/runoff_seats: the items tied at the cut-off and the
	seats left for them. shortfall: seats left empty because too few passed.
	"""

	items: tuple[str, ...]
	rules: VoteRules
	total_deputies: int
	present: int
	issued: int
	returned: int
	valid: int
	void: int
	quorum_met: bool
	round_void: bool
	counts: dict[str, dict[str, int]]
	basis: int
	votes_needed: int
	passed: tuple[str, ...]
	rank: dict[str, int]
	picked: tuple[str, ...]
	runoff_items: tuple[str, ...]
	runoff_seats: int
	shortfall: int
	messages: tuple[str, ...]

	@property
	def counted(self) -> bool:
		"""Whether this round stands: quorum met and no more ballots returned than issued."""
		return self.quorum_met and not self.round_void


@dataclass(frozen=True)
class RoundPlan:
	"""A round a vote still needs: its kind (重新票决/再次票决/另行票决), candidates and seats."""

	kind: str
	items: tuple[str, ...]
	seats: int


def normalize_ballot(marks: Mapping[str, str | None], items: Sequence[str]) -> dict[str, str]:
	"""Every item's choice on one ballot, 弃权 where unmarked; a stray item or choice raises ValueError."""
	read = _read_sheet(marks, _subjects(items, _VOTE), VOTE_CHOICES, _VOTE)
	return {item: choice or ABSTAIN for item, choice in read.items()}


def _over_seats(choices: Mapping[str, str], seats: int) -> bool:
	return sum(choice == FOR for choice in choices.values()) > seats


def ballot_is_void(marks: Mapping[str, str | None], items: Sequence[str], seats: int) -> bool:
	"""Whether a ballot marks 赞成 on more items than there are seats (废票)."""
	return _over_seats(normalize_ballot(marks, items), seats)


def _vote_table(
	items: tuple[str, ...], counts: Mapping[str, Mapping[str, int]], valid: int
) -> dict[str, dict[str, int]]:
	"""Full per-item counts; a missing 弃权 is what valid ballots leave after 赞成 and 反对."""
	table = {}
	for item, row in _read_counts(items, counts, VOTE_CHOICES, _VOTE).items():
		row.setdefault(ABSTAIN, valid - row.get(FOR, 0) - row.get(AGAINST, 0))
		full = {choice: row.get(choice, 0) for choice in VOTE_CHOICES}
		if full[ABSTAIN] < 0 or sum(full.values()) != valid:
			raise ValueError(
				f"“{item}”的赞成{full[FOR]}票、反对{full[AGAINST]}票、弃权{full[ABSTAIN]}票之和"
				f"应等于有效票{valid}张"
			)
		table[item] = full
	return table


def _ranks(passed: Sequence[str], votes: Mapping[str, int]) -> dict[str, int]:
	"""Competition ranking: 1, 2, 2, 4."""
	return {item: 1 + sum(votes[other] > votes[item] for other in passed) for item in passed}


def decide(
	items: Sequence[str],
	counts: Mapping[str, Mapping[str, int]],
	rules: VoteRules,
	*,
	issued: int,
	returned: int,
	valid: int,
	void: int,
	total_deputies: int,
	present: int,
) -> VoteResult:
	"""Decide a round of a vote from aggregated counts {item: {choice: n}} of its valid ballots.

	Choices or items absent from ``counts`` are 0, except that a missing 弃权 is derived
	(valid − 赞成 − 反对), so a store that keeps only marked choices can be passed as it is.
	"""
	items = _subjects(items, _VOTE)
	for name, value in (("收回选票", returned), ("有效票", valid), ("废票", void)):
		_count_arg(value, name)
	if valid + void != returned:
		raise ValueError(f"有效票{valid}张与废票{void}张之和应等于收回选票{returned}张")
	table = _vote_table(items, counts, valid)
	met, round_void, messages = _round_status(
		_VOTE,
		rules.quorum_fraction,
		total=total_deputies,
		present=present,
		issued=issued,
		returned=returned,
		detail=f"，其中有效票{valid}张、废票{void}张",
	)
	basis = total_deputies if rules.majority_basis == BASIS_ALL_DEPUTIES else present
	votes_needed = basis // 2 + 1
	votes = {item: table[item][FOR] for item in items}
	counted = met and not round_void
	passed = (
		tuple(sorted((i for i in items if votes[i] >= votes_needed), key=lambda i: -votes[i]))
		if counted
		else ()
	)
	rank = _ranks(passed, votes)

	seats = rules.seats
	picked, runoff = passed[:seats], ()
	if len(passed) > seats and votes[passed[seats - 1]] == votes[passed[seats]]:
		cut = votes[passed[seats]]
		picked = tuple(i for i in passed if votes[i] > cut)
		runoff = tuple(i for i in passed if votes[i] == cut)
	runoff_seats = seats - len(picked) if runoff else 0
	shortfall = seats - len(passed) if counted and len(passed) < seats else 0

	if counted:
		messages.append(f"以{rules.majority_basis}{basis}名的过半数计，赞成票达到{votes_needed}票方为通过。")
		messages.append(
			f"获得通过的项目{len(passed)}项：{'、'.join(passed)}。" if passed else "没有项目获得通过。"
		)
		for number in sorted({votes[i] for i in passed}, reverse=True):
			group = tuple(i for i in passed if votes[i] == number)
			if group == runoff:
				messages.append(
					f"{_quote(group)}赞成票均为{number}票，在第{rank[group[0]]}名并列，超出应选名额，"
					f"应就上述项目再次票决，确定其余{runoff_seats}项。"
				)
			elif len(group) > 1:
				messages.append(f"{_quote(group)}赞成票均为{number}票，并列第{rank[group[0]]}名。")
		if picked:
			messages.append(f"确定民生实事项目{len(picked)}项：{'、'.join(picked)}。")
		if shortfall:
			messages.append(
				f"获得通过的项目少于应选的{seats}项，尚缺{shortfall}项，可由主席团决定在其余候选项目中另行票决。"
			)
	return VoteResult(
		items=items,
		rules=rules,
		total_deputies=total_deputies,
		present=present,
		issued=issued,
		returned=returned,
		valid=valid,
		void=void,
		quorum_met=met,
		round_void=round_void,
		counts=table,
		basis=basis,
		votes_needed=votes_needed,
		passed=passed,
		rank=rank,
		picked=picked,
		runoff_items=runoff,
		runoff_seats=runoff_seats,
		shortfall=shortfall,
		messages=tuple(messages),
	)


def tally_vote(
	items: Sequence[str],
	ballots: Iterable[Mapping[str, str | None]],
	rules: VoteRules,
	*,
	issued: int,
	total_deputies: int,
	present: int,
) -> VoteResult:
	"""Count the returned ballots of one round and decide it (see ``decide``)."""
	items = _subjects(items, _VOTE)
	counts = {item: dict.fromkeys(VOTE_CHOICES, 0) for item in items}
	returned = void = 0
	for ballot in ballots:
		returned += 1
		choices = normalize_ballot(ballot, items)
		if rules.void_if_over_seats and _over_seats(choices, rules.seats):
			void += 1
		else:
			_add(counts, choices)
	return decide(
		items,
		counts,
		rules,
		issued=issued,
		returned=returned,
		valid=returned - void,
		void=void,
		total_deputies=total_deputies,
		present=present,
	)


def next_round(result: VoteResult) -> RoundPlan | None:
	"""The round this one calls for, or None when the vote is settled.

	A round that did not stand is held again (重新票决); a tie at the cut-off goes to a run-off
	between the tied items for the seats left (再次票决); a shortfall allows a further round among
	the items not picked for the missing seats (另行票决), which the presidium may order.
	"""
	if not result.counted:
		return RoundPlan(REVOTE, result.items, result.rules.seats)
	if result.runoff_items:
		return RoundPlan(RUNOFF, result.runoff_items, result.runoff_seats)
	rest = tuple(item for item in result.items if item not in result.picked)
	if result.shortfall and rest:
		return RoundPlan(FURTHER_ROUND, rest, result.shortfall)
	return None


def combine_rounds(rounds: Sequence[VoteResult]) -> tuple[str, ...]:
	"""The items picked by a chain of rounds, first round first.

	Each round after the first must be the one its predecessor calls for (``next_round``): same
	items and seats. Whether the chain still needs a round is ``next_round(rounds[-1])``.
	"""
	picked: list[str] = []
	plan = None
	for number, result in enumerate(rounds, start=1):
		if number > 1:
			if plan is None:
				raise ValueError(f"第{number - 1}轮票决已确定结果，不需要第{number}轮")
			if set(result.items) != set(plan.items) or result.rules.seats != plan.seats:
				raise ValueError(
					f"第{number}轮应就{_quote(plan.items)}{plan.kind}，确定{plan.seats}项，"
					f"与该轮的候选项目或应选项目数不符"
				)
		picked.extend(result.picked)
		plan = next_round(result)
	return tuple(picked)


# ---------------------------------------------------------------------------------------------
# Graded ratings: satisfaction survey (满意度测评) and democratic appraisal (民主评议党员)


@dataclass(frozen=True)
class SurveyRules:
	"""Rules of a satisfaction survey.

	satisfied_grades: the grades the satisfaction rate counts. grade_basis: a project's grade
	compares its votes with half of its valid ratings (有效票数, the default) or half of everyone
	due to rate (应到人数). quorum_fraction: more than this share of raters must be present.
	"""

	satisfied_grades: tuple[str, ...] = (SATISFIED, BASICALLY_SATISFIED)
	grade_basis: str = BASIS_VALID_RATINGS
	quorum_fraction: Fraction = TWO_THIRDS

	def __post_init__(self) -> None:
		object.__setattr__(self, "satisfied_grades", tuple(self.satisfied_grades))
		if not self.satisfied_grades:
			raise ValueError("计入满意率的等次不能为空")
		for grade in self.satisfied_grades:
			_check_option(grade, SATISFACTION_GRADES, "计入满意率的等次")
		_check_grading_rules(self)


@dataclass(frozen=True)
class AppraisalRules:
	"""Rules of a democratic appraisal: grade basis as for a survey; by default more than half of
	the members must be present."""

	grade_basis: str = BASIS_VALID_RATINGS
	quorum_fraction: Fraction = HALF

	def __post_init__(self) -> None:
		_check_grading_rules(self)


def _check_grading_rules(rules: SurveyRules | AppraisalRules) -> None:
	_check_option(rules.grade_basis, (BASIS_VALID_RATINGS, BASIS_ROLL), "等次的计算基数")
	object.__setattr__(rules, "quorum_fraction", _ratio(rules.quorum_fraction, "法定人数比例"))


DEFAULT_SURVEY_RULES = SurveyRules()
DEFAULT_APPRAISAL_RULES = AppraisalRules()


@dataclass(frozen=True)
class GradeResult:
	"""The outcome of a graded rating (an appraisal, or the common part of a survey).

	counts: {subject: {grade: n}}; valid: the sheets that graded that subject; grade: the grade
	each subject gets by ``cumulative_grade`` (None when the round does not stand or nobody graded
	the subject).
	"""

	subjects: tuple[str, ...]
	grades: tuple[str, ...]
	raters_total: int
	present: int
	issued: int
	returned: int
	quorum_met: bool
	round_void: bool
	counts: dict[str, dict[str, int]]
	valid: dict[str, int]
	grade: dict[str, str | None]
	messages: tuple[str, ...]

	@property
	def counted(self) -> bool:
		"""Whether this round stands: quorum met and no more sheets returned than issued."""
		return self.quorum_met and not self.round_void


@dataclass(frozen=True)
class SurveyResult(GradeResult):
	"""A survey's outcome: satisfaction_rate in percent (None where it cannot be given), and
	needs_rectification for each project graded 不满意."""

	satisfaction_rate: dict[str, Decimal | None]
	needs_rectification: dict[str, bool]


def cumulative_grade(counts: Mapping[str, int], grades: Sequence[str], basis: int) -> str | None:
	"""The best grade whose votes, together with those of all better grades, exceed half of basis.

	``grades`` run from best to worst; the worst is given when no better one gathers a majority.
	满意 needs 满意 > basis/2, 基本满意 needs 满意 + 基本满意 > basis/2, else 不满意. None when basis is 0.
	"""
	if basis <= 0:
		return None
	running = 0
	for grade in grades[:-1]:
		running += counts.get(grade, 0)
		if 2 * running > basis:
			return grade
	return grades[-1]


def satisfaction_rate(satisfied: int, valid: int) -> Decimal:
	"""satisfied / valid in percent, rounded half up to one decimal: 67/68 → 98.5, 68/68 → 100.0."""
	_count_arg(satisfied, "满意票数")
	if _count_arg(valid, "有效测评票数") == 0:
		raise ValueError("有效测评票为0，无法计算满意率")
	if satisfied > valid:
		raise ValueError(f"满意票{satisfied}张多于有效测评票{valid}张")
	tenths = Fraction(1000 * satisfied, valid) + HALF
	return Decimal(tenths.numerator // tenths.denominator).scaleb(-1)


def format_rate(rate: Decimal) -> str:
	"""Decimal("98.5") → "98.5%"."""
	return f"{rate:.1f}%"


def _count_grades(
	subjects: Sequence[str],
	sheets: Iterable[Mapping[str, str | None]],
	grades: Sequence[str],
	wording: _Wording,
) -> tuple[dict[str, dict[str, int]], int]:
	subjects = _subjects(subjects, wording)
	counts = {subject: dict.fromkeys(grades, 0) for subject in subjects}
	returned = 0
	for sheet in sheets:
		returned += 1
		_add(counts, _read_sheet(sheet, subjects, grades, wording))
	return counts, returned


def _decide_grades(
	subjects: Sequence[str],
	counts: Mapping[str, Mapping[str, int]],
	grades: tuple[str, ...],
	rules: SurveyRules | AppraisalRules,
	wording: _Wording,
	*,
	raters_total: int,
	present: int,
	issued: int,
	returned: int,
) -> GradeResult:
	"""The part of a graded rating that surveys and appraisals share; messages per subject come later."""
	subjects = _subjects(subjects, wording)
	rows = _read_counts(subjects, counts, grades, wording)
	table = {subject: {grade: rows[subject].get(grade, 0) for grade in grades} for subject in subjects}
	valid = {subject: sum(row.values()) for subject, row in table.items()}
	for subject, number in valid.items():
		if number > returned:
			raise ValueError(
				f"“{subject}”的有效{wording.sheet}{number}张多于收回的{wording.sheet}{returned}张"
			)
	met, round_void, messages = _round_status(
		wording, rules.quorum_fraction, total=raters_total, present=present, issued=issued, returned=returned
	)
	by_roll = rules.grade_basis == BASIS_ROLL
	grade = {
		subject: cumulative_grade(table[subject], grades, raters_total if by_roll else valid[subject])
		if met and not round_void and valid[subject]
		else None
		for subject in subjects
	}
	return GradeResult(
		subjects=subjects,
		grades=grades,
		raters_total=raters_total,
		present=present,
		issued=issued,
		returned=returned,
		quorum_met=met,
		round_void=round_void,
		counts=table,
		valid=valid,
		grade=grade,
		messages=tuple(messages),
	)


def _with_subject_lines(
	result: GradeResult, wording: _Wording, line: Callable[[str, str], str]
) -> tuple[str, ...]:
	"""The result's messages followed by one sentence per subject, ``line(subject, grade)``."""
	if not result.counted:
		return result.messages
	return result.messages + tuple(
		line(subject, grade) if grade else f"“{subject}”没有有效{wording.sheet}，不能评定等次。"
		for subject, grade in result.grade.items()
	)


def decide_survey(
	items: Sequence[str],
	counts: Mapping[str, Mapping[str, int]],
	rules: SurveyRules = DEFAULT_SURVEY_RULES,
	*,
	raters_total: int,
	present: int,
	issued: int,
	returned: int,
) -> SurveyResult:
	"""Decide a satisfaction survey from aggregated counts {item: {grade: n}}; absent ones are 0."""
	base = _decide_grades(
		items,
		counts,
		SATISFACTION_GRADES,
		rules,
		_SURVEY,
		raters_total=raters_total,
		present=present,
		issued=issued,
		returned=returned,
	)
	rates = {
		item: satisfaction_rate(sum(base.counts[item][g] for g in rules.satisfied_grades), base.valid[item])
		if grade
		else None
		for item, grade in base.grade.items()
	}

	def line(item: str, grade: str) -> str:
		action = "，应交政府整改。" if grade == UNSATISFIED else "。"
		return f"“{item}”有效测评票{base.valid[item]}张，满意率{format_rate(rates[item])}，测评等次为{grade}{action}"

	return SurveyResult(
		**{**vars(base), "messages": _with_subject_lines(base, _SURVEY, line)},
		satisfaction_rate=rates,
		needs_rectification={item: grade == UNSATISFIED for item, grade in base.grade.items()},
	)


def tally_survey(
	items: Sequence[str],
	sheets: Iterable[Mapping[str, str | None]],
	rules: SurveyRules = DEFAULT_SURVEY_RULES,
	*,
	raters_total: int,
	present: int,
	issued: int,
) -> SurveyResult:
	"""Count the returned rating sheets {item: grade} of a survey and decide it."""
	counts, returned = _count_grades(items, sheets, SATISFACTION_GRADES, _SURVEY)
	return decide_survey(
		items, counts, rules, raters_total=raters_total, present=present, issued=issued, returned=returned
	)


def decide_appraisal(
	members: Sequence[str],
	counts: Mapping[str, Mapping[str, int]],
	rules: AppraisalRules = DEFAULT_APPRAISAL_RULES,
	*,
	raters_total: int,
	present: int,
	issued: int,
	returned: int,
) -> GradeResult:
	"""Decide a democratic appraisal from aggregated counts {member: {grade: n}}; ``grade`` is the
	suggested grade of each member."""
	base = _decide_grades(
		members,
		counts,
		APPRAISAL_GRADES,
		rules,
		_APPRAISAL,
		raters_total=raters_total,
		present=present,
		issued=issued,
		returned=returned,
	)

	def line(member: str, grade: str) -> str:
		return f"“{member}”有效评议票{base.valid[member]}张，建议评定为{grade}。"

	return replace(base, messages=_with_subject_lines(base, _APPRAISAL, line))


def tally_appraisal(
	members: Sequence[str],
	sheets: Iterable[Mapping[str, str | None]],
	rules: AppraisalRules = DEFAULT_APPRAISAL_RULES,
	*,
	raters_total: int,
	present: int,
	issued: int,
) -> GradeResult:
	"""Count the returned appraisal sheets {member: grade} and decide the appraisal."""
	counts, returned = _count_grades(members, sheets, APPRAISAL_GRADES, _APPRAISAL)
	return decide_appraisal(
		members, counts, rules, raters_total=raters_total, present=present, issued=issued, returned=returned
	)
