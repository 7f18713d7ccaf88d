"""公文设置 (Official Document Settings): what an administrator sets per document kind — the red
发文机关标志, the 机关代字 of its 发文字号 series, the signing organ, 主送, 抄送 and 印发机关 — and the
numbers issued. Defaults are written only when missing (after install and migrate), so an
administrator's edits stay."""

from __future__ import annotations

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


NUMBERS = "Official Document Number"


def _issued(db, kind: str, doctype: str, name: str) -> str | None:
	rows = db.sql(
		"""select number from `tabOfficial Document Number`
		where parent=%s and document=%s and reference_doctype=%s and reference_name=%s""",
		(SETTINGS, kind, doctype, name),
	)
	return rows[0][0] if rows else None


def _own_connection():
	"""A connection of its own to the site's database, for a step that must be kept whatever
	becomes of the request around it."""
	from frappe.database import get_db

	conf = frappe.local.conf
	return get_db(
		socket=conf.db_socket,
		host=conf.db_host,
		port=conf.db_port,
		user=conf.db_name,
		password=conf.db_password,
		cur_db_name=conf.db_name,
	)


def issue_number(kind: str, code: str, doctype: str, name: str, year: int) -> str:
	"""The record's 发文字号 in its kind's series: given once, the next of the year, then kept.

	A number is issued in a transaction of its own and kept at once: a document is first printed
	by a GET (whose writes Frappe rolls back), and a number once printed on paper must never be
	given to another record. The unique indexes (one number per record of a kind; each number of
	a kind's year once) make two first prints at the same moment take different numbers, or the
	same number for the same record, with no lock held beyond the insert."""
	if number := _issued(frappe.db, kind, doctype, name):
		return number
	db = _own_connection()
	try:
		for _ in range(20):
			# a new connection reads what is committed now, not the request's older snapshot
			if number := _issued(db, kind, doctype, name):
				break
			(last,) = db.sql(
				"select max(seq) from `tabOfficial Document Number` where parent=%s and document=%s and year=%s",
				(SETTINGS, kind, year),
			)[0]
			(idx,) = db.sql(
				"select max(idx) from `tabOfficial Document Number` where parent=%s", (SETTINGS,)
			)[0]
			seq = (last or 0) + 1
			number = gw.doc_number(code, year, seq)
			now = frappe.utils.now()
			try:
				db.sql(
					"""insert into `tabOfficial Document Number` (name, creation, modified, modified_by,
					owner, docstatus, idx, parent, parentfield, parenttype, document, reference_doctype,
					reference_name, year, seq, number)
					values (%s, %s, %s, %s, %s, 0, %s, %s, 'issued', %s, %s, %s, %s, %s, %s, %s)""",
					(
						frappe.generate_hash(length=10),
						now,
						now,
						frappe.session.user,
						frappe.session.user,
						(idx or 0) + 1,
						SETTINGS,
						SETTINGS,
						kind,
						doctype,
						name,
						year,
						seq,
						number,
					),
				)
				db.commit()
				break
			except Exception as e:
				db.rollback()
				if not db.is_unique_key_violation(e):
					raise
				number = None  # taken a moment ago: read again
		else:
			frappe.throw("发文字号暂时无法编号，请稍后再打印", title="无法编号")
	finally:
		db.close()
	frappe.clear_document_cache(SETTINGS, SETTINGS)
	return number


def keep_issued_numbers(settings, method=None) -> None:
	"""Saving the settings never drops a number issued meanwhile (the form may have been opened
	before it was issued): the register only grows."""
	present = {row.name for row in settings.issued}
	# a locking read: what is committed now, not the save's older snapshot
	for row in frappe.db.sql(
		"""select name, document, reference_doctype, reference_name, year, seq, number
		from `tabOfficial Document Number`
		where parent=%s and parenttype=%s and parentfield='issued' order by idx for update""",
		(SETTINGS, SETTINGS),
		as_dict=True,
	):
		if row.name not in present:
			settings.append("issued", row)


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
		# the site's day (its time zone), not the server's clock: at 07:00 in Beijing a server
		# kept in UTC is still on the day before
		year = int(record.get("year") or frappe.utils.getdate().year)
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
		doc.print_date = doc.date or gw.date_text(frappe.utils.getdate())
	return doc
