"""The life of a secret vote (表决) as the app runs it, on plain data.

The counting rules are in ``ballot``; this module says which rules a vote record carries, what a
cast or entered sheet must look like, how two tellers' entries of one paper sheet compare, which
status a vote may move to, and how a decided result becomes the rows of the vote's result table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from sanyou_app.core import ballot

PROJECT_VOTE = "项目票决"
SURVEY = "满意度测评"
APPRAISAL = "民主评议党员"
VOTE_TYPES = (PROJECT_VOTE, SURVEY, APPRAISAL)

ELECTRONIC = "电子投票"
PAPER = "纸质投票"

FIRST_ROUND = "首轮"

# Status of a vote, in order. Results are visible to all only once 已公布 (or 本轮无效).
PREPARING = "准备中"
VOTING = "投票中"
COUNTING = "计票中"
CONFIRMING = "待监票人确认"
PUBLISHED = "已公布"
VOIDED = "本轮无效"
STATUSES = (PREPARING, VOTING, COUNTING, CONFIRMING, PUBLISHED, VOIDED)
CLOSED = (PUBLISHED, VOIDED)
SECRET_RESULT = (COUNTING, CONFIRMING)

# Ballots, sealed or opened: read by nobody, through any road (see common/query_guard.py).
BALLOT_DOCTYPES = ("Secret Ballot", "Sealed Ballot")
# Read only by the users a vote names (its tellers and scrutineers), never by Administrator.
NAMED_ONLY_DOCTYPES = ("Paper Ballot Entry", "Paper Ballot Entry Mark")

CHIEF_SCRUTINEER = "总监票人"
SCRUTINEER = "监票人"
TELLER = "计票人"
OFFICER_ROLES = (CHIEF_SCRUTINEER, SCRUTINEER, TELLER)

# The actions of a vote and the status each needs.
ACTIONS = {
	"open": (PREPARING, VOTING),
	"close": (VOTING, COUNTING),
	"count": (COUNTING, CONFIRMING),
}


def marks_for(vote_type: str) -> tuple[str, ...]:
	"""The marks a sheet of this kind of vote may carry."""
	return {
		PROJECT_VOTE: ballot.VOTE_CHOICES,
		SURVEY: ballot.SATISFACTION_GRADES,
		APPRAISAL: ballot.APPRAISAL_GRADES,
	}[vote_type]


def sheet_name(vote_type: str) -> str:
	return {PROJECT_VOTE: "选票", SURVEY: "测评表", APPRAISAL: "评议表"}[vote_type]


def check_action(status: str, action: str) -> None:
	before, _after = ACTIONS[action]
	if status != before:
		verb = {"open": "开始投票", "close": "结束投票", "count": "计票"}[action]
		raise ValueError(f"表决处于“{status}”状态，不能{verb}（应为“{before}”）")


@dataclass(frozen=True)
class Rules:
	"""The rules a vote record carries (copied from its cycle when the vote is made)."""

	vote_type: str
	seats: int = 0
	majority_basis: str = ballot.BASIS_ALL_DEPUTIES
	quorum_numerator: int = 2
	quorum_denominator: int = 3
	void_if_over_seats: bool = True
	count_basic_satisfied: bool = True
	grade_basis: str = ballot.BASIS_ROLL

	@property
	def quorum(self) -> Fraction:
		return Fraction(self.quorum_numerator, self.quorum_denominator)

	def engine_rules(self):
		if self.vote_type == PROJECT_VOTE:
			return ballot.VoteRules(
				seats=self.seats,
				majority_basis=self.majority_basis,
				quorum_fraction=self.quorum,
				void_if_over_seats=self.void_if_over_seats,
			)
		if self.vote_type == SURVEY:
			satisfied = (
				(ballot.SATISFIED, ballot.BASICALLY_SATISFIED)
				if self.count_basic_satisfied
				else (ballot.SATISFIED,)
			)
			return ballot.SurveyRules(
				satisfied_grades=satisfied, grade_basis=self.grade_basis, quorum_fraction=self.quorum
			)
		return ballot.AppraisalRules(grade_basis=self.grade_basis, quorum_fraction=self.quorum)


def rules_from(doc: Mapping) -> Rules:
	return Rules(
		vote_type=doc["vote_type"],
		seats=int(doc.get("seats") or 0),
		majority_basis=doc.get("majority_basis") or ballot.BASIS_ALL_DEPUTIES,
		quorum_numerator=int(doc.get("quorum_numerator") or 2),
		quorum_denominator=int(doc.get("quorum_denominator") or 3),
		void_if_over_seats=bool(doc.get("void_if_over_seats", 1)),
		count_basic_satisfied=bool(doc.get("count_basic_satisfied", 1)),
		grade_basis=doc.get("grade_basis") or ballot.BASIS_ROLL,
	)


def check_setup(rules: Rules, items: Sequence[str], voters: int) -> list[str]:
	"""What keeps a prepared vote from opening, apart from the quorum."""
	problems = []
	if not items:
		problems.append("没有表决事项")
	if len(set(items)) != len(items):
		problems.append("表决事项有重复")
	if voters < 1:
		problems.append("没有应到人员名单")
	if rules.vote_type == PROJECT_VOTE:
		if rules.seats < 1:
			problems.append("应选项目数至少为1")
		elif rules.seats >= len(items) and len(items) > 0:
			problems.append(f"差额票决：候选项目（{len(items)}个）应多于应选项目数（{rules.seats}个）")
	try:
		rules.engine_rules()
	except ValueError as e:
		problems.append(str(e))
	return problems


def quorum_message(rules: Rules, present: int, total: int) -> str | None:
	"""None when voting may open; otherwise why not."""
	if ballot.quorum_met(present, total, rules.quorum):
		return None
	return (
		f"应到{total}名，已签到{present}名，未超过应到人数的"
		f"{rules.quorum_numerator}/{rules.quorum_denominator}，不足法定人数，不能开始投票"
	)


def read_sheet(
	vote_type: str,
	items: Sequence[str],
	seats: int,
	marks: Mapping[str, str | None],
	void_if_over_seats: bool = True,
):
	"""A cast or entered sheet as stored: (marks per item, void). Unknown items or marks raise.

	A vote ballot stores every item (unmarked → 弃权) and is void when it has more 赞成 than
	seats (when the rules say so); a rating sheet stores only the items it grades.
	"""
	if vote_type == PROJECT_VOTE:
		choices = ballot.normalize_ballot(marks, items)
		return choices, bool(void_if_over_seats) and ballot.ballot_is_void(choices, items, seats)
	allowed = marks_for(vote_type)
	clean = {}
	for item, mark in marks.items():
		if item not in items:
			raise ValueError(f"“{item}”不在本次{sheet_name(vote_type)}的事项中")
		if mark in (None, ""):
			continue
		if mark not in allowed:
			raise ValueError(f"“{item}”的标记“{mark}”无效，只能是{'、'.join(allowed)}或不填")
		clean[item] = mark
	return clean, False


# A stored ballot is one row: its marks as one character per item, in the items' order.
UNMARKED = "-"


def mark_codes(vote_type: str) -> dict[str, str]:
	"""Mark → its one-character code: the mark's first character (unique within each kind)."""
	codes = {mark: mark[0] for mark in marks_for(vote_type)}
	assert len(set(codes.values())) == len(codes)
	return codes


