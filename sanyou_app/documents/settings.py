"""公文设置 (Official Document Settings): what an administrator sets per document kind — the red
发文机关标志, the 机关代字 of its 发文字号 series, the signing organ, 主送, 抄送 and 印发机关 — and the
numbers issued. Defaults are written only when missing (after install and migrate), so an
administrator's edits stay."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import frappe

from sanyou_app.core import gongwen as gw

SETTINGS = "Official Document Settings"
DEFAULTS = Path(__file__).with_name("defaults.json")


def ensure_defaults() -> None:
	settings = frappe.get_single(SETTINGS)
	defaults = json.loads(DEFAULTS.read_text(encoding="utf-8"))
	have = {row.document for row in settings.kinds}
	missing = [row for row in defaults["kinds"] if row["document"] not in have]
	if not missing and settings.organ_name:
		return
	settings.organ_name = settings.organ_name or defaults["organ_name"]
	for row in missing:
		settings.append("kinds", row)
	settings.flags.ignore_permissions = True
	settings.save()


def organ_name() -> str:
	"""The organ's name (机关名称), as the administrator set it."""
	return (
		frappe.get_cached_doc(SETTINGS).organ_name
		or json.loads(DEFAULTS.read_text(encoding="utf-8"))["organ_name"]
	)


def kind_settings(kind: str):
	settings = frappe.get_cached_doc(SETTINGS)
	return next((row for row in settings.kinds if row.document == kind), None)


def issue_number(kind: str, code: str, doctype: str, name: str, year: int) -> str:
	"""The record's 发文字号 in its kind's series: given once, the next of the year, then kept."""
	for row in frappe.get_cached_doc(SETTINGS).issued:
		if (row.document, row.reference_doctype, row.reference_name) == (kind, doctype, name):
			return row.number
	# one number at a time: two first prints of the series cannot take the same number
	# (locking reads: the request's snapshot may predate a number another request just issued)
	frappe.db.sql("select field from `tabSingles` where doctype=%s for update", SETTINGS)
	settings = frappe.get_doc(SETTINGS, SETTINGS, for_update=True)
	for row in settings.issued:
		if (row.document, row.reference_doctype, row.reference_name) == (kind, doctype, name):
			return row.number
	seq = 1 + max(
		(row.seq for row in settings.issued if row.document == kind and row.year == year), default=0
	)
	number = gw.doc_number(code, year, seq)
	settings.append(
		"issued",
		{
			"document": kind,
			"reference_doctype": doctype,
			"reference_name": name,
			"year": year,
			"seq": seq,
			"number": number,
		},
	)
	settings.flags.ignore_permissions = True
	settings.save()
	return number


def letterhead_image(letter_head: str) -> bytes:
	"""The image of a Letter Head whose source is an image (b"" for an HTML one)."""
	head = frappe.get_cached_doc("Letter Head", letter_head)
	if head.source != "Image" or not head.image:
		return b""
	return frappe.get_doc("File", {"file_url": head.image}).get_content()


def apply(doc: gw.Document, record) -> gw.Document:
	"""The document with what the administrator set for its kind."""
	row = kind_settings(doc.kind)
	if not row:
		return doc
	if row.organ_mark:
		doc.organ_mark = row.organ_mark
	if row.letter_head:
		doc.letterhead = letterhead_image(row.letter_head)
	if row.number_code:
		year = int(record.get("year") or datetime.date.today().year)
		doc.number = issue_number(doc.kind, row.number_code, record.doctype, record.name, year)
	if row.signer:
		doc.signer = row.signer
	if row.recipient:
		doc.recipient = row.recipient
	if row.seal:
		doc.seal = True
	if row.cc:
		doc.cc = row.cc
	if row.printer:
		doc.printer = row.printer
		doc.print_date = doc.date or gw.date_text(datetime.date.today())
	return doc
