from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sanyou_app.core import ballot, voting
from sanyou_app.core.ballot import (
	ABSTAIN,
	AGAINST,
	BASIS_ALL_DEPUTIES,
	BASIS_PRESENT_DEPUTIES,
	BASIS_ROLL,
	BASIS_VALID_RATINGS,
	FOR,
	FURTHER_ROUND,
	REVOTE,
	RUNOFF,
	AppraisalRules,
	RoundPlan,
	SurveyRules,
	VoteRules,
)
from sanyou_app.core.voting import (
	APPRAISAL,
	CLOSED,
	CONFIRMING,
	COUNTING,
	PREPARING,
	PROJECT_VOTE,
	PUBLISHED,
	STATUSES,
	SURVEY,
	VOIDED,
	VOTING,
	Rules,
	check_action,
	check_setup,
	compare_entries,
	decide,
	marks_for,
	next_round_plan,
	quorum_message,
	read_sheet,
	result_rows,
	rules_from,
	settled,
	sheet_name,
)

# The 2020 candidates of the seed: the five picked projects, then the sixth candidate.
CANDIDATES_2020 = (
	"村庄扶贫路",
	"陈集新村下水道改造提升工程",
	"连心小院",
	"丁楼村张庄路",
	"刘桥镇返乡大学生创业园",
	"2020年候选项目六",
)
PICKED_2020 = CANDIDATES_2020[:5]
SIXTH_2020 = CANDIDATES_2020[5]
RATED_FULL = CANDIDATES_2020[:3]  # rated 100.0% satisfied in 2021
RATED_MOST = CANDIDATES_2020[3:5]  # one 不满意 each: 98.5%

VOTE_RULES = Rules(PROJECT_VOTE, seats=5)
SURVEY_RULES = Rules(SURVEY)
APPRAISAL_RULES = Rules(APPRAISAL)


def sheets_2020():
	"""The 70 paper ballots of the 2020 session as the demo enters them."""
	five, sixth = list(PICKED_2020), SIXTH_2020
	return (
		[{**dict.fromkeys(five, FOR), sixth: AGAINST}] * 60
		+ [{**dict.fromkeys(five[:4], FOR), sixth: FOR, five[4]: ABSTAIN}] * 6
		+ [{}] * 2
		+ [dict.fromkeys(CANDIDATES_2020, FOR)] * 2  # six 赞成 for five seats: void
	)


def counts_2020():
	"""{item: {choice: n}} over the 68 valid ballots of 2020."""
	return {
		**{item: {FOR: 66, AGAINST: 0, ABSTAIN: 2} for item in PICKED_2020[:4]},
		PICKED_2020[4]: {FOR: 60, AGAINST: 0, ABSTAIN: 8},
		SIXTH_2020: {FOR: 6, AGAINST: 60, ABSTAIN: 2},
	}


def decide_2020(counts=None):
	return decide(
		VOTE_RULES,
		CANDIDATES_2020,
		counts_2020() if counts is None else counts,
		issued=70,
		returned=70,
		valid=68,
		void=2,
		total=72,
		present=70,
	)


def counts_survey_2020():
	"""The 68 rating sheets of the 2020 projects, as counts."""
	return {
		**{item: {"满意": 60, "基本满意": 8, "不满意": 0} for item in RATED_FULL},
		**{item: {"满意": 58, "基本满意": 9, "不满意": 1} for item in RATED_MOST},
	}


def decide_survey_2020(rules=SURVEY_RULES, present=68):
	"""The 2020 survey; with fewer present, every sheet back rates every project 满意."""
	items = RATED_FULL + RATED_MOST
	counts = counts_survey_2020() if present == 68 else {item: {"满意": present} for item in items}
	return decide(
		rules, items, counts, issued=present, returned=present, valid=None, void=None,
		total=68, present=present,
	)  # fmt: skip


def by_item(rows):
	return {row["item_label"]: row for row in rows}


# ---------------------------------------------------------------------------------------------
# Marks and sheet names