def encode_sheet(vote_type: str, items: Sequence[str], sheet: Mapping[str, str]) -> str:
	"""{item: mark} → "赞反弃…" in item order, "-" where an item is not marked."""
	codes = mark_codes(vote_type)
	return "".join(codes[sheet[item]] if sheet.get(item) else UNMARKED for item in items)


def decode_counts(
	vote_type: str, items: Sequence[str], counts: Mapping[tuple[int, str], int]
) -> dict[str, dict[str, int]]:
	"""{(item position from 1, code): n} → {item: {mark: n}}, as the decision takes them."""
	marks = {code: mark for mark, code in mark_codes(vote_type).items()}
	table: dict[str, dict[str, int]] = {}
	for (position, code), n in counts.items():
		if code != UNMARKED and n:
			table.setdefault(items[position - 1], {})[marks[code]] = int(n)
	return table


def compare_entries(first: Mapping[str, str | None], second: Mapping[str, str | None]) -> list[str]:
	"""Items on which two tellers entered one paper sheet differently (empty = they agree)."""
	items = sorted(set(first) | set(second))
	return [item for item in items if (first.get(item) or "") != (second.get(item) or "")]


def decide(rules: Rules, items: Sequence[str], counts, *, issued, returned, valid, void, total, present):
	"""Decide a round from counts {item: {mark: n}} (as the database groups them)."""
	engine = rules.engine_rules()
	if rules.vote_type == PROJECT_VOTE:
		return ballot.decide(
			items, counts, engine, issued=issued, returned=returned, valid=valid, void=void,
			total_deputies=total, present=present,
		)  # fmt: skip
	decide_graded = ballot.decide_survey if rules.vote_type == SURVEY else ballot.decide_appraisal
	return decide_graded(
		items, counts, engine, raters_total=total, present=present, issued=issued, returned=returned
	)


_GRADE_FIELDS = {
	"满意": "satisfied",
	"基本满意": "basically_satisfied",
	"不满意": "unsatisfied",
	"优秀": "excellent",
	"合格": "qualified",
	"基本合格": "basically_qualified",
	"不合格": "unqualified",
}


def result_rows(result) -> list[dict]:
	"""One row per item for the vote's result table."""
	rows = []
	if isinstance(result, ballot.VoteResult):
		for item in result.items:
			c = result.counts[item]
			rows.append(
				{
					"item_label": item,
					"votes_for": c[ballot.FOR],
					"votes_against": c[ballot.AGAINST],
					"votes_abstain": c[ballot.ABSTAIN],
					"valid": result.valid,
					"rank": result.rank.get(item, 0),
					"passed": int(item in result.passed),
					"picked": int(item in result.picked),
					"runoff": int(item in result.runoff_items),
				}
			)
		return rows
	for item in result.subjects:
		row = {"item_label": item, "valid": result.valid[item], "grade": result.grade[item] or ""}
		row.update({_GRADE_FIELDS[g]: n for g, n in result.counts[item].items()})
		rate = getattr(result, "satisfaction_rate", {}).get(item)
		row["satisfaction_rate"] = float(rate) if rate is not None else None
		row["needs_rectification"] = int(getattr(result, "needs_rectification", {}).get(item, False))
		rows.append(row)
	return rows


def settled(result) -> bool:
	"""Whether a round stands (quorum met and no more sheets back than issued)."""
	return result.counted


def next_round_plan(result) -> ballot.RoundPlan | None:
	if isinstance(result, ballot.VoteResult):
		return ballot.next_round(result)
	if not result.counted:
		return ballot.RoundPlan(ballot.REVOTE, result.subjects, 0)
	return None
