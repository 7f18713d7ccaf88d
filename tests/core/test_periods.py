"""Months, quarters and years as the rules count them (core/periods.py)."""

import datetime as dt

import pytest

from sanyou_app.core.periods import add_years, month_end, quarter_end, quarter_of, quarter_range


@pytest.mark.parametrize(
	"year, month, last",
	[(2024, 1, 31), (2024, 2, 29), (2025, 2, 28), (2025, 4, 30), (2025, 11, 30), (2025, 12, 31)],
)
def test_month_end(year, month, last):
	assert month_end(year, month) == dt.date(year, month, last)


def test_quarters():
	assert [quarter_of(dt.date(2025, m, 15)) for m in range(1, 13)] == [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
	assert quarter_range(2025, 1) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
	assert quarter_range(2024, 4) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
	assert quarter_end(2025, 2) == dt.date(2025, 6, 30)
	with pytest.raises(ValueError, match="季度应为1到4"):
		quarter_range(2025, 5)


def test_add_years_keeps_the_day_and_moves_29_february_to_28():
	assert add_years(dt.date(2021, 7, 1), 18) == dt.date(2039, 7, 1)
	assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
	assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_chart_periods_read_in_chinese():
	from sanyou_app.core.periods import period_label

	assert period_label("Dec 2025") == "2025年12月"
	assert period_label("Jan 2026") == "2026年1月"
	assert period_label("Quarter 4 2025") == "2025年第4季度"
	assert period_label("2025") == "2025"
	assert period_label("第一党支部") == "第一党支部"
	assert period_label("May be") == "May be"
