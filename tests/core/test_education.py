import datetime as dt
from decimal import Decimal

import pytest

from sanyou_app.core import excel
from sanyou_app.core.education import (
	SCORE_IMPORT,
	parse_score,
	quarterly_test_errors,
	score_errors,
	score_lines,
	score_row_validator,
	service_errors,
	study_errors,
)
from tests.core.test_excel import xlsx

TODAY = dt.date(2025, 12, 20)


def msgs(errors):
	return [str(e) for e in errors]


def test_study_sessions():
	good = {
		"platform": "人大讲堂",
		"method": "案例分析",
		"session_date": "2025-04-10",
		"topic": "预算审查监督",
	}
	assert study_errors(good, ["m1", "m2"], eligible={"m1", "m2"}, today=TODAY) == []
	assert msgs(study_errors({**good, "platform": "支部学习"}, [], eligible=set(), today=TODAY)) == [
		"党支部：支部学习须填写党支部"
	]
	assert msgs(
		study_errors(
			{**good, "method": "看视频"}, ["m1", "m1", "x"], eligible={"m1"}, today=TODAY, names={"x": "王五"}
		)
	) == [
		"学习方式：应为理论研讨、专题调研、案例分析、轮流讲课、微党课、模拟庭审之一",
		"参加人员第2行党员：m1与第1行重复",
		"参加人员第3行党员：王五不是机关在册党员",
	]


def test_quarterly_test_record():
	good = {"year": 2025, "quarter": 3, "test_date": "2025-09-26", "full_marks": 100, "pass_mark": 60}
	assert quarterly_test_errors(good, today=TODAY) == []
	assert msgs(quarterly_test_errors({**good, "test_date": "2025-10-08"}, today=TODAY)) == [
		"考试日期：不在2025年第3季度内"
	]
	assert msgs(quarterly_test_errors({**good, "pass_mark": 120}, today=TODAY)) == [
		"及格分：应大于0且不超过满分100"
	]


@pytest.mark.parametrize(
	("value", "result"),
	[(None, None), ("", None), ("92.5", Decimal("92.5")), (100, Decimal(100)), (0, Decimal(0))],
)
def test_parse_score(value, result):
	assert parse_score(value, 100) == result


@pytest.mark.parametrize(
	("value", "message"),
	[("优", "应为数字"), (101, "应在0到100之间"), ("88.25", "最多保留一位小数"), (-1, "应在0到100之间")],
)
def test_parse_score_refuses(value, message):
	with pytest.raises(ValueError, match=message):
		parse_score(value, 100)


def test_score_or_absent():
	assert score_errors({"score": 90, "absent": "否"}, full_marks=100) == (
		{"absent": 0, "score": Decimal(90)},
		[],
	)
	assert msgs(score_errors({"score": 90, "absent": "是"}, full_marks=100)[1]) == [
		"成绩：缺考的党员不填成绩"
	]
	assert msgs(score_errors({"score": None}, full_marks=100)[1]) == ["成绩：必填（缺考请在“缺考”列填“是”）"]


MEMBERS = {("王一", "一支部"): ["m1"], ("李二", "一支部"): ["m2"], ("张三", "二支部"): ["m3", "m4"]}
HEADERS = ["姓名*", "党支部*", "成绩", "缺考", "备注"]


def test_score_import_all_rows_or_none():
	validate = score_row_validator(100, MEMBERS, scored=[])
	good = xlsx(HEADERS, ["王一", "一支部", 95, "否", ""], ["李二", "一支部", None, "是", "出差"])
	result = excel.check(good, SCORE_IMPORT, validate, unique=("full_name", "party_branch"))
	assert result.ok
	assert [(r["member"], r["score"], r["absent"]) for r in result.records] == [
		("m1", Decimal(95), 0),
		("m2", None, 1),
	]
	bad = xlsx(
		HEADERS,
		["王一", "一支部", 95, "", ""],
		["王一", "一支部", 90, "", ""],
		["张三", "二支部", 80, "", ""],
		["赵六", "一支部", 70, "", ""],
		["李二", "一支部", 101, "", ""],
	)
	result = excel.check(
		bad, SCORE_IMPORT, score_row_validator(100, MEMBERS, scored=[]), unique=("full_name", "party_branch")
	)
	assert result.records == []
	assert {e.row: e.message() for e in result.row_errors} == {
		3: "姓名：与第2行重复",
		4: "姓名：二支部有2名党员名为“张三”，请在系统中逐人录入",
		5: "姓名：一支部没有名为“赵六”的在册党员",
		6: "成绩：应在0到100之间",
	}
	again = excel.check(good, SCORE_IMPORT, score_row_validator(100, MEMBERS, scored=["m1"]))
	assert [e.message() for e in again.row_errors] == ["姓名：本次季考已录入该党员的成绩"]


def test_score_lines_by_branch_and_for_the_organ():
	tests = {"t3": {"year": 2025, "quarter": 3, "pass_mark": 60}}
	rows = [
		{"test": "t3", "party_branch": "一支部", "score": 95},
		{"test": "t3", "party_branch": "一支部", "score": 55},
		{"test": "t3", "party_branch": "一支部", "absent": 1},
		{"test": "t3", "party_branch": "二支部", "score": 80},
		{"test": "other", "party_branch": "二支部", "score": 10},
	]
	one, two, organ = score_lines(rows, tests)
	assert (one.branch, one.takers, one.absent, one.average, one.highest, one.lowest, one.passed) == (
		"一支部",
		2,
		1,
		Decimal("75.0"),
		Decimal(95),
		Decimal(55),
		1,
	)
	assert (one.pass_rate, one.participation) == (Decimal("50.0"), Decimal("66.7"))
	assert (two.branch, two.average) == ("二支部", Decimal("80.0"))
	assert (organ.branch, organ.takers, organ.average) == ("合计", 3, Decimal("76.7"))


def test_service_log():
	good = {"community": "幸福里社区", "service_date": "2025-05-01", "activity": "垃圾分类宣传", "hours": 2.5}
	assert service_errors(good, today=TODAY) == []
	assert msgs(service_errors({**good, "hours": 0}, today=TODAY)) == ["服务时长(小时)：应大于0"]
	assert msgs(service_errors({**good, "hours": 25, "community": ""}, today=TODAY)) == [
		"报到社区：必填",
		"服务时长(小时)：一次服务不超过24小时",
	]
	assert msgs(service_errors({**good, "service_date": "2026-01-01"}, today=TODAY)) == [
		"服务日期：不能晚于今天"
	]
