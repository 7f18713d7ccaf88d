"""The demo's records dated when they happened, not when the demo was loaded.

The stories create everything at load time; this pass then gives each record the moment it
stands for: a proposal the day of its cycle's collection window it came in, a vote the morning
of its session (opened, closed, signed and published that morning, as the result announcement
prints), a meeting or study session its day, a dues record its month. Its history (Version rows,
comments) moves with it, so the timeline says "2020年..." rather than "1分钟前". Ballots keep
the one rule of secrecy that concerns time: every ballot of a vote carries the moment voting
opened, nothing of when it was cast.
"""

import datetime as dt

import frappe

HISTORY = (("tabVersion", "ref_doctype", "docname"), ("tabComment", "reference_doctype", "reference_name"))


def at(day, hour: int = 9, minute: int = 0) -> dt.datetime:
	day = frappe.utils.getdate(day)
	return dt.datetime(day.year, day.month, day.day, hour, minute)


def stamp(doctype: str, name: str, created: dt.datetime, modified: dt.datetime | None = None) -> None:
	"""Set a record's creation and modified (and its child rows' and its history's)."""
	modified = max(modified or created, created)
	table = f"tab{doctype}"
	frappe.db.sql(f"update `{table}` set creation=%s, modified=%s where name=%s", (created, modified, name))
	for child in frappe.get_meta(doctype).get_table_fields():
		frappe.db.sql(
			f"update `tab{child.options}` set creation=%s, modified=%s where parent=%s and parenttype=%s",
			(created, modified, name, doctype),
		)
	for history, ref_doctype, ref_name in HISTORY:
		rows = frappe.db.sql(
			f"select name from `{history}` where {ref_doctype}=%s and {ref_name}=%s order by creation",
			(doctype, name),
		)
		span = modified - created
		for i, (row,) in enumerate(rows):
			moment = created + span * (i + 1) / (len(rows) + 1) if len(rows) > 1 else modified
			frappe.db.sql(
				f"update `{history}` set creation=%s, modified=%s where name=%s", (moment, moment, row)
			)


def demo_congresses() -> list[str]:
	"""The demo's congresses: its town's and its city's (a site may hold others, e.g. the
	throwaway towns the benchmarks leave)."""
	from sanyou_app.demo.liaison import CITY
	from sanyou_app.demo.town import TOWN

	return frappe.get_all("Congress", filters={"region": ("in", (TOWN, CITY))}, pluck="name")


def town() -> None:
	congresses = demo_congresses()
	cycles = [
		c
		for c in frappe.get_all(
			"Livelihood Cycle",
			filters={"congress": ("in", congresses)},
			fields=["name", "collection_start", "collection_end", "session_date"],
			order_by="year",
		)
		# a cycle without its dates has nothing to be dated by
		if c.collection_start and c.collection_end and c.session_date
	]
	for c in cycles:
		stamp("Livelihood Cycle", c.name, at(c.collection_start, 8), at(c.session_date, 8))
		proposals = frappe.get_all(
			"Livelihood Proposal", filters={"cycle": c.name}, pluck="name", order_by="creation"
		)
		window = max((c.collection_end - c.collection_start).days, 1)
		decided = at(c.session_date - dt.timedelta(days=10), 16)
		for i, name in enumerate(proposals):
			# spread over the window in the order they came in
			day = c.collection_start + dt.timedelta(days=i * window // max(len(proposals), 1))
			stamp("Livelihood Proposal", name, at(day, 9) + dt.timedelta(minutes=7 * i), decided)
		for name in frappe.get_all("Livelihood Import", filters={"cycle": c.name}, pluck="name"):
			stamp("Livelihood Import", name, at(c.collection_end, 15), at(c.collection_end, 15, 5))
		for vote in frappe.get_all(
			"Secret Vote", filters={"cycle": c.name}, pluck="name", order_by="creation"
		):
			date_vote(vote, c.session_date)
	first = cycles[0].collection_start if cycles else dt.date(2020, 1, 2)
	for name in congresses:
		stamp("Congress", name, at(first - dt.timedelta(days=1), 10))
	for doctype in ("Congress Deputy", "Deputy Group"):
		for name in frappe.get_all(doctype, filters={"congress": ("in", congresses)}, pluck="name"):
			stamp(doctype, name, at(first - dt.timedelta(days=1), 10))


def date_vote(vote: str, day) -> None:
	"""A session's morning: prepared 08:30, opened 09:30, closed 10:30, entered, signed 11:00, published."""
	rank = frappe.db.count(
		"Secret Vote",
		{
			"cycle": frappe.db.get_value("Secret Vote", vote, "cycle"),
			"creation": ("<", frappe.db.get_value("Secret Vote", vote, "creation")),
		},
	)
	shift = dt.timedelta(hours=3 * rank)  # a second vote of the same session comes after the first
	prepared, opened, closed = at(day, 8, 30) + shift, at(day, 9, 30) + shift, at(day, 10, 30) + shift
	signed, published = at(day, 11) + shift, at(day, 11, 10) + shift
	stamp("Secret Vote", vote, prepared, published)
	frappe.db.sql(
		"update `tabSecret Vote` set opened_at=%s, closed_at=%s, published_at=if(published_at is null, null, %s) where name=%s",
		(opened, closed, published, vote),
	)
	frappe.db.sql(
		"update `tabSecret Vote Officer` set signed_off_at=%s where parent=%s and signed_off_at is not null",
		(signed, vote),
	)
	frappe.db.sql(
		"update `tabSecret Ballot` set creation=%s, modified=%s where vote=%s", (opened, opened, vote)
	)
	entries = frappe.get_all("Paper Ballot Entry", filters={"vote": vote}, pluck="name", order_by="creation")
	for i, name in enumerate(entries):
		moment = closed + (signed - closed) * (i + 1) / (len(entries) + 1)
		stamp("Paper Ballot Entry", name, moment)


def organ() -> None:
	for doctype, field in (
		("Party Meeting", "meeting_date"),
		("Study Session", "session_date"),
		("Quarterly Test", "test_date"),
		("Community Service Log", "service_date"),
		("Party Affairs Publication", "published_on"),
	):
		for row in frappe.get_all(doctype, fields=["name", field]):
			if row.get(field):
				stamp(doctype, row.name, at(row[field], 9), at(row[field], 17))
	for row in frappe.get_all("Party Dues", fields=["name", "year", "month", "paid_on"]):
		if row.year and row.month:
			created = at(dt.date(int(row.year), int(row.month), 1), 9)
			stamp("Party Dues", row.name, created, at(row.paid_on, 15) if row.paid_on else created)


def load() -> None:
	town()
	organ()
