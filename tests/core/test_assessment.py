import json
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sanyou_app.core.assessment import (
	APPRAISAL,
	BRANCH,
	DUES,
	GROUP,
	MEETINGS,
	MEMBER,
	SERVICE,
	STUDY,
	TEST_AVERAGE,
	UNIT_HEADINGS,
	bonus_total,
	cap_for,
	change,
	compute,
	criterion_score,
	deduction,
	missed_meetings,
	propose_titles,
	rank,
	score_errors,
	sheet_totals,
	template_errors,
	unscored,
	weighted,
)

RULEBOOK = Path(__file__).resolve().parents[2] / "sanyou_app" / "assessment" / "rulebook" / "default.json"


def msgs(errors):
	return [str(e) for e in errors]


def unit_template(**change_heading):
	maxima = {"政治意识好": 20, "工作业绩好": 20, "党员队伍好": 20, "日常管理好": 25, "群众反映好": 15}
	maxima.update(change_heading)
	headings = [{"heading": h, "max_score": m} for h, m in maxima.items()]
	criteria = [{"heading": h, "criterion": f"{h}细则", "max_score": m} for h, m in maxima.items()]
	return headings, criteria


def test_the_shipped_rulebook_is_valid_and_sums_to_100():
	templates = json.loads(RULEBOOK.read_text(encoding="utf-8"))
	assert [t["assessee_kind"] for t in templates] == [BRANCH, GROUP, MEMBER]
	for t in templates:
		weights = (t.get("self_weight"), t.get("group_weight"), t.get("branch_weight"))
		assert template_errors(t["assessee_kind"], t["headings"], t["criteria"], weights=weights) == []
		assert sum(h["max_score"] for h in t["headings"]) == 100


def test_headings_must_sum_to_100_with_a_clear_message():
	headings, criteria = unit_template(群众反映好=10)
	criteria[-1]["max_score"] = 10
	assert msgs(template_errors(BRANCH, headings, criteria)) == [
		"考核项目：五项满分合计应为100分，现为95分（政治意识好20分、工作业绩好20分、党员队伍好20分、日常管理好25分、群众反映好10分）"
	]


def test_criteria_must_fill_their_heading():
	headings, criteria = unit_template()
	criteria[0]["max_score"] = 18
	assert msgs(template_errors(BRANCH, headings, criteria)) == [
		"考核细则：政治意识好所列细则分值合计18分，应等于该项满分20分"
	]


def test_the_five_headings_of_the_kind():
	headings, criteria = unit_template()
	assert msgs(template_errors(MEMBER, headings, criteria, weights=(20, 30, 50)))[0].startswith(
		"考核项目：应为带头学习提高、带头履行义务、带头争创佳绩、带头服务群众、带头弘扬正气五项（缺少"
	)
	headings.append({"heading": "政治意识好", "max_score": 0})
	assert "政治意识好重复" in msgs(template_errors(BRANCH, headings, criteria))[0]


def test_computed_criteria_need_a_rule_that_fits_the_kind():
	headings, criteria = unit_template()
	criteria[0].update(scoring_method="自动计算")
	criteria[1].update(scoring_method="自动计算", rule=APPRAISAL)
	criteria[2].update(deduction_cap=30)
	assert msgs(template_errors(BRANCH, headings, criteria)) == [
		"第1条细则（政治意识好细则）：自动计算须选择计算规则（三会一课落实、组织生活出勤率、季考平均分、党费按时缴纳、任务按期完成、学习活动开展、民主评议等次、双报到服务）",
		"第2条细则（工作业绩好细则）：计算规则「民主评议等次」不适用于党支部",
		"第3条细则（党员队伍好细则）：扣分上限不能超过该条分值20分",
	]


def test_member_weights_sum_to_100():
	templates = json.loads(RULEBOOK.read_text(encoding="utf-8"))
	member = templates[2]
	assert msgs(template_errors(MEMBER, member["headings"], member["criteria"], weights=(20, 30, 40))) == [
		"评价权重：自评、党小组评价、支部评价的权重合计应为100%，现为90%"
	]


def test_deductions_are_capped():
	assert deduction(3, 2, 10, 15) == Decimal("6.0")
	assert deduction(8, 2, 10, 15) == Decimal("10.0")  # "−2 each, at most −10"
	assert deduction(8, 2, 0, 5) == Decimal("5.0")  # never more than the criterion
	assert criterion_score(15, 15, 10) == Decimal("5.0")
	assert criterion_score(5, 3, 4) == Decimal("0.0")  # not below zero
	assert criterion_score(5, 7, 0) == Decimal("5.0")  # not above the maximum


def test_member_weights_combine_three_scores():
	assert weighted(10, 8, 6, (20, 30, 50)) == Decimal("7.4")
	assert weighted(9, 9, 9, (20, 30, 50)) == Decimal("9.0")


def test_bonus_within_item_caps_and_the_total_cap():
	items = [{"count": 3, "points_each": 2, "item_cap": 4}, {"count": 3, "points_each": 1, "item_cap": 2}]
	assert bonus_total(items, 5) == Decimal("5.0")
	assert bonus_total(items, 10) == Decimal("6.0")
	assert bonus_total([{"count": 0, "points_each": 2}], 5) == Decimal("0.0")


def test_totals_per_heading_and_overall():
	criteria = [
		{"heading": "政治意识好", "final_score": 9.5},
		{"heading": "政治意识好", "final_score": 8},
		{"heading": "日常管理好", "final_score": 21},
	]
	totals = sheet_totals(BRANCH, criteria, Decimal(3))
	assert totals.headings["政治意识好"] == Decimal("17.5")
	assert totals.headings["群众反映好"] == Decimal("0.0")
	assert (totals.criteria, totals.bonus, totals.total) == (Decimal("38.5"), Decimal("3.0"), Decimal("41.5"))
	assert list(totals.headings) == list(UNIT_HEADINGS)


