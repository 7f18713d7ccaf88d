import datetime as dt
from decimal import Decimal

from sanyou_app.core.meetings import (
	attendance_counts,
	meeting_errors,
	percent,
	quarter_of,
	quarterly_lines,
	required_for,
)

TODAY = dt.date(2025, 8, 20)
MEETING = {
	"meeting_type": "支部党员大会",
	"party_branch": "一支部",
	"meeting_date": "2025-03-28",
	"topic": "学习贯彻全会精神",
}
ROWS = [{"member": "m1", "attendance": "出席"}, {"member": "m2", "attendance": "请假", "reason": "出差"}]


def errors(data=MEETING, rows=ROWS, eligible=("m1", "m2", "m3"), groups=("g1", "g2")):
	return [
		str(e)
		for e in meeting_errors(
			data,
			rows,
			eligible=eligible,
			branch_groups=groups,
			today=TODAY,
			names={"m2": "李二", "m9": "外人"},
		)
	]


def test_host_and_recorder_are_members_of_the_branch():
	found = meeting_errors(
		{**MEETING, "host": "m9", "recorder": "m1"},
		ROWS,
		eligible={"m1", "m2"},
		branch_groups=(),
		today=TODAY,
		names={"m9": "外人"},
		branch_people={"m1", "m2", "m3"},
	)
	assert [str(e) for e in found] == ["主持人：外人不是本支部党员"]


def test_a_good_meeting():
	assert errors() == []
	assert attendance_counts(ROWS) == (2, 1)


def test_meeting_errors_name_row_field_and_reason():
	assert errors(rows=[*ROWS, {"member": "m2", "attendance": "缺席"}]) == [
		"参会情况第3行党员：李二与第2行重复",
		"参会情况第3行缺席原因：李二缺席，须写明原因",
	]
	assert errors(rows=[{"member": "m9"}]) == ["参会情况第1行党员：外人不是本支部党员"]
	assert errors({**MEETING, "meeting_type": "党小组会"}) == ["党小组：党小组会须填写党小组"]
	assert errors({**MEETING, "meeting_type": "党小组会", "party_group": "g1"}, rows=[{"member": "m9"}]) == [
		"参会情况第1行党员：外人不是本党小组党员"
	]
	assert errors({**MEETING, "party_group": "其他支部小组"}) == ["党小组：该党小组不属于本党支部"]
	assert errors({**MEETING, "meeting_date": "2025-09-01"}) == ["会议日期：不能晚于今天（会议召开后再记录）"]
	assert errors({**MEETING, "topic": " "}) == ["会议主题：必填"]
	assert errors({**MEETING, "meeting_type": "座谈会"}) == [
		"会议类型：应为支部党员大会、支部委员会、党小组会、党课、组织生活会、专题组织生活会、主题党日之一"
	]


def test_percent_to_one_decimal():
	assert percent(67, 68) == Decimal("98.5")
	assert percent(3, 3) == Decimal("100.0")
	assert percent(0, 0) is None
	assert [quarter_of(dt.date(2025, m, 1)) for m in (1, 3, 4, 7, 12)] == [1, 1, 2, 3, 4]


def test_required_meetings_per_quarter():
	assert required_for(1, groups=2) == {
		"支部党员大会": 1,
		"支部委员会": 3,
		"党小组会": 6,
		"党课": 1,
		"主题党日": 3,
	}
	assert required_for(4, groups=1)["组织生活会"] == 1


def meeting(kind, day, expected=10, present=9, branch="一支部"):
	return {
		"party_branch": branch,
		"meeting_type": kind,
		"meeting_date": day,
		"expected_count": expected,
		"present_count": present,
	}


def full_quarter(q, branch="一支部", groups=1):
	m0 = q * 3 - 2
	rows = [
		meeting("支部党员大会", dt.date(2025, m0, 5), branch=branch),
		meeting("党课", dt.date(2025, m0, 6), branch=branch),
	]
	for i in range(3):
		day = dt.date(2025, m0 + i, 10)
		rows += [meeting("支部委员会", day, 5, 5, branch), meeting("主题党日", day, branch=branch)]
		rows += [meeting("党小组会", day, 5, 4, branch) for _ in range(groups)]
	return rows


def test_quarterly_lines_judge_each_quarter():
	meetings = full_quarter(1) + full_quarter(2)[1:]  # Q2 lacks its general meeting
	meetings.append(meeting("支部党员大会", dt.date(2024, 5, 1)))  # another year: ignored
	lines = quarterly_lines({"一支部": 1}, meetings, year=2025, today=TODAY)
	q1, q2, q3, q4 = lines
	assert (q1.status, q1.shortfalls) == ("已达标", ())
	assert q1.held == {"支部党员大会": 1, "党课": 1, "支部委员会": 3, "主题党日": 3, "党小组会": 3}
	assert (q1.expected, q1.present, q1.rate) == (80, 72, Decimal("90.0"))
	assert (q2.status, q2.shortfalls) == ("未达标", ("支部党员大会0/1",))
	assert q3.status == "进行中" and "支部委员会0/3" in q3.shortfalls
	assert q4.status == "未开始" and "组织生活会全年0/1" in q4.shortfalls


def test_yearly_life_meeting_counts_in_any_quarter():
	meetings = full_quarter(4, groups=2) + [meeting("组织生活会", dt.date(2025, 1, 20))]
	lines = quarterly_lines({"一支部": 2}, meetings, year=2025, today=dt.date(2026, 1, 5), quarters=(4,))
	assert (lines[0].status, lines[0].shortfalls) == ("已达标", ())
	lines = quarterly_lines({"一支部": 3}, meetings, year=2025, today=dt.date(2026, 1, 5), quarters=(4,))
	assert lines[0].shortfalls == ("党小组会6/9",)


def test_branches_are_reported_in_counting_order():
	import datetime as _dt

	from sanyou_app.core.meetings import quarterly_lines

	groups = {"机关第十党支部": 1, "机关第二党支部": 1, "机关第一党支部": 1}
	lines = quarterly_lines(groups, [], year=2025, today=_dt.date(2026, 1, 1), quarters=(1,))
	assert [line.branch for line in lines] == ["机关第一党支部", "机关第二党支部", "机关第十党支部"]
