from collections import Counter
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanyou_app.core.ballot import (
	ABSTAIN,
	AGAINST,
	APPRAISAL_GRADES,
	BASIS_ALL_DEPUTIES,
	BASIS_PRESENT_DEPUTIES,
	BASIS_ROLL,
	BASIS_VALID_RATINGS,
	FOR,
	FURTHER_ROUND,
	REVOTE,
	RUNOFF,
	SATISFACTION_GRADES,
	AppraisalRules,
	RoundPlan,
	SurveyRules,
	VoteRules,
	ballot_is_void,
	ballots_returned_valid,
	combine_rounds,
	cumulative_grade,
	decide,
	decide_survey,
	format_rate,
	next_round,
	normalize_ballot,
	quorum_met,
	satisfaction_rate,
	tally_appraisal,
	tally_survey,
	tally_vote,
)

SATISFIED, BASICALLY, UNSATISFIED = SATISFACTION_GRADES
EXCELLENT, QUALIFIED, BASICALLY_QUALIFIED, UNQUALIFIED = APPRAISAL_GRADES

# The seed names five 2020 projects and two 2021 projects; the other candidates are placeholders.
PROJECTS_2020 = [
	"村庄扶贫路",
	"陈集新村下水道改造提升工程",
	"连心小院",
	"丁楼村张庄路",
	"刘桥镇返乡大学生创业园",
]
CANDIDATES_2020 = [*PROJECTS_2020, "2020年候选项目六"]
CANDIDATES_2021 = [
	"大礼堂门前绿化项目",
	"丁楼村张庄自来水安装及绿化项目",
	"2021年候选项目三",
	"2021年候选项目四",
	"2021年候选项目五",
]


def repeat(*groups):
	"""Ballots from (how many, ballot) pairs."""
	return [dict(ballot) for number, ballot in groups for _ in range(number)]


def marks(items, choice):
	return dict.fromkeys(items, choice)


def vote(items, ballots, seats, *, total=None, present=None, issued=None, **rules):
	present = len(ballots) if present is None else present
	return tally_vote(
		items,
		ballots,
		VoteRules(seats=seats, **rules),
		issued=present if issued is None else issued,
		total_deputies=present if total is None else total,
		present=present,
	)


# --- the seed ---------------------------------------------------------------------------------


def test_2020_vote_picks_five_of_six_candidates():
	a, b, c, d, e, f = CANDIDATES_2020
	ballots = repeat(
		(40, {**marks([a, b, c, d, e], FOR), f: AGAINST}),
		(20, {**marks([a, b, c, d, f], FOR), e: AGAINST}),
		(6, marks([a, b, c], FOR)),
		(2, marks(CANDIDATES_2020, FOR)),  # six 赞成 for five seats: void
	)
	result = vote(CANDIDATES_2020, ballots, 5, total=70, present=68)

	assert (result.issued, result.returned, result.valid, result.void) == (68, 68, 66, 2)
	assert result.counts[a] == {FOR: 66, AGAINST: 0, ABSTAIN: 0}
	assert result.counts[d] == {FOR: 60, AGAINST: 0, ABSTAIN: 6}
	assert result.counts[e] == {FOR: 40, AGAINST: 20, ABSTAIN: 6}
	assert result.counts[f] == {FOR: 20, AGAINST: 40, ABSTAIN: 6}
	assert (result.basis, result.votes_needed) == (70, 36)
	assert result.passed == (a, b, c, d, e)
	assert result.picked == tuple(PROJECTS_2020)
	assert result.rank == {a: 1, b: 1, c: 1, d: 4, e: 5}
	assert (result.runoff_items, result.shortfall) == ((), 0)
	assert next_round(result) is None
	assert combine_rounds([result]) == tuple(PROJECTS_2020)
	assert "确定民生实事项目5项：" + "、".join(PROJECTS_2020) + "。" in result.messages


def test_2021_vote_picks_four_of_five_candidates():
	a, b, c, d, e = CANDIDATES_2021
	ballots = repeat(
		(30, {**marks([a, b, c, d], FOR), e: AGAINST}),
		(25, {**marks([a, b, c, e], FOR), d: ABSTAIN}),
		(10, {**marks([a, b], FOR), c: AGAINST}),
	)
	result = vote(CANDIDATES_2021, ballots, 4, total=70, present=66, issued=66)

	assert [result.counts[i][FOR] for i in CANDIDATES_2021] == [65, 65, 55, 30, 25]
	assert result.votes_needed == 36
	assert result.passed == (a, b, c)
	assert result.picked == (a, b, c)
	assert result.shortfall == 1
	assert next_round(result) == RoundPlan(FURTHER_ROUND, (d, e), 1)

	further = vote([d, e], repeat((50, {d: FOR, e: AGAINST}), (16, {e: FOR})), 1, total=70)
	assert further.picked == (d,)
	assert combine_rounds([result, further]) == (a, b, c, d)


