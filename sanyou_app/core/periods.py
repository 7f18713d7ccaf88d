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


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_label(label: str) -> str:
	"""A dashboard chart's period as people here write it: Frappe v15 labels a monthly or quarterly
	bar in English ("Dec 2025", "Quarter 4 2025"), outside its translations; other labels are kept."""
	parts = str(label).split()
	if len(parts) == 2 and parts[0] in _MONTHS and parts[1].isdigit():
		return f"{parts[1]}年{_MONTHS.index(parts[0]) + 1}月"
	if len(parts) == 3 and parts[0] == "Quarter" and parts[1].isdigit() and parts[2].isdigit():
		return f"{parts[2]}年第{parts[1]}季度"
	return label
