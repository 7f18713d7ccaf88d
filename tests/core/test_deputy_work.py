import datetime as dt
from decimal import Decimal

import pytest

from sanyou_app.core.deputy_work import (
	SIX_HAVES,
	checklist_errors,
	exam_score,
	half_of,
	meets_standard,
	missed_sessions,
	missing_items,
	performance,
	person_times_by,
	room_activity_errors,
	visit_errors,
)

TODAY = dt.date(2021, 12, 31)


def test_six_haves_standard():
	checks = dict.fromkeys(SIX_HAVES, True)
	assert meets_standard(SIX_HAVES, checks)
	assert not meets_standard(SIX_HAVES, {**checks, "有档案": False})
	assert not meets_standard(SIX_HAVES, {k: v for k, v in checks.items() if k != "有计划"})
	# an item the administrator retired no longer counts; a new one does
	assert meets_standard(SIX_HAVES[:5], {**checks, "有档案": False})
	assert not meets_standard([*SIX_HAVES, "有网络"], checks)
	assert not meets_standard([], {})


def test_missing_items_and_duplicates():
	assert missing_items(SIX_HAVES, ["有场所", "有牌子"]) == ["有制度", "有计划", "有活动", "有档案"]
	assert [str(e) for e in checklist_errors(["有场所", "有场所"])] == ["“六有”标准：“有场所”重复"]


def test_room_activity_rules():
	good = {
		"activity_type": "联系群众",
		"activity_date": "2021-05-01",
		"deputies": ["D1"],
		"people_reached": 30,
	}
	assert room_activity_errors(good, today=TODAY) == []
	voters = {**good, "activity_type": "接待选民"}
	assert [str(e) for e in room_activity_errors(voters, today=TODAY)] == ["选民诉求：接待选民时必填"]
	bad = {"activity_type": "聚餐", "activity_date": "2022-01-01", "deputies": [], "people_reached": -1}
	assert [e.field for e in room_activity_errors(bad, today=TODAY)] == [
		"activity_type",
		"activity_date",
		"deputies",
		"people_reached",
	]


def test_visit_rules_and_person_times():
	good = {"place_kind": "进社区", "place": "东山社区", "visit_date": "2021-03-01", "deputies": ["D1", "D2"]}
	assert visit_errors(good, today=TODAY) == []
	assert [
		e.field for e in visit_errors({**good, "place_kind": "进学校", "deputies": ["D1", "D1"]}, today=TODAY)
	] == [
		"place_kind",
		"deputies",
	]
	rows = [
		{"year": 2020, "person_times": 3},
		{"year": 2020, "person_times": 4},
		{"year": 2021, "person_times": 5},
	]
	assert person_times_by(rows, "year") == {2020: 7, 2021: 5}


def test_half_of():
	assert half_of(dt.date(2021, 6, 30)) == "上半年"
	assert half_of(dt.date(2021, 7, 1)) == "下半年"


def test_missed_sessions():
	deputies = [{"name": "D1", "full_name": "甲"}, {"name": "D2", "full_name": "乙"}]
	sessions = [
		{"name": "S1", "year": 2021, "half": "上半年"},
		{"name": "S2", "year": 2021, "half": "上半年"},
		{"name": "S3", "year": 2021, "half": "下半年"},
	]
	attended = [("S1", "D1"), ("S2", "D2"), ("S3", "D1")]
	rows = missed_sessions(deputies, sessions, attended)
	assert [(r["name"], r["half"]) for r in rows] == [("D2", "下半年")]


@pytest.mark.parametrize(
	("value", "result"),
	[(95, Decimal("95")), ("88.5", Decimal("88.5")), ("", None), (None, None), (0, Decimal("0"))],
)
def test_exam_score(value, result):
	assert exam_score(value, 100) == result


def test_full_marks_read_as_people_write_them():
	with pytest.raises(ValueError, match="^应在0到100之间$"):
		exam_score(101, 100.0)
	with pytest.raises(ValueError, match="^应在0到150之间$"):
		exam_score(151, "150.00")