def test_2020_survey_68_raters():
	ratings = repeat(
		(1, {**marks(PROJECTS_2020[:3], SATISFIED), **marks(PROJECTS_2020[3:], UNSATISFIED)}),
		(30, {**marks(PROJECTS_2020, SATISFIED), PROJECTS_2020[2]: BASICALLY}),
		(37, {**marks(PROJECTS_2020, SATISFIED), PROJECTS_2020[2]: BASICALLY, PROJECTS_2020[4]: BASICALLY}),
	)
	result = tally_survey(PROJECTS_2020, ratings, raters_total=68, present=68, issued=68)

	assert result.returned == 68
	assert result.valid == dict.fromkeys(PROJECTS_2020, 68)
	assert [result.satisfaction_rate[p] for p in PROJECTS_2020] == [
		Decimal("100.0"),
		Decimal("100.0"),
		Decimal("100.0"),
		Decimal("98.5"),
		Decimal("98.5"),
	]
	assert [format_rate(result.satisfaction_rate[p]) for p in PROJECTS_2020[2:4]] == ["100.0%", "98.5%"]
	assert result.counts["连心小院"] == {SATISFIED: 1, BASICALLY: 67, UNSATISFIED: 0}
	assert result.counts["刘桥镇返乡大学生创业园"] == {SATISFIED: 30, BASICALLY: 37, UNSATISFIED: 1}
	# 满意 1 of 68 is no majority, 满意 + 基本满意 is: the rate is 100% but the grade is 基本满意.
	assert result.grade == {
		"村庄扶贫路": SATISFIED,
		"陈集新村下水道改造提升工程": SATISFIED,
		"连心小院": BASICALLY,
		"丁楼村张庄路": SATISFIED,
		"刘桥镇返乡大学生创业园": BASICALLY,
	}
	assert not any(result.needs_rectification.values())
	assert "“丁楼村张庄路”有效测评票68张，满意率98.5%，测评等次为满意。" in result.messages


# --- quorum and returned ballots ----------------------------------------------------------------


@pytest.mark.parametrize(
	("present", "total", "fraction", "expected"),
	[
		(45, 68, Fraction(2, 3), False),  # 2/3 × 68 = 45⅓
		(46, 68, Fraction(2, 3), True),
		(2, 3, Fraction(2, 3), False),  # exactly 2/3 is not more than 2/3
		(3, 3, Fraction(2, 3), True),
		(40, 60, Fraction(2, 3), False),
		(41, 60, Fraction(2, 3), True),
		(34, 68, Decimal("0.5"), False),
		(35, 68, "1/2", True),
		(0, 0, Fraction(2, 3), False),
	],
)
def test_quorum_is_strictly_more_than_the_fraction(present, total, fraction, expected):
	assert quorum_met(present, total, fraction) is expected


def test_quorum_default_is_two_thirds_and_bad_attendance_is_refused():
	assert quorum_met(46, 68) and not quorum_met(45, 68)
	with pytest.raises(ValueError, match="实到人数69名多于应到人数68名"):
		quorum_met(69, 68)
	with pytest.raises(ValueError, match="法定人数比例"):
		quorum_met(10, 20, Fraction(3, 2))


def test_ballots_returned_valid():
	assert ballots_returned_valid(68, 68)
	assert ballots_returned_valid(68, 60)
	assert not ballots_returned_valid(68, 69)


def test_more_ballots_returned_than_issued_voids_the_round():
	items = ["甲", "乙", "丙"]
	result = vote(items, repeat((5, marks(items[:2], FOR))), 2, issued=4, present=5)

	assert result.round_void and not result.counted
	assert (result.issued, result.returned, result.valid) == (4, 5, 5)
	assert result.counts["甲"][FOR] == 5  # counted, but nothing passes
	assert (result.passed, result.picked, result.shortfall) == ((), (), 0)
	assert "收回选票多于发出选票，本轮票决无效，应重新进行。" in result.messages
	assert next_round(result) == RoundPlan(REVOTE, tuple(items), 2)