@pytest.mark.parametrize(
	("vote_type", "marks", "name"),
	[
		(PROJECT_VOTE, ("赞成", "反对", "弃权"), "选票"),
		(SURVEY, ("满意", "基本满意", "不满意"), "测评表"),
		(APPRAISAL, ("优秀", "合格", "基本合格", "不合格"), "评议表"),
	],
)
def test_marks_and_sheet_name_per_vote_type(vote_type, marks, name):
	assert marks_for(vote_type) == marks
	assert sheet_name(vote_type) == name


def test_every_vote_type_has_marks_and_a_sheet_name():
	assert set(voting.VOTE_TYPES) == {PROJECT_VOTE, SURVEY, APPRAISAL}
	for vote_type in voting.VOTE_TYPES:
		assert marks_for(vote_type)
		assert sheet_name(vote_type)


# ---------------------------------------------------------------------------------------------
# Status and actions


def test_statuses_run_in_order_and_closed_ones_are_published_or_void():
	assert STATUSES == (PREPARING, VOTING, COUNTING, CONFIRMING, PUBLISHED, VOIDED)
	assert CLOSED == ("已公布", "本轮无效")
	assert voting.SECRET_RESULT == ("计票中", "待监票人确认")


@pytest.mark.parametrize(
	("action", "status"),
	[("open", "准备中"), ("close", "投票中"), ("count", "计票中")],
)
def test_an_action_is_allowed_from_its_status(action, status):
	check_action(status, action)  # no error


@pytest.mark.parametrize(
	("action", "needed", "verb"),
	[("open", "准备中", "开始投票"), ("close", "投票中", "结束投票"), ("count", "计票中", "计票")],
)
def test_an_action_from_any_other_status_is_refused_naming_status_and_step(action, needed, verb):
	for status in STATUSES:
		if status == needed:
			continue
		with pytest.raises(ValueError) as caught:
			check_action(status, action)
		message = str(caught.value)
		assert f"“{status}”" in message
		assert f"不能{verb}" in message
		assert f"应为“{needed}”" in message


def test_opening_a_vote_already_open_says_so():
	with pytest.raises(ValueError, match="表决处于“投票中”状态，不能开始投票（应为“准备中”）"):
		check_action(VOTING, "open")


def test_a_published_vote_cannot_be_counted_again():
	with pytest.raises(ValueError, match="“已公布”.*不能计票"):
		check_action(PUBLISHED, "count")


def test_actions_move_the_vote_one_step_on():
	assert voting.ACTIONS == {
		"open": (PREPARING, VOTING),
		"close": (VOTING, COUNTING),
		"count": (COUNTING, CONFIRMING),
	}


# ---------------------------------------------------------------------------------------------
# Rules


def test_rules_defaults():
	rules = Rules(PROJECT_VOTE)
	assert rules.seats == 0
	assert rules.majority_basis == "全体代表"
	assert (rules.quorum_numerator, rules.quorum_denominator) == (2, 3)
	assert rules.quorum == Fraction(2, 3)
	assert rules.void_if_over_seats is True
	assert rules.count_basic_satisfied is True
	assert rules.grade_basis == "应到人数"


def test_rules_from_a_bare_record_takes_the_defaults():
	assert rules_from({"vote_type": PROJECT_VOTE}) == Rules(PROJECT_VOTE)


def test_rules_from_empty_fields_takes_the_defaults():
	doc = {
		"vote_type": SURVEY,
		"seats": None,
		"majority_basis": "",
		"quorum_numerator": None,
		"quorum_denominator": 0,
		"grade_basis": None,
	}
	rules = rules_from(doc)
	assert rules == Rules(SURVEY)
	assert rules.quorum == Fraction(2, 3)


def test_rules_from_reads_every_field():
	doc = {
		"vote_type": PROJECT_VOTE,
		"seats": "4",
		"majority_basis": BASIS_PRESENT_DEPUTIES,
		"quorum_numerator": 1,
		"quorum_denominator": 2,
		"void_if_over_seats": 0,
		"count_basic_satisfied": 0,
		"grade_basis": BASIS_VALID_RATINGS,
		"name": "ignored",
	}
	rules = rules_from(doc)
	assert rules == Rules(
		vote_type=PROJECT_VOTE,
		seats=4,
		majority_basis="出席代表",
		quorum_numerator=1,
		quorum_denominator=2,
		void_if_over_seats=False,
		count_basic_satisfied=False,
		grade_basis="有效票数",
	)
	assert rules.quorum == Fraction(1, 2)


