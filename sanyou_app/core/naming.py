"""Names people use for records, instead of random strings.

- a party member: a member number, DY00001 (the doctype's series);
- a deputy: a deputy number, DB00001; a deputy group: its congress and its name;
- a meeting or study session: its date and topic, "2025-03-28 学习贯彻全会精神", with （2）, （3） for a
  second one on the same day and topic (two branches' 主题党日, say);
- a member's dues record: the member's number and the month, DY00001-2025-03;
- other records by what they are about, in the order people say it (common/naming.py, TITLES):
  "2025-05-12 张三 幸福社区" for a member's service, "2025年第1季度季考 张三" for a test score;
- a proposal or a vote: its series with the year of the cycle it belongs to (MS-2020-00001,
  BJ-2020-00001), not the year it was typed in.
"""

import datetime as dt
from collections.abc import Callable

MAX_NAME = 140  # Frappe's name column


def titled_name(*parts) -> str:
	"""A record named by what it is about: its parts (a date, a cycle, a person, a topic) in order,
	empty ones left out, white space folded, within Frappe's name length (room kept for "（2）")."""
	words = []
	for part in parts:
		if isinstance(part, dt.datetime):
			part = part.date()
		if isinstance(part, dt.date):
			part = part.isoformat()
		text = " ".join(str(part if part is not None else "").split())
		if text:
			words.append(text)
	# "/" would break the desk's routes; "%" and "#" its URLs
	name = " ".join(words).replace("/", "／").replace("%", "％").replace("#", "＃")
	return name[: MAX_NAME - 4].rstrip()


def dated_name(day: dt.date | str, topic: str) -> str:
	"""A record named by its date and topic: "2025-03-28 学习贯彻全会精神"."""
	day = day if isinstance(day, str) else day.isoformat()
	return titled_name(day[:10], topic)


def first_free(name: str, taken: Callable[[str], bool]) -> str:
	"""name, or name（2）, name（3）... whichever is not taken yet."""
	if not taken(name):
		return name
	n = 2
	while taken(f"{name}（{n}）"):
		n += 1
	return f"{name}（{n}）"


def record_year(cycle_year: int | None, own_year: int | None, today: dt.date) -> str:
	"""The year in a proposal's or a vote's number: its cycle's, else its own (an appraisal's), else today's."""
	for year in (cycle_year, own_year):
		if year:
			return str(int(year))
	return str(today.year)


def dues_name(member: str, year: int | str, month: int | str) -> str:
	"""A member's dues record for a month: DY00001-2025-03."""
	return f"{member}-{int(year)}-{int(month):02d}"