@pytest.mark.parametrize(
	("value", "reason"), [("abc", "应为数字"), ("101", "应在0到100之间"), ("8.25", "最多一位小数")]
)
def test_exam_score_refused(value, reason):
	with pytest.raises(ValueError, match=reason):
		exam_score(value, 100)


def test_performance_counts_and_ranks_within_group():
	deputies = [
		{"name": "D1", "full_name": "甲", "deputy_group": "G1"},
		{"name": "D2", "full_name": "乙", "deputy_group": "G1"},
		{"name": "D3", "full_name": "丙", "deputy_group": "G1"},
		{"name": "D4", "full_name": "丁", "deputy_group": "G2"},
	]
	counts = {
		"room_activities": {"D1": 2, "D2": 1, "D3": 3},
		"visits": {"D1": 1, "D2": 2, "D4": 1},
		"suggestions": {"D3": 1},
		"education_attended": {"D1": 2},
	}
	rows = performance(deputies, counts, {"D1": Decimal("92")})
	by = {r["name"]: r for r in rows}
	assert (by["D1"]["total"], by["D2"]["total"], by["D3"]["total"]) == (3, 3, 4)
	assert (by["D3"]["rank"], by["D1"]["rank"], by["D2"]["rank"], by["D4"]["rank"]) == (1, 2, 2, 1)
	assert by["D1"]["exam_score"] == Decimal("92") and by["D2"]["exam_score"] is None
	assert by["D1"]["education_attended"] == 2


def test_exam_import_all_or_nothing_with_reasons():
	from io import BytesIO

	from openpyxl import Workbook

	from sanyou_app.core import excel
	from sanyou_app.core.deputy_work import exam_row_validator, exam_sheet

	sheet = exam_sheet()
	wb = Workbook()
	ws = wb.active
	ws.append([c.header + ("*" if c.required else "") for c in sheet.columns])
	ws.append(["张三", "相山区选区", 92.5, "否"])
	ws.append(["李四", "杜集区选区", "", "是"])
	ws.append(["王五", "相山区选区", 120, "否"])
	ws.append(["赵六", "无此选区", 80, "否"])
	buf = BytesIO()
	wb.save(buf)
	deputies = {
		("张三", "相山区选区"): ["D1"],
		("李四", "杜集区选区"): ["D2"],
		("王五", "相山区选区"): ["D3"],
	}
	result = excel.check(
		buf.getvalue(), sheet, exam_row_validator(100, deputies, []), unique=("full_name", "village_unit")
	)
	assert not result.ok and result.records == []
	assert [(e.row, e.message()) for e in result.row_errors] == [
		(4, "成绩：应在0到100之间"),
		(5, "姓名：无此选区没有名为“赵六”的本届代表"),
	]
	good = excel.check(
		buf.getvalue(),
		sheet,
		exam_row_validator(
			100, {**deputies, ("赵六", "无此选区"): ["D4"], ("王五", "相山区选区"): ["D3"]}, []
		),
	)
	assert [e.row for e in good.row_errors] == [4]


def test_a_report_opens_on_the_highest_congress_and_the_latest_year_with_records():
	from sanyou_app.core.deputy_work import home_congress, latest_year

	congresses = [
		{"name": "刘桥镇第十八届人民代表大会", "level": "乡镇", "term_no": 18},
		{"name": "某市第十六届人民代表大会", "level": "市", "term_no": 16},
		{"name": "某市第十五届人民代表大会", "level": "市", "term_no": 15},
	]
	assert home_congress(congresses) == "某市第十六届人民代表大会"
	assert home_congress(congresses[:1]) == "刘桥镇第十八届人民代表大会"
	assert home_congress([]) is None
	assert latest_year([2024, None, 2025, 2023], 2026) == 2025
	assert latest_year([], 2026) == 2026