def test_no_quorum_means_nothing_passes():
	items = ["甲", "乙", "丙"]
	result = vote(items, repeat((40, marks(items[:2], FOR))), 2, total=60, present=40)

	assert not result.quorum_met and not result.counted
	assert result.picked == ()
	assert "应到代表60名，实到40名，未超过应到人数的三分之二，不足法定人数，本轮票决无效。" in result.messages
	assert next_round(result).kind == REVOTE


# --- ballots ----------------------------------------------------------------------------------


def test_ballot_with_more_for_than_seats_is_void_and_not_counted():
	items = ["甲", "乙", "丙", "丁"]
	ballots = repeat((3, marks(items[:2], FOR)), (2, marks(items[:3], FOR)))
	assert ballot_is_void(ballots[-1], items, 2)
	assert not ballot_is_void(ballots[0], items, 2)

	result = vote(items, ballots, 2)
	assert (result.valid, result.void) == (3, 2)
	assert result.counts["丙"] == {FOR: 0, AGAINST: 0, ABSTAIN: 3}

	kept = vote(items, ballots, 2, void_if_over_seats=False)
	assert (kept.valid, kept.void) == (5, 0)
	assert kept.counts["丙"] == {FOR: 2, AGAINST: 0, ABSTAIN: 3}


def test_unmarked_item_counts_as_abstain():
	items = ["甲", "乙", "丙"]
	assert normalize_ballot({"甲": FOR, "乙": None}, items) == {"甲": FOR, "乙": ABSTAIN, "丙": ABSTAIN}
	assert normalize_ballot({"丙": ""}, items)["丙"] == ABSTAIN

	result = vote(items, [{"甲": FOR}, {}, {"乙": AGAINST}], 1)
	assert result.counts == {
		"甲": {FOR: 1, AGAINST: 0, ABSTAIN: 2},
		"乙": {FOR: 0, AGAINST: 1, ABSTAIN: 2},
		"丙": {FOR: 0, AGAINST: 0, ABSTAIN: 3},
	}


@pytest.mark.parametrize(
	("ballot", "words"),
	[
		({"甲": "同意"}, ["甲", "同意"]),
		({"甲": FOR, "戊": AGAINST}, ["戊", AGAINST, "不在候选项目名单中"]),
	],
)
def test_bad_ballot_is_refused_naming_item_and_value(ballot, words):
	with pytest.raises(ValueError) as error:
		vote(["甲", "乙"], [{"甲": FOR}, ballot], 1)
	for word in words:
		assert word in str(error.value)


def test_bad_rating_sheet_is_refused_naming_item_and_value():
	with pytest.raises(ValueError, match="测评票上“连心小院”的标记“很满意”无效"):
		tally_survey(["连心小院"], [{"连心小院": "很满意"}], raters_total=1, present=1, issued=1)
	with pytest.raises(ValueError, match="评议票上的“李四”（标记为“优秀”）不在被评议党员名单中"):
		tally_appraisal(["张三"], [{"李四": EXCELLENT}], raters_total=1, present=1, issued=1)


def test_bad_rules_and_item_lists_are_refused():
	with pytest.raises(ValueError, match="应选项目数应为正整数"):
		VoteRules(seats=0)
	with pytest.raises(ValueError, match="过半数的计算基数“到会代表”无效"):
		VoteRules(seats=1, majority_basis="到会代表")
	with pytest.raises(ValueError, match="候选项目“甲”重复"):
		vote(["甲", "甲"], [], 1)
	with pytest.raises(ValueError, match="计入满意率的等次“一般”无效"):
		SurveyRules(satisfied_grades=("一般",))
	with pytest.raises(ValueError, match="等次的计算基数"):
		AppraisalRules(grade_basis="全体")


# --- passing, ties and rounds -------------------------------------------------------------------


def test_majority_basis_all_deputies_or_present():
	items = ["甲", "乙", "丙"]
	ballots = repeat((45, {"甲": FOR}), (25, {"乙": FOR}))
	of_all = vote(items, ballots, 2, total=100, present=70)
	of_present = vote(items, ballots, 2, total=100, present=70, majority_basis=BASIS_PRESENT_DEPUTIES)

	assert (of_all.basis, of_all.votes_needed, of_all.picked) == (100, 51, ())
	assert of_all.shortfall == 2
	assert (of_present.basis, of_present.votes_needed, of_present.picked) == (70, 36, ("甲",))
	assert of_present.shortfall == 1
	assert "以全体代表100名的过半数计，赞成票达到51票方为通过。" in of_all.messages
	assert "以出席代表70名的过半数计，赞成票达到36票方为通过。" in of_present.messages


