import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanyou_app.core.liaison import (
	activity_errors,
	chain_rows,
	coverage,
	is_converted,
	is_overdue,
	pairing_errors,
	person_times,
	reply_due,
	report_errors,
	roll_up,
	suggestion_errors,
	totals,
)
from sanyou_app.core.periods import quarter_of, quarter_range

TODAY = dt.date(2021, 12, 31)
PAIRING = {
	"year": 2021,
	"party_group": "研究室党小组",
	"party_lead": "PM-1",
	"topics": ["老旧小区改造", "养老服务"],
	"deputy_groups": [{"deputy_group": "第一代表小组", "deputy_lead": "D-1"}],
}


def fields(errors):
	return [e.field for e in errors]


def test_a_good_pairing_passes():
	assert pairing_errors(PAIRING, deputy_groups_of={"D-1": "第一代表小组"}) == []


@pytest.mark.parametrize(
	("topics", "ok"),
	[
		([], False),
		(["a"], True),
		(["a", "b"], True),
		(["a", "b", "c"], False),
		(["a", "a"], False),
		(["", " "], False),
	],
)
def test_one_or_two_distinct_topics(topics, ok):
	errors = pairing_errors({**PAIRING, "topics": topics})
	assert ("topics" not in fields(errors)) is ok


def test_three_topics_message_names_the_count():
	(error,) = pairing_errors({**PAIRING, "topics": ["a", "b", "c"]})
	assert str(error) == "调研课题：每个党小组每年选定1至2个课题，现为3个"


def test_pairing_needs_deputy_groups_once_each_and_leads_of_their_group():
	assert fields(pairing_errors({**PAIRING, "deputy_groups": []})) == ["deputy_groups"]
	twice = [{"deputy_group": "G", "deputy_lead": "D-1"}, {"deputy_group": "G", "deputy_lead": "D-2"}]
	assert "deputy_groups" in fields(pairing_errors({**PAIRING, "deputy_groups": twice}))
	errors = pairing_errors(PAIRING, deputy_groups_of={"D-1": "第二代表小组"})
	assert [str(e) for e in errors] == ["代表小组牵头人：第1行：牵头代表须是该代表小组的成员"]
	no_lead = [{"deputy_group": "G", "deputy_lead": ""}]
	assert fields(pairing_errors({**PAIRING, "deputy_groups": no_lead})) == ["deputy_lead"]


def test_pairing_year_and_sides():
	assert fields(pairing_errors({**PAIRING, "year": 21, "party_group": "", "party_lead": None})) == [
		"year",
		"party_group",
		"party_lead",
	]


ACTIVITY = {
	"activity_type": "调研",
	"activity_date": "2021-05-10",
	"topic": "养老服务",
	"party_members": ["PM-1", "PM-2"],
	"deputies": ["D-1", "D-2", "D-3"],
}


def test_activity_rules():
	assert activity_errors(ACTIVITY, pairing_year=2021, topics=PAIRING["topics"], today=TODAY) == []
	bad = {
		**ACTIVITY,
		"activity_type": "参观",
		"activity_date": "2020-05-10",
		"topic": "别的",
		"deputies": [],
	}
	errors = activity_errors(bad, pairing_year=2021, topics=PAIRING["topics"], today=TODAY)
	assert fields(errors) == ["activity_type", "activity_date", "topic", "participants"]
	future = activity_errors(
		{**ACTIVITY, "activity_date": "2022-01-01"}, pairing_year=2022, topics=["养老服务"], today=TODAY
	)
	assert [str(e) for e in future] == ["活动日期：活动尚未举行，不能登记"]
	twice = {**ACTIVITY, "party_members": ["PM-1", "PM-1"]}
	assert [str(e) for e in activity_errors(twice, pairing_year=2021, topics=["养老服务"], today=TODAY)] == [
		"参加人员：“PM-1”重复登记"
	]


def test_person_times():
	assert person_times(["a", "b"], ["x", "y", "z"]) == 5
	assert person_times([], []) == 0


def test_report_rules():
	report = {"title": "报告", "pairing": "P1", "topic": "养老服务", "activities": ["A1", "A2"]}
	assert report_errors(report, topics=["养老服务"], activity_pairings={"A1": "P1", "A2": "P1"}) == []
	errors = report_errors(
		{**report, "conversion": "专项工作举措"},
		topics=["养老服务"],
		activity_pairings={"A1": "P1", "A2": "P2"},
	)
	assert [str(e) for e in errors] == [
		"依据的活动：活动“A2”不属于本结对",
		"专项工作举措：转化为专项工作举措时必填",
	]
	assert fields(report_errors({**report, "activities": []}, topics=["养老服务"], activity_pairings={})) == [
		"activities"
	]


def test_is_converted():
	assert is_converted("代表建议", None, 1)
	assert not is_converted("代表建议", None, 0)
	assert is_converted("专项工作举措", "建立联系制度", 0)
	assert not is_converted("专项工作举措", " ", 0)
	assert not is_converted("", None, 3)


SUGGESTION = {
	"number": "第21号",
	"title": "关于加快老旧小区改造的建议",
	"handling_unit": "市住建局",
	"deputies": ["D-1"],
	"submitted_on": "2021-03-01",
	"workflow_state": "已提交",
}


