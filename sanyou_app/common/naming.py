"""Record names people use: the Frappe side of core/naming.py."""

import frappe
from frappe.utils import getdate, today

from sanyou_app.core.naming import dated_name, first_free, record_year, titled_name


def cycle_year(doc, part: str) -> str:
	"""Naming series variable CYCLE_YEAR (hooks: naming_series_variables): MS-.CYCLE_YEAR.- names a
	proposal of the 2020 cycle MS-2020-00001 whenever it is typed in."""
	doc = doc or {}
	year = frappe.db.get_value("Livelihood Cycle", doc.get("cycle"), "year") if doc.get("cycle") else None
	return record_year(year, doc.get("appraisal_year"), getdate(today()))


def dated(doc, date_field: str, topic_field: str = "topic") -> str:
	"""The date and topic of a meeting or study session, numbered if the day has one already."""
	name = dated_name(doc.get(date_field), doc.get(topic_field))
	return first_free(name, lambda candidate: bool(frappe.db.exists(doc.doctype, candidate)))


def _linked(doc, field: str, link: str, doctype: str, source: str = "full_name"):
	"""A fetched field's value, read from the linked record if the fetch has not run yet."""
	if doc.get(field) or not doc.get(link):
		return doc.get(field)
	return frappe.db.get_value(doctype, doc.get(link), source)


def _entered(doc):
	return getdate(doc.creation) if doc.get("creation") else getdate(today())


# What a record is called, in the order people say it; empty parts are left out.
TITLES = {
	"Assessment Score Sheet": lambda d: (
		d.cycle,
		d.party_branch if d.assessee_kind == "党员" else None,
		d.assessee_name,
	),
	"Community Service Log": lambda d: (
		d.service_date,
		_linked(d, "full_name", "member", "Party Member"),
		d.community,
	),
	"Membership Transfer": lambda d: (
		_entered(d),
		_linked(d, "full_name", "member", "Party Member"),
		d.direction,
	),
	"Party Officer Term": lambda d: (
		d.start_date,
		_linked(d, "full_name", "member", "Party Member"),
		d.position,
	),
	"Quarterly Test Score": lambda d: (d.test, _linked(d, "full_name", "member", "Party Member")),
	"Branch Re-election": lambda d: (d.election_date, d.party_branch, "换届选举"),
	"Party Task": lambda d: (d.checklist, d.task),
	"Party Affairs Publication": lambda d: (d.published_on, d.title),
	"Pre-evaluation": lambda d: (
		d.evaluation_date,
		_linked(d, "project_title", "project", "Livelihood Project", "title"),
		_linked(d, "evaluator_name", "evaluator", "User"),
	),
	"Supervision Log": lambda d: (
		d.visit_date,
		_linked(d, "project_title", "project", "Livelihood Project", "title"),
		_linked(d, "deputy_name", "deputy", "Congress Deputy"),
	),
	"Progress Hearing": lambda d: (d.hearing_date, d.title),
	"Project Inspection": lambda d: (d.inspection_date, d.title),
	"Livelihood Import": lambda d: (_entered(d), f"{d.import_type or ''}导入"),
	"Deputy Activity Room": lambda d: (d.room_name,),
	"Deputy Education Session": lambda d: (d.session_date, d.title),
	"Deputy Suggestion": lambda d: (d.number, d.title),
	"Deputy Theory Exam": lambda d: (f"{d.year}年代表理论考核" if d.year else None,),
	"Deputy Visit": lambda d: (d.visit_date, d.place_kind, d.place),
	"Joint Activity": lambda d: (d.activity_date, d.topic),
	"Research Report": lambda d: (d.report_date, d.title),
	"Room Activity": lambda d: (d.activity_date, d.room, d.activity_type),
}


def title_name(doc, taken=None) -> str | None:
	"""The name TITLES gives doc, numbered （2）, （3）... past the names taken (by default, those in
	the database); None when the record has nothing to be called by yet."""
	name = titled_name(*TITLES[doc.doctype](doc))
	if not name:
		return None
	return first_free(name, taken or (lambda candidate: bool(frappe.db.exists(doc.doctype, candidate))))


def autoname(doc, method=None) -> None:
	"""doc_events "autoname" of the doctypes in TITLES (hooks.py). A Document Naming Rule an
	administrator sets still comes first; a record with nothing to be called by falls back to the
	doctype's own rule (a random name)."""
	if not doc.name:
		doc.name = title_name(doc)