def test_exactly_half_does_not_pass():
	result = vote(["甲", "乙"], repeat((30, {"甲": FOR}), (30, {"乙": FOR})), 1, total=60)
	assert result.votes_needed == 31
	assert result.passed == ()


def test_tie_at_cut_off_goes_to_runoff_among_the_tied():
	items = ["甲", "乙", "丙", "丁"]
	ballots = repeat(
		(32, {"甲": FOR, "乙": FOR}),
		(24, {"甲": FOR, "丙": FOR}),
		(16, {"乙": FOR, "丙": FOR}),
		(8, {"丙": FOR, "丁": FOR}),
	)
	first = vote(items, ballots, 2, total=80)

	assert {i: first.counts[i][FOR] for i in items} == {"甲": 56, "乙": 48, "丙": 48, "丁": 8}
	assert first.passed == ("甲", "乙", "丙")
	assert first.rank == {"甲": 1, "乙": 2, "丙": 2}
	assert first.picked == ("甲",)
	assert (first.runoff_items, first.runoff_seats, first.shortfall) == (("乙", "丙"), 1, 0)
	assert (
		"“乙”、“丙”赞成票均为48票，在第2名并列，超出应选名额，应就上述项目再次票决，确定其余1项。"
		in first.messages
	)
	assert next_round(first) == RoundPlan(RUNOFF, ("乙", "丙"), 1)

	runoff = vote(["丙", "乙"], repeat((45, {"丙": FOR}), (35, {"乙": FOR})), 1, total=80)
	assert runoff.picked == ("丙",)
	assert next_round(runoff) is None
	assert combine_rounds([first, runoff]) == ("甲", "丙")


def test_tie_of_all_passing_items_leaves_every_seat_to_the_runoff():
	items = ["甲", "乙", "丙"]
	ballots = repeat((20, {"甲": FOR, "乙": FOR}), (20, {"乙": FOR, "丙": FOR}), (20, {"甲": FOR, "丙": FOR}))
	result = vote(items, ballots, 2)
	assert result.picked == ()
	assert (result.runoff_items, result.runoff_seats) == (("甲", "乙", "丙"), 2)


def test_tie_above_the_cut_off_is_flagged_but_needs_no_runoff():
	items = ["甲", "乙", "丙", "丁"]
	ballots = repeat((40, {"甲": FOR, "乙": FOR, "丙": FOR}), (10, {"甲": FOR, "乙": FOR}), (10, {"丁": FOR}))
	result = vote(items, ballots, 3)

	assert result.picked == ("甲", "乙", "丙")
	assert result.rank == {"甲": 1, "乙": 1, "丙": 3}
	assert result.runoff_items == ()
	assert "“甲”、“乙”赞成票均为50票，并列第1名。" in result.messages
	assert next_round(result) is None


def test_shortfall_leads_to_a_further_round_among_the_rest():
	items = ["甲", "乙", "丙", "丁", "戊", "己"]
	ballots = repeat((40, marks(items[:3], FOR)), (20, marks(items[3:], FOR)))
	first = vote(items, ballots, 5)

	assert first.picked == ("甲", "乙", "丙")
	assert first.shortfall == 2
	assert "获得通过的项目少于应选的5项，尚缺2项，可由主席团决定在其余候选项目中另行票决。" in first.messages
	plan = next_round(first)
	assert plan == RoundPlan(FURTHER_ROUND, ("丁", "戊", "己"), 2)

	second = vote(plan.items, repeat((35, {"丁": FOR, "戊": FOR}), (25, {"己": FOR})), plan.seats)
	assert combine_rounds([first, second]) == ("甲", "乙", "丙", "丁", "戊")


def test_rounds_must_follow_the_plan():
	items = ["甲", "乙", "丙"]
	first = vote(items, repeat((40, {"甲": FOR}), (20, {"乙": FOR})), 2)
	wrong = vote(["乙", "丙"], repeat((40, {"乙": FOR})), 2)
	with pytest.raises(ValueError, match="第2轮应就“乙”、“丙”另行票决，确定1项"):
		combine_rounds([first, wrong])

	settled = vote(items, repeat((40, {"甲": FOR, "乙": FOR})), 2)
	with pytest.raises(ValueError, match="第1轮票决已确定结果，不需要第2轮"):
		combine_rounds([settled, first])