def test_suggestion_rules():
	assert suggestion_errors(SUGGESTION, today=TODAY) == []
	replied = {**SUGGESTION, "workflow_state": "已办复"}
	assert fields(suggestion_errors(replied, today=TODAY)) == ["reply", "replied_on"]
	early = {**replied, "reply": "已列入计划", "replied_on": "2021-02-01"}
	assert [str(e) for e in suggestion_errors(early, today=TODAY)] == ["办复日期：不能早于提交日期"]
	assert fields(suggestion_errors({**SUGGESTION, "deputies": [], "number": ""}, today=TODAY)) == [
		"number",
		"deputies",
	]


def test_overdue():
	due = reply_due(dt.date(2021, 3, 1))
	assert due == dt.date(2021, 5, 30)
	assert is_overdue("已提交", due, dt.date(2021, 5, 31))
	assert not is_overdue("已提交", due, dt.date(2021, 5, 30))
	assert not is_overdue("已办复", due, dt.date(2022, 1, 1))


@pytest.mark.parametrize(
	("q", "start", "end"),
	[(1, "2021-01-01", "2021-03-31"), (2, "2021-04-01", "2021-06-30"), (4, "2021-10-01", "2021-12-31")],
)
def test_quarter_range(q, start, end):
	assert quarter_range(2021, q) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_every_day_lies_in_its_quarter(day):
	start, end = quarter_range(day.year, quarter_of(day))
	assert start <= day <= end


def _data():
	groups = [{"name": g, "branch": "B1"} for g in ("G1", "G2", "G3")]
	pairings = [
		{"name": "P1", "party_group": "G1", "branch": "B1", "year": 2021, "topics": ["t1", "t2"]},
		{"name": "P2", "party_group": "G2", "branch": "B1", "year": 2021, "topics": ["t3"]},
		{"name": "P0", "party_group": "G3", "branch": "B1", "year": 2020, "topics": ["t0"]},
	]
	activities = [
		{"pairing": "P1", "topic": "t1", "activity_date": dt.date(2021, 11, 2), "person_times": 7},
		{"pairing": "P1", "topic": "t1", "activity_date": dt.date(2021, 5, 2), "person_times": 5},
		{"pairing": "P2", "topic": "t3", "activity_date": dt.date(2021, 2, 2), "person_times": 4},
	]
	reports = [
		{
			"name": "R1",
			"pairing": "P1",
			"topic": "t1",
			"title": "r1",
			"conversion": "代表建议",
			"suggestions": 1,
		},
		{"name": "R2", "pairing": "P2", "topic": "t3", "title": "r2", "conversion": "", "suggestions": 0},
		{
			"name": "R3",
			"pairing": "P1",
			"topic": "t1",
			"title": "r3",
			"conversion": "专项工作举措",
			"measure": "m",
		},
	]
	suggestions = [
		{"name": "S1", "research_report": "R1", "workflow_state": "不满意", "reply_due": dt.date(2021, 6, 1)},
		{
			"name": "S2",
			"research_report": None,
			"workflow_state": "已提交",
			"reply_due": dt.date(2021, 12, 1),
		},
	]
	return groups, pairings, activities, reports, suggestions


def test_coverage_lists_each_gap():
	groups, pairings, activities, reports, suggestions = _data()
	out = coverage(
		groups=groups,
		pairings=pairings,
		activities=activities,
		reports=reports,
		suggestions=suggestions,
		year=2021,
		quarter=4,
		today=TODAY,
	)
	assert [g["party_group"] for g in out["groups_without_pairing"]] == ["G3"]
	assert [p["pairing"] for p in out["pairings_without_activity"]] == ["P2"]
	assert [(t["pairing"], t["topic"]) for t in out["topics_without_report"]] == [("P1", "t2")]
	assert [r["report"] for r in out["reports_not_converted"]] == ["R2"]
	assert [s["suggestion"] for s in out["suggestions_overdue"]] == ["S2"]


def test_chain_counts_per_topic():
	_, pairings, activities, reports, suggestions = _data()
	rows = chain_rows(pairings=pairings, activities=activities, reports=reports, suggestions=suggestions)
	by_topic = {r["topic"]: r for r in rows}
	assert set(by_topic) == {"t0", "t1", "t2", "t3"}
	t1 = by_topic["t1"]
	assert (t1["activities"], t1["person_times"], t1["reports"], t1["converted"]) == (2, 12, 2, 2)
	assert (t1["suggestions"], t1["measures"], t1["replied"], t1["unsatisfied"]) == (1, 1, 1, 1)
	assert by_topic["t3"]["converted"] == 0
	assert totals(rows, ["activities", "reports"]) == {"activities": 3, "reports": 3}


def test_roll_up_per_group_and_branch():
	_, pairings, activities, reports, suggestions = _data()
	rows = chain_rows(pairings=pairings, activities=activities, reports=reports, suggestions=suggestions)
	groups = {r["party_group"]: r for r in roll_up(rows, ["branch", "party_group"])}
	assert (groups["G1"]["topics"], groups["G1"]["activities"], groups["G1"]["reports"]) == (2, 2, 2)
	(branch,) = roll_up(rows, ["branch"])
	assert (branch["topics"], branch["activities"], branch["person_times"], branch["converted"]) == (
		4,
		3,
		16,
		2,
	)


def test_a_suggestion_made_from_a_report_is_titled_as_a_suggestion():
	from sanyou_app.core.liaison import suggestion_title

	assert suggestion_title("关于农村道路养护情况的调研报告", "代表建议") == "关于农村道路养护情况的建议"
	assert suggestion_title("农村养老服务调研报告", "代表议案") == "关于农村养老服务的议案"
	assert suggestion_title("  ", "代表建议") == ""