def test_rules_from_keeps_checked_boxes_on():
	rules = rules_from({"vote_type": SURVEY, "void_if_over_seats": 1, "count_basic_satisfied": 1})
	assert rules.void_if_over_seats is True
	assert rules.count_basic_satisfied is True


@pytest.mark.parametrize(("numerator", "denominator"), [(2, 3), (1, 2), (3, 4), (4, 6)])
def test_quorum_is_the_exact_fraction(numerator, denominator):
	rules = Rules(PROJECT_VOTE, seats=1, quorum_numerator=numerator, quorum_denominator=denominator)
	assert rules.quorum == Fraction(numerator, denominator)
	assert rules.engine_rules().quorum_fraction == Fraction(numerator, denominator)


def test_engine_rules_of_a_project_vote():
	rules = Rules(
		PROJECT_VOTE,
		seats=5,
		majority_basis=BASIS_PRESENT_DEPUTIES,
		quorum_numerator=1,
		quorum_denominator=2,
		void_if_over_seats=False,
	)
	assert rules.engine_rules() == VoteRules(
		seats=5, majority_basis="出席代表", quorum_fraction=Fraction(1, 2), void_if_over_seats=False
	)


def test_engine_rules_of_a_project_vote_by_default():
	engine = VOTE_RULES.engine_rules()
	assert isinstance(engine, VoteRules)
	assert engine.seats == 5
	assert engine.majority_basis == "全体代表"
	assert engine.quorum_fraction == Fraction(2, 3)
	assert engine.void_if_over_seats is True


def test_engine_rules_of_a_survey_count_basic_satisfied():
	engine = SURVEY_RULES.engine_rules()
	assert isinstance(engine, SurveyRules)
	assert engine.satisfied_grades == ("满意", "基本满意")
	assert engine.grade_basis == "应到人数"
	assert engine.quorum_fraction == Fraction(2, 3)


def test_engine_rules_of_a_survey_without_basic_satisfied():
	engine = Rules(SURVEY, count_basic_satisfied=False, grade_basis=BASIS_VALID_RATINGS).engine_rules()
	assert isinstance(engine, SurveyRules)
	assert engine.satisfied_grades == ("满意",)
	assert engine.grade_basis == "有效票数"


def test_engine_rules_of_an_appraisal():
	engine = Rules(APPRAISAL, quorum_numerator=1, quorum_denominator=2).engine_rules()
	assert engine == AppraisalRules(grade_basis=BASIS_ROLL, quorum_fraction=Fraction(1, 2))


def test_engine_rules_of_a_project_vote_without_seats_raise():
	with pytest.raises(ValueError, match="应选项目数应为正整数"):
		Rules(PROJECT_VOTE).engine_rules()


# ---------------------------------------------------------------------------------------------
# Set-up


def test_a_good_project_vote_setup_has_no_problems():
	assert check_setup(VOTE_RULES, CANDIDATES_2020, 72) == []


@pytest.mark.parametrize("rules", [SURVEY_RULES, APPRAISAL_RULES])
def test_a_good_rating_setup_needs_no_seats(rules):
	assert check_setup(rules, ["甲", "乙"], 68) == []


def test_a_setup_without_items_is_refused():
	problems = check_setup(SURVEY_RULES, [], 68)
	assert problems == ["没有表决事项"]


def test_a_project_vote_without_items_does_not_also_claim_a_difference():
	problems = check_setup(VOTE_RULES, [], 72)
	assert "没有表决事项" in problems
	assert not any("差额" in p for p in problems)


def test_duplicate_items_are_refused():
	problems = check_setup(VOTE_RULES, [*CANDIDATES_2020, CANDIDATES_2020[0]], 72)
	assert problems == ["表决事项有重复"]


def test_an_empty_roll_is_refused():
	assert check_setup(VOTE_RULES, CANDIDATES_2020, 0) == ["没有应到人员名单"]


@pytest.mark.parametrize("seats", [0, -1])
def test_a_project_vote_needs_at_least_one_seat(seats):
	problems = check_setup(Rules(PROJECT_VOTE, seats=seats), CANDIDATES_2020, 72)
	assert "应选项目数至少为1" in problems
	assert not any("差额" in p for p in problems)