def test_an_assessors_entries():
	rows = [
		{"criterion": "学习", "max_score": 10, "score": 11},
		{"criterion": "服务", "max_score": 10, "score": 8, "deduction": 2, "deduction_reason": " "},
		{"criterion": "群众", "max_score": 10},
		{"criterion": "季考", "max_score": 10, "scoring_method": "自动计算"},
	]
	assert msgs(score_errors(rows)) == ["第1条（学习）：得分应在0到10分之间", "第2条（服务）：扣分须写明理由"]
	assert unscored(rows) == ["群众"]


def test_meetings_against_the_minimums():
	# a branch: per quarter 1 general meeting, 3 committee meetings, 1 lecture, 3 theme days; yearly 1 life meeting
	full = {}
	for q in (1, 2, 3, 4):
		full.update({("支部党员大会", q): 1, ("支部委员会", q): 3, ("党课", q): 1, ("主题党日", q): 3})
	full[("组织生活会", 1)] = 1
	assert missed_meetings(BRANCH, full) == (33, 0)
	short = {**full, ("支部委员会", 2): 1, ("党课", 3): 0}
	assert missed_meetings(BRANCH, short) == (33, 3)
	assert missed_meetings(GROUP, {("党小组会", 1): 3, ("党小组会", 2): 2}) == (12, 7)
	criterion = {"max_score": 15, "deduction_each": 2, "deduction_cap": 10}
	result = compute(MEETINGS, BRANCH, {"held": short}, criterion)
	assert (result.score, result.deduction_count) == (Decimal("9.0"), 3)
	assert result.basis == "应开33次，实开30次，缺3次，扣6分"
	assert compute(MEETINGS, GROUP, {"held": {}}, criterion).score == Decimal("5.0")


def test_computed_rules():
	c = {"max_score": 10}
	assert compute(TEST_AVERAGE, MEMBER, {"scores": [90, 80]}, c).score == Decimal("8.5")
	assert compute(TEST_AVERAGE, MEMBER, {}, c).basis == "无季考成绩"
	assert compute(DUES, BRANCH, {"due": 12, "on_time": 9}, c).score == Decimal("7.5")
	assert compute(DUES, BRANCH, {}, c).score == Decimal("10.0")  # nothing was due
	assert compute(STUDY, MEMBER, {"sessions": 6}, {**c, "target": 12}).score == Decimal("5.0")
	assert compute(STUDY, MEMBER, {"sessions": 20}, {**c, "target": 12}).score == Decimal("10.0")
	assert compute(APPRAISAL, MEMBER, {"grade": "合格"}, c).score == Decimal("8.0")
	assert compute(APPRAISAL, MEMBER, {}, c).basis == "本年度未评议"
	assert compute(SERVICE, MEMBER, {"hours": 4}, {**c, "target": 8}).score == Decimal("5.0")
	assert compute(SERVICE, GROUP, {"members": 8, "serving": 6}, c).score == Decimal("7.5")


def test_ranking_shares_ranks_on_ties():
	assert rank({"a": 90, "b": 95, "c": 90, "d": 80}) == {"b": 1, "a": 2, "c": 2, "d": 4}
	assert rank({}) == {}


def test_titles_within_the_cap_never_split_a_tie():
	totals = {"a": 95, "b": 92, "c": 92, "d": 88}
	assert propose_titles(totals, 3).awarded == ("a", "b", "c")
	tied = propose_titles(totals, 2)
	assert tied.awarded == ("a",) and tied.tied_at_cutoff == ("b", "c")
	assert tied.note("先进党支部") == "先进党支部最后一个名额有2个并列，须由机关党委研究确定"
	assert propose_titles(totals, 2, minimum=93).awarded == ("a",)
	assert propose_titles(totals, 0).awarded == ()


def test_caps_by_number_and_by_share():
	assert cap_for(MEMBER, 80, count_cap=None, percent_cap=15) == 12
	assert cap_for(MEMBER, 79, count_cap=None, percent_cap=15) == 11  # rounded down
	assert cap_for(BRANCH, 6, count_cap=2) == 2
	assert change(91.5, 88) == Decimal("3.5") and change(91.5, None) is None


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 100), max_size=30), st.integers(0, 10))
def test_titles_never_exceed_the_cap_and_go_to_the_best(totals, cap):
	proposal = propose_titles(totals, cap)
	assert len(proposal.awarded) <= cap
	if proposal.awarded:
		lowest = min(totals[k] for k in proposal.awarded)
		assert all(totals[k] <= lowest for k in totals if k not in proposal.awarded)


def test_the_ranking_chart_shows_each_total_against_the_average():
	from sanyou_app.core.assessment import ranking_chart

	rows = [
		{"assessee_name": "第一支部", "total_score": 95.5},
		{"assessee_name": "第二支部", "total_score": 92},
		{"assessee_name": "第三支部", "total_score": 88.5},
		{"assessee_name": "第四支部", "total_score": None},
	]
	chart = ranking_chart(rows)
	assert chart["type"] == "bar"
	assert chart["data"]["labels"] == ["第一支部", "第二支部", "第三支部"]
	(dataset,) = chart["data"]["datasets"]
	assert dataset["name"] == "与平均分（92分）之差"
	assert dataset["values"] == [3.5, 0.0, -3.5]
	# totals 3.5 points apart differ by the whole height of the bars, not by 4% of it
	assert max(dataset["values"]) - min(dataset["values"]) == 7.0
	assert ranking_chart([{"assessee_name": "甲", "total_score": None}]) is None
	assert ranking_chart([]) is None
