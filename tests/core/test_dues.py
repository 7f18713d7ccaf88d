import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanyou_app.core.dues import clean_dues, ledger, monthly_amount, plan_month, rate_for, unpaid

TODAY = dt.date(2025, 12, 15)


@pytest.mark.parametrize(
	("base", "rate"),
	[
		(0, "0.5"),
		(2800, "0.5"),
		(3000, "0.5"),
		(3000.01, "1"),
		(5000, "1"),
		(7600, "1.5"),
		(10000, "1.5"),
		(10001, "2"),
	],
)
def test_rate_bands_of_the_2008_rules(base, rate):
	assert rate_for(base) == Decimal(rate)


def test_monthly_amount_to_the_fen():
	assert monthly_amount(7600) == Decimal("114.00")
	assert monthly_amount(4321.5) == Decimal("43.22")  # 43.215 rounds half up
	assert monthly_amount(8000, rate=2) == Decimal("160.00")  # a rate set on the member
	assert monthly_amount(8000, fixed="0.2") == Decimal("0.20")  # a fixed amount wins


@given(
	st.decimals(min_value=0, max_value=100000, places=2), st.decimals(min_value=0, max_value=100000, places=2)
)
def test_amount_never_falls_when_the_base_rises(a, b):
	low, high = sorted((a, b))
	assert monthly_amount(low) <= monthly_amount(high)


MEMBERS = [
	{
		"name": "m1",
		"full_name": "王一",
		"party_branch": "一支部",
		"party_group": "g1",
		"joined_on": "2001-07-01",
		"dues_base": 7600,
	},
	{
		"name": "m2",
		"full_name": "李二",
		"party_branch": "一支部",
		"party_group": "g1",
		"joined_on": "2010-07-01",
		"dues_base": 2800,
		"dues_rate": 1,
	},
	{
		"name": "m3",
		"full_name": "张三",
		"party_branch": "一支部",
		"party_group": "g2",
		"joined_on": "2025-03-20",
		"dues_base": 5000,
	},
	{
		"name": "m4",
		"full_name": "赵四",
		"party_branch": "一支部",
		"party_group": "g2",
		"joined_on": "2011-07-01",
		"dues_fixed": "0.2",
	},
	{
		"name": "m5",
		"full_name": "钱五",
		"party_branch": "一支部",
		"status": "已转出",
		"joined_on": "2011-07-01",
		"dues_base": 5000,
	},
]


def test_plan_a_month_for_a_branch():
	plan = plan_month(MEMBERS, 2025, 2, existing=["m2"])
	assert plan.errors == []
	assert [(r["member"], r["amount"]) for r in plan.records] == [
		("m1", Decimal("114.00")),
		("m4", Decimal("0.20")),
	]
	assert plan.skipped == [("m2", "李二2025年2月的党费记录已存在"), ("m3", "张三2025年2月尚未入党")]
	march = plan_month(MEMBERS, 2025, 3)
	assert [r["member"] for r in march.records] == ["m1", "m2", "m3", "m4"]
	assert march.records[1]["amount"] == Decimal("28.00")  # 2,800 at the member's own 1%


def test_plan_refuses_the_whole_branch_when_a_base_is_missing():
	plan = plan_month([*MEMBERS, {"name": "m6", "full_name": "孙六", "joined_on": "2000-01-01"}], 2025, 4)
	assert plan.records == []
	assert [str(e) for e in plan.errors] == ["党员孙六的党费缴纳基数：未填写缴纳基数（或每月固定党费）"]
	assert [str(e) for e in plan_month(MEMBERS, 2025, 13).errors] == ["月份：应为1到12"]


def test_clean_dues_recomputes_amount_and_status():
	clean, errors = clean_dues({"year": 2025, "month": 3, "base": 7600, "paid_on": "2025-03-10"}, today=TODAY)
	assert errors == []
	assert (clean["amount"], clean["rate"], clean["status"], clean["paid_amount"]) == (
		Decimal("114.00"),
		Decimal("1.5"),
		"已缴",
		Decimal("114.00"),
	)
	clean, errors = clean_dues({"year": 2025, "month": 3, "base": 7600}, today=TODAY)
	assert (clean["status"], clean["paid_amount"]) == ("未缴", Decimal(0))


@pytest.mark.parametrize(
	("change", "message"),
	[
		({"paid_on": "2025-12-16"}, "缴纳日期：不能晚于今天"),
		({"paid_on": "2025-03-10", "paid_amount": 100}, "实缴金额(元)：少于应缴金额114.00元"),
		({"paid_by": "王一"}, "代缴人：尚未填写缴纳日期"),
		({"month": 0}, "月份：应为1到12"),
		({"base": None}, "缴纳基数：未填写缴纳基数（或每月固定党费）"),
	],
)
def test_clean_dues_errors(change, message):
	_clean, errors = clean_dues({"year": 2025, "month": 3, "base": 7600, **change}, today=TODAY)
	assert message in [str(e) for e in errors]


ROWS = [
	{
		"member": "m1",
		"full_name": "王一",
		"party_branch": "一支部",
		"year": 2025,
		"month": 1,
		"amount": 114,
		"paid_on": "2025-01-05",
		"paid_amount": 114,
	},
	{
		"member": "m1",
		"full_name": "王一",
		"party_branch": "一支部",
		"year": 2025,
		"month": 2,
		"amount": 114,
		"paid_on": None,
	},
	{
		"member": "m2",
		"full_name": "李二",
		"party_branch": "一支部",
		"year": 2025,
		"month": 1,
		"amount": 28,
		"paid_on": None,
	},
	{
		"member": "m2",
		"full_name": "李二",
		"party_branch": "一支部",
		"year": 2025,
		"month": 2,
		"amount": 28,
		"paid_on": None,
	},
	{
		"member": "m2",
		"full_name": "李二",
		"party_branch": "一支部",
		"year": 2025,
		"month": 3,
		"amount": 28,
		"paid_on": None,
	},
	{
		"member": "m3",
		"full_name": "张三",
		"party_branch": "二支部",
		"year": 2025,
		"month": 2,
		"amount": 50,
		"paid_on": "2025-02-03",
		"paid_amount": 60,
	},
]


def test_unpaid_members_most_months_first():
	rows = unpaid(ROWS)
	assert [(u.full_name, u.months_text, u.owed) for u in rows] == [
		("李二", "2025年1月、2月、3月", Decimal(84)),
		("王一", "2025年2月", Decimal(114)),
	]
	assert [u.full_name for u in unpaid(ROWS, through=(2025, 1))] == ["李二"]


def test_ledger_totals():
	book = ledger(ROWS, order=["m2"])
	assert [line.full_name for line in book.lines] == ["李二", "张三", "王一"]  # then by code point
	wang = book.lines[2]
	assert wang.months[:3] == (Decimal(114), Decimal(0), None)
	assert (wang.due, wang.paid, wang.unpaid_months) == (Decimal(228), Decimal(114), (2,))
	assert book.lines[1].paid == Decimal(60)  # paid more than due: the ledger shows what was paid
	assert book.month_paid[:2] == (Decimal(114), Decimal(60))
	assert (book.due, book.paid) == (Decimal(362), Decimal(174))