def test_as_many_candidates_as_seats_is_no_competitive_vote():
	problems = check_setup(VOTE_RULES, PICKED_2020, 72)
	assert problems == ["差额票决：候选项目（5个）应多于应选项目数（5个）"]


def test_fewer_candidates_than_seats_is_refused_naming_both_numbers():
	(problem,) = check_setup(Rules(PROJECT_VOTE, seats=5), PICKED_2020[:3], 72)
	assert "差额票决" in problem
	assert "3个" in problem
	assert "5个" in problem


def test_one_more_candidate_than_seats_is_enough():
	assert check_setup(Rules(PROJECT_VOTE, seats=4), PICKED_2020, 72) == []


def test_a_bad_quorum_is_reported_by_the_engine():
	rules = Rules(SURVEY, quorum_numerator=3, quorum_denominator=2)
	problems = check_setup(rules, ["甲"], 10)
	assert len(problems) == 1
	assert "法定人数比例" in problems[0]


def test_several_problems_are_all_reported():
	problems = check_setup(Rules(PROJECT_VOTE, seats=0), ["甲", "甲"], 0)
	assert "表决事项有重复" in problems
	assert "没有应到人员名单" in problems
	assert "应选项目数至少为1" in problems


# ---------------------------------------------------------------------------------------------
# Quorum


def test_45_of_68_is_no_quorum():
	message = quorum_message(VOTE_RULES, 45, 68)
	assert message is not None
	assert "不足法定人数" in message
	assert "应到68名" in message
	assert "已签到45名" in message
	assert "2/3" in message
	assert "不能开始投票" in message


def test_46_of_68_is_a_quorum():
	assert quorum_message(VOTE_RULES, 46, 68) is None


def test_quorum_follows_the_rules_fraction():
	half = Rules(APPRAISAL, quorum_numerator=1, quorum_denominator=2)
	assert quorum_message(half, 5, 10) is not None
	assert "1/2" in quorum_message(half, 5, 10)
	assert quorum_message(half, 6, 10) is None


def test_2020_session_had_a_quorum():
	assert quorum_message(VOTE_RULES, 70, 72) is None


# ---------------------------------------------------------------------------------------------
# Reading a sheet


def test_a_vote_ballot_marks_unmarked_items_as_abstain():
	items = ["甲", "乙", "丙"]
	choices, void = read_sheet(PROJECT_VOTE, items, 2, {"甲": FOR, "乙": None})
	assert choices == {"甲": "赞成", "乙": "弃权", "丙": "弃权"}
	assert void is False


def test_an_empty_vote_ballot_is_all_abstain_and_valid():
	choices, void = read_sheet(PROJECT_VOTE, CANDIDATES_2020, 5, {})
	assert set(choices.values()) == {"弃权"}
	assert len(choices) == 6
	assert void is False


def test_a_vote_ballot_with_more_for_than_seats_is_void():
	choices, void = read_sheet(PROJECT_VOTE, CANDIDATES_2020, 5, dict.fromkeys(CANDIDATES_2020, FOR))
	assert void is True
	assert list(choices.values()) == ["赞成"] * 6


def test_a_vote_ballot_with_as_many_for_as_seats_is_valid():
	_choices, void = read_sheet(PROJECT_VOTE, CANDIDATES_2020, 5, dict.fromkeys(PICKED_2020, FOR))
	assert void is False


def test_over_seats_is_not_void_when_the_rules_say_so():
	choices, void = read_sheet(
		PROJECT_VOTE, CANDIDATES_2020, 5, dict.fromkeys(CANDIDATES_2020, FOR), void_if_over_seats=False
	)
	assert void is False
	assert list(choices.values()) == ["赞成"] * 6


def test_a_vote_ballot_with_an_unknown_item_raises_naming_it():
	with pytest.raises(ValueError, match="“戊”.*不在候选项目名单中"):
		read_sheet(PROJECT_VOTE, ["甲", "乙"], 1, {"戊": FOR})


def test_a_vote_ballot_with_an_unknown_mark_raises_naming_it():
	with pytest.raises(ValueError) as caught:
		read_sheet(PROJECT_VOTE, ["甲", "乙"], 1, {"甲": "满意"})
	message = str(caught.value)
	assert "“甲”" in message
	assert "“满意”" in message
	assert "赞成、反对、弃权" in message


