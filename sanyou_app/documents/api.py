"""The 公文 of a record: its HTML for the print format, its PDF and its Word copy."""

from __future__ import annotations

from dataclasses import replace

import frappe
from frappe.www.printview import validate_print_permission

from sanyou_app.common.pdf import rendered
from sanyou_app.core import gongwen as gw
from sanyou_app.core import gongwen_docx, gongwen_pdf
from sanyou_app.core import gongwen_html as layout
from sanyou_app.core.pdftext import fix_pdf
from sanyou_app.documents import DOCUMENTS
from sanyou_app.documents.settings import apply


def is_document(print_format: str | None) -> bool:
	return bool(print_format) and print_format in DOCUMENTS


def model(record, print_format: str) -> gw.Document:
	doctype, build = DOCUMENTS[print_format]
	if record.doctype != doctype:
		frappe.throw(f"{print_format}用于{doctype}", title="无法生成")
	return apply(build(record), record)


def gongwen_html(doc, print_format: str) -> str:
	"""Jinja: the document laid out as a 公文, for its print format."""
	return gongwen_html_fragment(model(doc, print_format))


def gongwen_html_fragment(document: gw.Document) -> str:
	return layout.render_fragment(document)


def _record(doctype: str, name: str, print_format: str):
	if not is_document(print_format):
		frappe.throw(f"{print_format}不是公文", title="无法生成")
	record = frappe.get_doc(doctype, name)
	validate_print_permission(record)
	return record


def pdf_of(document: gw.Document) -> bytes:
	"""The PDF of a 公文: its page rendered by wkhtmltopdf (a self-contained page: no stylesheet to
	fetch, no image, no script, so none of Frappe's preparation of a print view is needed), the text
	layer fixed, the pages numbered."""
	html = layout.render_page(document)
	# the cache's key names the page and the step that places the 版记
	key = f"gongwen-v2\n{html}"
	return rendered(key, lambda: gongwen_pdf.stamp_page_numbers(_with_record_at_foot(document, html)))


def _with_record_at_foot(document: gw.Document, html: str) -> bytes:
	"""The page rendered; a document with a 版记 is rendered twice, the second time with the space
	that brings the 版记 to the foot of the last page, measured on the first."""
	pdf = fix_pdf(_wkhtmltopdf(html))
	if not document.has_record():
		return pdf
	baseline = gongwen_pdf.last_baseline(pdf, document.record_last_line())
	gap = gw.record_gap_pt(baseline) if baseline is not None else 0
	if not gap:
		return pdf
	return fix_pdf(_wkhtmltopdf(layout.render_page(replace(document, record_gap_pt=gap))))


def _wkhtmltopdf(html: str) -> bytes:
	import pdfkit

	options = {
		**layout.pdf_options(),
		"encoding": "UTF-8",
		"quiet": None,
		"print-media-type": None,
		"disable-javascript": None,
		"disable-local-file-access": None,
	}
	return pdfkit.from_string(html, False, options=options)


def pdf(doctype: str, name: str, print_format: str) -> bytes:
	"""The 公文's PDF (the print format's layout, at its true size, with page numbers)."""
	return pdf_of(model(_record(doctype, name, print_format), print_format))


def docx(doctype: str, name: str, print_format: str) -> bytes:
	return gongwen_docx.to_bytes(model(_record(doctype, name, print_format), print_format))


def _filename(doctype: str, name: str, print_format: str) -> str:
	return f"{print_format}-{name}".replace("/", "-")


@frappe.whitelist()
def download_docx(doctype: str, name: str, print_format: str):
	"""下载 Word: the document as an editable .docx."""
	frappe.local.response.filename = _filename(doctype, name, print_format) + ".docx"
	frappe.local.response.filecontent = docx(doctype, name, print_format)
	frappe.local.response.type = "download"


def boot(bootinfo) -> None:
	"""The 公文 print formats of each doctype the user may print (their forms offer 下载 Word)."""
	documents: dict[str, list[str]] = {}
	for print_format, (doctype, _) in DOCUMENTS.items():
		if frappe.has_permission(doctype, "print"):
			documents.setdefault(doctype, []).append(print_format)
	bootinfo.sanyou_documents = documents
