"""Months, quarters and years as the rules count them, by dateutil's relativedelta (the calendar
arithmetic Frappe itself uses): a month's last day, a quarter's first and last days, a date some
years on (29 February → 28 February). Plain Python."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta


def add_years(day: dt.date, years: int) -> dt.date:
	"""The same day `years` later; 29 February falls on 28 February in a common year."""
	return day + relativedelta(years=years)


def month_end(year: int, month: int) -> dt.date:
	return dt.date(year, month, 1) + relativedelta(months=1, days=-1)


def quarter_of(day: dt.date) -> int:
	return (day.month - 1) // 3 + 1


def quarter_range(year: int, quarter: int) -> tuple[dt.date, dt.date]:
	"""The first and last days of a quarter (1 to 4)."""
	if quarter not in (1, 2, 3, 4):
		raise ValueError("季度应为1到4")
	start = dt.date(year, 3 * quarter - 2, 1)
	return start, start + relativedelta(months=3, days=-1)


def quarter_end(year: int, quarter: int) -> dt.date:
	return quarter_range(year, quarter)[1]
