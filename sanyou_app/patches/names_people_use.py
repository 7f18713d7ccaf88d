"""Sites installed before records had readable names: rename them the way new records are named.

Party members get a member number (DY00001, in the order they were entered), their dues records
the number and the month (DY00001-2025-03), meetings and study
sessions their date and topic, proposals and votes their cycle's year (MS-2026-00003 of the 2020
cycle becomes MS-2020-0000n).

frappe.rename_doc clears every cache and writes a comment per record, minutes for an organ's
few hundred meetings; this renames a doctype's records at once, with one UPDATE per table that
holds a name: the records, their child rows, every Link field to the doctype, every Dynamic Link
(User Permissions, comments, shares, to-dos), versions and attached files.
"""

import re

import frappe
from frappe.model.dynamic_links import get_dynamic_link_map
from frappe.model.naming import make_autoname
from frappe.model.rename_doc import get_link_fields

from sanyou_app.common.naming import cycle_year
from sanyou_app.core.naming import dated_name, dues_name, first_free

NUMBERED = re.compile(r"^DY\d{5}$")
DATED = re.compile(r"^\d{4}-\d{2}-\d{2} ")


def execute():
	use_cycle_year_series()
	members = frappe.get_all("Party Member", pluck="name", order_by="creation asc, name asc")
	rename_all(
		"Party Member",
		{name: make_autoname("DY.#####", "Party Member") for name in members if not NUMBERED.match(name)},
	)
	dues = frappe.get_all("Party Dues", fields=["name", "member", "year", "month"])
	rename_all(
		"Party Dues",
		{
			d.name: dues_name(d.member, d.year, d.month)
			for d in dues
			if d.member and d.year and d.month and d.name != dues_name(d.member, d.year, d.month)
		},
	)
	for doctype, date_field in (("Party Meeting", "meeting_date"), ("Study Session", "session_date")):
		rows = frappe.get_all(
			doctype, fields=["name", date_field, "topic"], order_by="creation asc, name asc"
		)
		taken = {row.name for row in rows if DATED.match(row.name)}
		mapping = {}
		for row in rows:
			if DATED.match(row.name) or not (row.get(date_field) and row.topic):
				continue
			new = first_free(dated_name(row.get(date_field), row.topic), taken.__contains__)
			taken.add(new)
			mapping[row.name] = new
		rename_all(doctype, mapping)
	for doctype, prefix in CYCLE_YEAR_SERIES:
		rename_to_cycle_year(doctype, prefix)


# Doctypes numbered by their cycle's year, and the prefix of their series
CYCLE_YEAR_SERIES = (("Livelihood Proposal", "MS"), ("Secret Vote", "BJ"))


def rename_to_cycle_year(doctype: str, prefix: str) -> None:
	"""PREFIX-<year typed in>-n becomes PREFIX-<cycle's year>-n, numbered in the order entered."""
	mapping = {}
	for name in frappe.get_all(doctype, pluck="name", order_by="creation asc, name asc"):
		year = cycle_year(frappe.get_doc(doctype, name), "CYCLE_YEAR")
		if not name.startswith(f"{prefix}-{year}-"):
			mapping[name] = make_autoname(f"{prefix}-{year}-.#####", doctype)
	rename_all(doctype, mapping)


def use_cycle_year_series(series=CYCLE_YEAR_SERIES) -> None:
	"""Reloading a doctype whose records exist, Frappe keeps its old naming series as Property Setters;
	drop those that only repeat the old default, so the doctype's MS-.CYCLE_YEAR.- applies."""
	for doctype, prefix in series:
		old = f"{prefix}-.YYYY.-"
		frappe.db.delete(
			"Property Setter",
			{
				"doc_type": doctype,
				"field_name": "naming_series",
				"property": ("in", ("options", "default")),
				"value": old,
			},
		)
		frappe.clear_cache(doctype=doctype)


def rename_all(doctype: str, mapping: dict[str, str]) -> None:
	"""Rename records of doctype old → new everywhere their names are held."""
	if not mapping:
		return
	olds = list(mapping)
	cases = " ".join(["when %s then %s"] * len(olds))
	pairs = [value for old in olds for value in (old, mapping[old])]
	marks = ", ".join(["%s"] * len(olds))

	def update(table: str, column: str, extra: str = "", values=()):
		frappe.db.sql(
			f"update `{table}` set `{column}` = case `{column}` {cases} end "
			f"where `{column}` in ({marks}) {extra}",
			(*pairs, *olds, *values),
		)

	update(f"tab{doctype}", "name")
	for child in frappe.get_meta(doctype).get_table_fields():
		update(f"tab{child.options}", "parent", "and parenttype = %s", (doctype,))
	for field in get_link_fields(doctype):
		if not field.get("issingle"):
			update(f"tab{field['parent']}", field["fieldname"])
	for df in get_dynamic_link_map().get(doctype, []):
		meta = frappe.get_meta(df.parent)
		if not meta.issingle and not meta.is_virtual:
			update(f"tab{df.parent}", df.fieldname, f"and `{df.options}` = %s", (doctype,))
	# Data fields that name a record of any doctype (Frappe's rename_doc updates them too)
	update("tabVersion", "docname", "and ref_doctype = %s", (doctype,))
	update("tabFile", "attached_to_name", "and attached_to_doctype = %s", (doctype,))
	frappe.clear_cache(doctype=doctype)