def test_void_round_is_held_again_and_then_counts():
	items = ["甲", "乙", "丙"]
	ballots = repeat((40, {"甲": FOR, "乙": FOR}), (20, {"丙": FOR}))
	void = vote(items, ballots, 2, issued=59, present=60)
	again = vote(items, ballots, 2)
	assert void.picked == () and again.picked == ("甲", "乙")
	assert combine_rounds([void, again]) == ("甲", "乙")


# --- decide from aggregated counts ----------------------------------------------------------------


def test_decide_from_counts_derives_abstain():
	rules = VoteRules(seats=1)
	result = decide(
		["甲", "乙"],
		{"甲": {FOR: 40, AGAINST: 5}},
		rules,
		issued=60,
		returned=60,
		valid=58,
		void=2,
		total_deputies=60,
		present=60,
	)
	assert result.counts == {
		"甲": {FOR: 40, AGAINST: 5, ABSTAIN: 13},
		"乙": {FOR: 0, AGAINST: 0, ABSTAIN: 58},
	}
	assert result.picked == ("甲",)


@pytest.mark.parametrize(
	("counts", "valid", "void", "message"),
	[
		({"甲": {FOR: 40, AGAINST: 30}}, 60, 0, "“甲”的赞成40票、反对30票、弃权-10票之和应等于有效票60张"),
		({"甲": {FOR: 40, ABSTAIN: 5}}, 60, 0, "之和应等于有效票60张"),
		({"甲": {FOR: 10}}, 50, 5, "有效票50张与废票5张之和应等于收回选票60张"),
		({"戊": {FOR: 10}}, 60, 0, "统计结果中的“戊”不在候选项目名单中"),
		({"甲": {"同意": 10}}, 60, 0, "“甲”的统计结果中有无效标记“同意”"),
		({"甲": {FOR: -1}}, 60, 0, "“甲”的“赞成”票数应为非负整数"),
	],
)
def test_decide_refuses_inconsistent_counts(counts, valid, void, message):
	with pytest.raises(ValueError, match=message):
		decide(
			["甲", "乙"],
			counts,
			VoteRules(seats=1),
			issued=60,
			returned=60,
			valid=valid,
			void=void,
			total_deputies=60,
			present=60,
		)


# --- grades: survey and appraisal -------------------------------------------------------------------


@pytest.mark.parametrize(
	("counts", "grades", "basis", "expected"),
	[
		({SATISFIED: 35, BASICALLY: 30, UNSATISFIED: 3}, SATISFACTION_GRADES, 68, SATISFIED),
		({SATISFIED: 34, BASICALLY: 30, UNSATISFIED: 4}, SATISFACTION_GRADES, 68, BASICALLY),
		({SATISFIED: 20, BASICALLY: 14, UNSATISFIED: 34}, SATISFACTION_GRADES, 68, UNSATISFIED),
		({SATISFIED: 20, BASICALLY: 15, UNSATISFIED: 33}, SATISFACTION_GRADES, 68, BASICALLY),
		({EXCELLENT: 6, QUALIFIED: 4}, APPRAISAL_GRADES, 10, EXCELLENT),
		({EXCELLENT: 3, QUALIFIED: 3, UNQUALIFIED: 4}, APPRAISAL_GRADES, 10, QUALIFIED),
		({QUALIFIED: 2, BASICALLY_QUALIFIED: 4, UNQUALIFIED: 4}, APPRAISAL_GRADES, 10, BASICALLY_QUALIFIED),
		({QUALIFIED: 5, UNQUALIFIED: 5}, APPRAISAL_GRADES, 10, UNQUALIFIED),
		({}, APPRAISAL_GRADES, 0, None),
	],
)
def test_cumulative_grade(counts, grades, basis, expected):
	assert cumulative_grade(counts, grades, basis) == expected


@pytest.mark.parametrize(
	("satisfied", "valid", "rate"),
	[
		(67, 68, "98.5"),
		(68, 68, "100.0"),
		(0, 5, "0.0"),
		(1, 8, "12.5"),
		(1, 16, "6.3"),
		(2, 3, "66.7"),
		(1, 3, "33.3"),
	],
)
def test_satisfaction_rate_rounds_half_up_to_one_decimal(satisfied, valid, rate):
	assert satisfaction_rate(satisfied, valid) == Decimal(rate)
	assert str(satisfaction_rate(satisfied, valid)) == rate
	assert format_rate(satisfaction_rate(satisfied, valid)) == rate + "%"