def test_a_rating_sheet_keeps_only_the_graded_items():
	clean, void = read_sheet(SURVEY, ["甲", "乙", "丙"], 0, {"甲": "满意", "乙": None, "丙": ""})
	assert clean == {"甲": "满意"}
	assert void is False


def test_an_appraisal_sheet_is_read_like_a_survey():
	clean, void = read_sheet(APPRAISAL, ["张三", "李四"], 0, {"张三": "优秀", "李四": "不合格"})
	assert clean == {"张三": "优秀", "李四": "不合格"}
	assert void is False


def test_a_rating_sheet_is_never_void_however_many_marks():
	clean, void = read_sheet(SURVEY, ["甲", "乙", "丙"], 1, dict.fromkeys(["甲", "乙", "丙"], "满意"))
	assert len(clean) == 3
	assert void is False


def test_a_rating_sheet_with_an_unknown_item_raises_naming_it_and_the_sheet():
	with pytest.raises(ValueError, match="“戊”不在本次测评表的事项中"):
		read_sheet(SURVEY, ["甲"], 0, {"戊": "满意"})
	with pytest.raises(ValueError, match="“戊”不在本次评议表的事项中"):
		read_sheet(APPRAISAL, ["甲"], 0, {"戊": "优秀"})


def test_a_survey_sheet_refuses_a_vote_mark():
	with pytest.raises(ValueError) as caught:
		read_sheet(SURVEY, ["甲"], 0, {"甲": "赞成"})
	message = str(caught.value)
	assert "“甲”的标记“赞成”无效" in message
	assert "满意、基本满意、不满意" in message


def test_a_survey_sheet_refuses_an_appraisal_mark():
	with pytest.raises(ValueError, match="“合格”无效"):
		read_sheet(SURVEY, ["甲"], 0, {"甲": "合格"})


def test_an_appraisal_sheet_refuses_a_survey_mark():
	with pytest.raises(ValueError, match="“满意”无效，只能是优秀、合格、基本合格、不合格或不填"):
		read_sheet(APPRAISAL, ["甲"], 0, {"甲": "满意"})


def test_the_2020_ballots_read_into_68_valid_and_2_void():
	read = [read_sheet(PROJECT_VOTE, CANDIDATES_2020, 5, sheet) for sheet in sheets_2020()]
	valid = [choices for choices, void in read if not void]
	assert len(valid) == 68
	assert len(read) - len(valid) == 2
	counts = {item: dict(Counter(choices[item] for choices in valid)) for item in CANDIDATES_2020}
	assert counts == {item: {k: v for k, v in row.items() if v} for item, row in counts_2020().items()}


# ---------------------------------------------------------------------------------------------
# Two tellers' entries of one paper sheet


def test_equal_entries_agree():
	sheet = {"甲": FOR, "乙": AGAINST, "丙": ABSTAIN}
	assert compare_entries(sheet, dict(sheet)) == []


def test_a_differing_item_is_named():
	first = {"甲": FOR, "乙": AGAINST, "丙": ABSTAIN}
	second = {"甲": FOR, "乙": FOR, "丙": ABSTAIN}
	assert compare_entries(first, second) == ["乙"]


def test_all_differing_items_are_named():
	first = {"甲": FOR, "乙": AGAINST, "丙": ABSTAIN}
	second = {"甲": AGAINST, "乙": AGAINST, "丙": FOR}
	assert sorted(compare_entries(first, second)) == ["丙", "甲"]


def test_none_and_empty_are_both_unmarked():
	assert compare_entries({"甲": None, "乙": FOR}, {"甲": "", "乙": FOR}) == []


def test_an_item_only_in_one_entry_differs_when_marked():
	assert compare_entries({"甲": FOR, "乙": "满意"}, {"甲": FOR}) == ["乙"]
	assert compare_entries({"甲": FOR}, {"甲": FOR, "乙": AGAINST}) == ["乙"]


def test_an_item_only_in_one_entry_agrees_when_unmarked():
	assert compare_entries({"甲": FOR, "乙": None}, {"甲": FOR}) == []
	assert compare_entries({"甲": FOR}, {"甲": FOR, "乙": ""}) == []


