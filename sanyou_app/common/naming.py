"""Record names people use: the Frappe side of core/naming.py."""

import frappe
from frappe.utils import getdate, today

from sanyou_app.core.naming import dated_name, first_free, record_year


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