def test_satisfaction_rate_refuses_impossible_counts():
	with pytest.raises(ValueError, match="有效测评票为0"):
		satisfaction_rate(0, 0)
	with pytest.raises(ValueError, match="满意票5张多于有效测评票4张"):
		satisfaction_rate(5, 4)


def test_unmarked_item_is_not_a_valid_rating():
	sheets = repeat((6, {"甲": SATISFIED, "乙": SATISFIED}), (4, {"甲": UNSATISFIED}))
	result = tally_survey(["甲", "乙"], sheets, raters_total=10, present=10, issued=10)

	assert result.valid == {"甲": 10, "乙": 6}
	assert result.counts["乙"] == {SATISFIED: 6, BASICALLY: 0, UNSATISFIED: 0}
	assert result.satisfaction_rate == {"甲": Decimal("60.0"), "乙": Decimal("100.0")}
	assert result.grade == {"甲": SATISFIED, "乙": SATISFIED}


def test_grade_basis_roll_or_valid_ratings():
	sheets = repeat((4, {"甲": SATISFIED}), (1, {"甲": UNSATISFIED}), (5, {}))
	by_valid = tally_survey(["甲"], sheets, raters_total=10, present=10, issued=10)
	by_roll = tally_survey(
		["甲"], sheets, SurveyRules(grade_basis=BASIS_ROLL), raters_total=10, present=10, issued=10
	)

	assert SurveyRules().grade_basis == BASIS_VALID_RATINGS
	assert by_valid.grade["甲"] == SATISFIED  # 4 of 5 valid ratings
	assert by_roll.grade["甲"] == UNSATISFIED  # 4 of 10 due to rate
	assert by_roll.needs_rectification == {"甲": True}
	assert "“甲”有效测评票5张，满意率80.0%，测评等次为不满意，应交政府整改。" in by_roll.messages


def test_satisfied_grades_is_a_rule():
	sheets = repeat((3, {"甲": SATISFIED}), (5, {"甲": BASICALLY}))
	strict = tally_survey(
		["甲"], sheets, SurveyRules(satisfied_grades=(SATISFIED,)), raters_total=8, present=8, issued=8
	)
	assert strict.satisfaction_rate["甲"] == Decimal("37.5")


def test_survey_that_does_not_stand_gives_no_grade():
	sheets = repeat((6, {"甲": UNSATISFIED}))
	void = tally_survey(["甲"], sheets, raters_total=10, present=6, issued=5)
	assert void.round_void and not void.counted
	assert void.grade == {"甲": None} and void.satisfaction_rate == {"甲": None}
	assert void.needs_rectification == {"甲": False}
	assert "收回测评票多于发出测评票，本次测评无效，应重新进行。" in void.messages

	nobody = tally_survey(["甲", "乙"], repeat((8, {"甲": SATISFIED})), raters_total=10, present=8, issued=8)
	assert nobody.grade["乙"] is None and nobody.satisfaction_rate["乙"] is None
	assert "“乙”没有有效测评票，不能评定等次。" in nobody.messages


def test_appraisal_suggests_grades():
	members = ["张三", "李四", "王五", "赵六"]
	sheets = repeat(
		(3, {"张三": EXCELLENT, "李四": EXCELLENT, "王五": QUALIFIED, "赵六": UNQUALIFIED}),
		(3, {"张三": EXCELLENT, "李四": QUALIFIED, "王五": BASICALLY_QUALIFIED, "赵六": QUALIFIED}),
		(3, {"张三": QUALIFIED, "李四": BASICALLY_QUALIFIED, "王五": UNQUALIFIED, "赵六": UNQUALIFIED}),
	)
	result = tally_appraisal(members, sheets, raters_total=12, present=9, issued=9)

	assert result.counts["赵六"] == {EXCELLENT: 0, QUALIFIED: 3, BASICALLY_QUALIFIED: 0, UNQUALIFIED: 6}
	assert result.grade == {
		"张三": EXCELLENT,
		"李四": QUALIFIED,
		"王五": BASICALLY_QUALIFIED,
		"赵六": UNQUALIFIED,
	}
	assert "应到党员12名，实到9名，超过应到人数的半数，符合法定人数。" in result.messages
	assert "“李四”有效评议票9张，建议评定为合格。" in result.messages

	thin = tally_appraisal(members, sheets[:6], raters_total=12, present=6, issued=6)
	assert not thin.quorum_met and set(thin.grade.values()) == {None}