def test_two_empty_entries_agree():
	assert compare_entries({}, {}) == []


# ---------------------------------------------------------------------------------------------
# Deciding the 2020 vote and its result rows


def test_2020_vote_picks_the_five_projects():
	result = decide_2020()
	assert isinstance(result, ballot.VoteResult)
	assert settled(result) is True
	assert result.basis == 72
	assert result.votes_needed == 37
	assert set(result.picked) == set(PICKED_2020)
	assert result.runoff_items == ()
	assert result.shortfall == 0
	assert next_round_plan(result) is None


def test_2020_vote_result_rows():
	rows = result_rows(decide_2020())
	assert [row["item_label"] for row in rows] == list(CANDIDATES_2020)
	table = by_item(rows)
	for item in PICKED_2020[:4]:
		assert table[item] == {
			"item_label": item,
			"votes_for": 66,
			"votes_against": 0,
			"votes_abstain": 2,
			"valid": 68,
			"rank": 1,
			"passed": 1,
			"picked": 1,
			"runoff": 0,
		}
	fifth = table[PICKED_2020[4]]
	assert (fifth["votes_for"], fifth["votes_against"], fifth["votes_abstain"]) == (60, 0, 8)
	assert (fifth["rank"], fifth["passed"], fifth["picked"], fifth["runoff"]) == (5, 1, 1, 0)
	sixth = table[SIXTH_2020]
	assert (sixth["votes_for"], sixth["votes_against"], sixth["votes_abstain"]) == (6, 60, 2)
	assert (sixth["rank"], sixth["passed"], sixth["picked"], sixth["runoff"]) == (0, 0, 0, 0)
	assert sum(row["picked"] for row in rows) == 5


def test_2020_vote_from_counts_without_abstain_derives_it():
	"""A store that keeps only the marked choices gives the same rows."""
	counts = {item: {k: v for k, v in row.items() if k != ABSTAIN} for item, row in counts_2020().items()}
	assert result_rows(decide_2020(counts)) == result_rows(decide_2020())


def test_2020_vote_messages_give_the_numbers():
	text = "".join(decide_2020().messages)
	assert "应到代表72名，实到70名" in text
	assert "发出选票70张，收回选票70张，其中有效票68张、废票2张" in text
	assert "赞成票达到37票方为通过" in text
	assert "确定民生实事项目5项" in text


def test_counts_that_do_not_add_up_to_the_valid_ballots_raise():
	counts = counts_2020()
	counts[SIXTH_2020] = {FOR: 6, AGAINST: 60, ABSTAIN: 3}
	with pytest.raises(ValueError, match="应等于有效票68张"):
		decide_2020(counts)


def test_2020_survey_rows():
	result = decide_survey_2020()
	assert isinstance(result, ballot.SurveyResult)
	assert settled(result) is True
	rows = by_item(result_rows(result))
	for item in RATED_FULL:
		assert rows[item] == {
			"item_label": item,
			"valid": 68,
			"grade": "满意",
			"satisfied": 60,
			"basically_satisfied": 8,
			"unsatisfied": 0,
			"satisfaction_rate": 100.0,
			"needs_rectification": 0,
		}
	for item in RATED_MOST:
		row = rows[item]
		assert row["satisfaction_rate"] == 98.5
		assert isinstance(row["satisfaction_rate"], float)
		assert (row["satisfied"], row["basically_satisfied"], row["unsatisfied"]) == (58, 9, 1)
		assert row["grade"] == "满意"
		assert row["needs_rectification"] == 0
	assert next_round_plan(result) is None


def test_survey_rate_without_basic_satisfied():
	rows = by_item(result_rows(decide_survey_2020(Rules(SURVEY, count_basic_satisfied=False))))
	assert rows[RATED_FULL[0]]["satisfaction_rate"] == 88.2  # 60/68
	assert rows[RATED_MOST[0]]["satisfaction_rate"] == 85.3  # 58/68


def test_an_unsatisfactory_project_needs_rectification():
	rules = Rules(SURVEY)
	counts = {"甲": {"满意": 10, "基本满意": 10, "不满意": 40}, "乙": {"满意": 20, "基本满意": 20}}
	result = decide(
		rules, ["甲", "乙"], counts, issued=60, returned=60, valid=None, void=None, total=60, present=60
	)
	rows = by_item(result_rows(result))
	assert rows["甲"]["grade"] == "不满意"
	assert rows["甲"]["needs_rectification"] == 1
	assert rows["甲"]["satisfaction_rate"] == 33.3  # 20/60
	assert rows["乙"]["grade"] == "基本满意"
	assert rows["乙"]["needs_rectification"] == 0
	assert rows["乙"]["unsatisfied"] == 0
	assert rows["乙"]["valid"] == 40


def test_a_survey_without_quorum_gives_no_grade_or_rate():
	result = decide_survey_2020(present=45)
	assert settled(result) is False
	for row in result_rows(result):
		assert row["grade"] == ""
		assert row["satisfaction_rate"] is None
		assert row["needs_rectification"] == 0


def test_appraisal_rows():
	rules = Rules(APPRAISAL, quorum_numerator=1, quorum_denominator=2)
	counts = {
		"张三": {"优秀": 30, "合格": 10, "基本合格": 2, "不合格": 1},
		"李四": {"优秀": 10, "合格": 20, "基本合格": 5},
	}
	result = decide(
		rules, ["张三", "李四"], counts, issued=45, returned=45, valid=None, void=None, total=50, present=45
	)
	assert settled(result) is True
	rows = by_item(result_rows(result))
	assert rows["张三"] == {
		"item_label": "张三",
		"valid": 43,
		"grade": "优秀",
		"excellent": 30,
		"qualified": 10,
		"basically_qualified": 2,
		"unqualified": 1,
		"satisfaction_rate": None,
		"needs_rectification": 0,
	}
	assert rows["李四"]["grade"] == "合格"  # 10 + 20 of the 50 due to rate
	assert rows["李四"]["unqualified"] == 0
	assert rows["李四"]["valid"] == 35


# ---------------------------------------------------------------------------------------------
# The next round


def decide_four(counts, *, seats=2, issued=10, returned=10, present=10, total=10):
	items = ["甲", "乙", "丙", "丁"]
	return decide(
		Rules(PROJECT_VOTE, seats=seats), items, counts, issued=issued, returned=returned,
		valid=returned, void=0, total=total, present=present,
	)  # fmt: skip


def test_a_tie_at_the_cut_off_calls_for_a_runoff():
	result = decide_four({"甲": {FOR: 9}, "乙": {FOR: 7}, "丙": {FOR: 7}, "丁": {FOR: 2}})
	assert result.picked == ("甲",)
	assert next_round_plan(result) == RoundPlan("再次票决", ("乙", "丙"), 1)
	rows = by_item(result_rows(result))
	assert [rows[i]["runoff"] for i in "甲乙丙丁"] == [0, 1, 1, 0]
	assert [rows[i]["rank"] for i in "甲乙丙丁"] == [1, 2, 2, 0]
	assert [rows[i]["picked"] for i in "甲乙丙丁"] == [1, 0, 0, 0]
	assert [rows[i]["passed"] for i in "甲乙丙丁"] == [1, 1, 1, 0]


def test_a_tie_for_all_seats_leaves_every_seat_to_the_runoff():
	result = decide_four({"甲": {FOR: 8}, "乙": {FOR: 8}, "丙": {FOR: 8}, "丁": {FOR: 2}})
	plan = next_round_plan(result)
	assert plan.kind == RUNOFF
	assert plan.items == ("甲", "乙", "丙")
	assert plan.seats == 2


def test_a_shortfall_calls_for_a_further_round_among_the_rest():
	result = decide_four({"甲": {FOR: 9}, "乙": {FOR: 3}, "丙": {FOR: 2}, "丁": {FOR: 1}})
	assert result.shortfall == 1
	assert next_round_plan(result) == RoundPlan("另行票决", ("乙", "丙", "丁"), 1)
	assert FURTHER_ROUND == "另行票决"


def test_more_ballots_back_than_issued_voids_the_round():
	counts = {item: {FOR: 9} for item in "甲乙丙丁"}
	result = decide_four(counts, issued=10, returned=11, present=10, total=12)
	assert settled(result) is False
	assert result.picked == ()
	assert next_round_plan(result) == RoundPlan("重新票决", ("甲", "乙", "丙", "丁"), 2)
	assert all(row["picked"] == 0 and row["passed"] == 0 for row in result_rows(result))
	assert any("收回选票多于发出选票" in m for m in result.messages)