# --- properties --------------------------------------------------------------------------------

POOL = ["甲", "乙", "丙", "丁", "戊", "己"]
VOTE_MARK = st.sampled_from([FOR, FOR, FOR, FOR, AGAINST, ABSTAIN, None])


@st.composite
def vote_rounds(draw):
	items = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=6, unique=True))
	seats = draw(st.integers(1, len(items)))
	# A few kinds of ballot, each cast several times: majorities and ties become common.
	kinds = draw(st.lists(st.dictionaries(st.sampled_from(items), VOTE_MARK), min_size=1, max_size=4))
	ballots = draw(st.permutations([kind for kind in kinds for _ in range(draw(st.integers(0, 12)))]))
	issued = max(0, len(ballots) + draw(st.sampled_from([0, 0, 0, 1, -1])))
	present = draw(st.integers(issued, issued + 2))
	total = draw(st.integers(max(present, 1), present + 3))
	rules = VoteRules(
		seats=seats,
		majority_basis=draw(st.sampled_from([BASIS_ALL_DEPUTIES, BASIS_PRESENT_DEPUTIES])),
		void_if_over_seats=draw(st.booleans()),
	)
	return items, ballots, rules, {"issued": issued, "total_deputies": total, "present": present}


def aggregate(items, ballots, rules, keep_abstain):
	"""What a SQL GROUP BY over stored ballots returns: nonzero counts only, 弃权 optionally not stored."""
	valid = [
		b
		for b in ballots
		if not (rules.void_if_over_seats and sum(m == FOR for m in b.values()) > rules.seats)
	]
	rows = Counter((item, ballot.get(item) or ABSTAIN) for ballot in valid for item in items)
	counts = {}
	for (item, choice), number in rows.items():
		if keep_abstain or choice != ABSTAIN:
			counts.setdefault(item, {})[choice] = number
	return counts, len(valid), len(ballots) - len(valid)


@settings(max_examples=300)
@given(vote_rounds(), st.data())
def test_vote_properties(round_, data):
	items, ballots, rules, numbers = round_
	result = tally_vote(items, ballots, rules, **numbers)

	assert result.valid + result.void == result.returned == len(ballots)
	for item in items:
		assert sum(result.counts[item].values()) == result.valid
	assert len(result.picked) <= rules.seats
	assert set(result.picked) <= set(result.passed)
	for item in result.passed:
		assert 2 * result.counts[item][FOR] > result.basis
	if result.counted:
		assert len(result.picked) + result.runoff_seats + result.shortfall == rules.seats
	else:
		assert result.picked == () and next_round(result).kind == REVOTE

	shuffled = data.draw(st.permutations(ballots))
	assert tally_vote(items, shuffled, rules, **numbers) == result

	counts, valid, void = aggregate(items, ballots, rules, data.draw(st.booleans()))
	assert decide(items, counts, rules, returned=len(ballots), valid=valid, void=void, **numbers) == result


@given(st.data())
def test_survey_properties(data):
	items = data.draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True))
	mark = st.sampled_from([*SATISFACTION_GRADES, None])
	sheets = data.draw(st.lists(st.dictionaries(st.sampled_from(items), mark), max_size=30))
	present = data.draw(st.integers(len(sheets), len(sheets) + 3))
	numbers = {"raters_total": present + data.draw(st.integers(0, 5)), "present": present, "issued": present}
	rules = SurveyRules(grade_basis=data.draw(st.sampled_from([BASIS_ROLL, BASIS_VALID_RATINGS])))
	result = tally_survey(items, sheets, rules, **numbers)

	for item in items:
		assert result.valid[item] == sum(result.counts[item].values()) <= len(sheets)
		rate = result.satisfaction_rate[item]
		assert rate is None or Decimal("0.0") <= rate <= Decimal("100.0")
		assert result.needs_rectification[item] == (result.grade[item] == UNSATISFIED)
	assert tally_survey(items, data.draw(st.permutations(sheets)), rules, **numbers) == result
	counts = {i: {g: n for g, n in row.items() if n} for i, row in result.counts.items()}
	assert decide_survey(items, counts, rules, returned=len(sheets), **numbers) == result