def test_no_quorum_voids_the_round():
	counts = {item: {FOR: 9} for item in "甲乙丙丁"}
	result = decide_four(counts, issued=9, returned=9, present=9, total=15)
	assert settled(result) is False
	assert next_round_plan(result).kind == REVOTE


def test_a_void_survey_is_held_again():
	result = decide_survey_2020(present=45)
	assert next_round_plan(result) == RoundPlan("重新票决", RATED_FULL + RATED_MOST, 0)


def test_a_survey_with_more_sheets_back_than_issued_is_held_again():
	items = ["甲"]
	result = decide(
		SURVEY_RULES, items, {"甲": {"满意": 61}}, issued=60, returned=61, valid=None, void=None,
		total=68, present=60,
	)  # fmt: skip
	assert settled(result) is False
	assert next_round_plan(result) == RoundPlan(REVOTE, ("甲",), 0)


def test_a_void_appraisal_is_held_again():
	result = decide(
		APPRAISAL_RULES, ["张三"], {"张三": {"优秀": 3}}, issued=3, returned=3, valid=None, void=None,
		total=10, present=3,
	)  # fmt: skip
	assert next_round_plan(result) == RoundPlan(REVOTE, ("张三",), 0)
	assert result_rows(result)[0]["grade"] == ""


# ---------------------------------------------------------------------------------------------
# Property: counting the ballots as the database does gives consistent rows

MARKS = st.sampled_from([FOR, AGAINST, ABSTAIN, None, ""])


@st.composite
def vote_rounds(draw):
	n = draw(st.integers(1, 5))
	items = [f"候选项目{i}" for i in range(1, n + 1)]
	seats = draw(st.integers(1, n))
	void_if_over_seats = draw(st.booleans())
	sheets = draw(st.lists(st.dictionaries(st.sampled_from(items), MARKS), max_size=12))
	present = draw(st.integers(max(len(sheets), 1), 16))
	total = draw(st.integers(present, 24))
	basis = draw(st.sampled_from([BASIS_ALL_DEPUTIES, BASIS_PRESENT_DEPUTIES]))
	keep_abstain = draw(st.booleans())
	return items, seats, void_if_over_seats, sheets, present, total, basis, keep_abstain


@settings(max_examples=300, deadline=None)
@given(vote_rounds())
def test_rows_add_up_to_the_valid_ballots(round_):
	items, seats, void_if_over_seats, sheets, present, total, basis, keep_abstain = round_
	rules = Rules(PROJECT_VOTE, seats=seats, majority_basis=basis, void_if_over_seats=void_if_over_seats)
	read = [read_sheet(PROJECT_VOTE, items, seats, sheet, void_if_over_seats) for sheet in sheets]
	valid_sheets = [choices for choices, void in read if not void]
	# GROUP BY item, choice over the valid ballots' marks; some stores drop 弃权.
	counts: dict[str, dict[str, int]] = {}
	for choices in valid_sheets:
		for item, choice in choices.items():
			if keep_abstain or choice != ABSTAIN:
				row = counts.setdefault(item, {})
				row[choice] = row.get(choice, 0) + 1
	valid, void = len(valid_sheets), len(read) - len(valid_sheets)
	result = decide(
		rules, items, counts, issued=len(sheets), returned=len(sheets), valid=valid, void=void,
		total=total, present=present,
	)  # fmt: skip
	rows = result_rows(result)

	assert [row["item_label"] for row in rows] == items
	for row in rows:
		assert row["votes_for"] + row["votes_against"] + row["votes_abstain"] == valid
		assert row["valid"] == valid
		assert row["picked"] <= row["passed"]
	assert sum(row["picked"] for row in rows) <= seats
	assert sum(row["picked"] for row in rows) + result.runoff_seats + result.shortfall <= seats

	# Counting the same sheets in one go gives the same decision.
	tallied = ballot.tally_vote(
		items, sheets, rules.engine_rules(), issued=len(sheets), total_deputies=total, present=present
	)
	assert result_rows(tallied) == rows
	assert next_round_plan(tallied) == next_round_plan(result)
