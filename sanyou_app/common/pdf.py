"""Every PDF a user gets from the site goes through here, so that its text says what it prints.

wkhtmltopdf writes look-alike radicals in the text layer of Chinese PDFs (人 → ⼈, 民 → ⺠; see
core/pdftext.py). Frappe v15 has no hook on a PDF once made, so the app's own code makes its PDFs
with get_pdf()/get_print_pdf() below, and hooks.py routes Frappe's PDF downloads (the form's PDF
button, a list's bulk print, a report's PDF) to the wrappers below, which call Frappe's own
function and fix what it returns.
"""

import hashlib
import http
import uuid
from collections.abc import Callable

import frappe
from frappe.utils import print_format
from frappe.utils.pdf import get_pdf as _frappe_get_pdf

from sanyou_app.core.pdftext import fix_pdf

# A PDF is a function of its HTML and options: the same page printed again within the hour (the
# session packet's candidate report and its ballot, a sample then the real packet) is taken from the
# cache instead of starting wkhtmltopdf again (about 0.4 s a run). The key is the page's hash, so
# only someone who can produce the very same page can read it.
CACHE_SECONDS = 3600


def rendered(key_text: str, render: Callable[[], bytes]) -> bytes:
	"""render(), or the PDF it made for the same key_text within the hour."""
	key = "sanyou_pdf:" + hashlib.sha256(key_text.encode("utf-8")).hexdigest()
	cache = frappe.cache()
	pdf = cache.get_value(key, expires=True)  # expires: not kept in the process (a miss would stick)
	if pdf is None:
		pdf = render()
		cache.set_value(key, pdf, expires_in_sec=CACHE_SECONDS)
	return pdf


def get_pdf(html: str, options: dict | None = None) -> bytes:
	"""frappe.utils.pdf.get_pdf, with the text layer fixed."""
	key = f"{html}\n{sorted((options or {}).items())}"
	return rendered(key, lambda: fix_pdf(_frappe_get_pdf(html, dict(options or {}))))


def get_print_pdf(doctype: str, name: str, print_format_name: str | None = None, **kwargs) -> bytes:
	"""frappe.get_print(..., as_pdf=True), with the text layer fixed; a 公文 in its own layout."""
	from sanyou_app.documents import api as documents

	if documents.is_document(print_format_name) and not kwargs:
		return documents.pdf(doctype, name, print_format_name)
	return fix_pdf(frappe.get_print(doctype, name, print_format_name, as_pdf=True, **kwargs))


def _fix_response() -> None:
	response = frappe.local.response
	if response.get("type") == "pdf" and response.get("filecontent"):
		response.filecontent = fix_pdf(response.filecontent)


@frappe.whitelist(allow_guest=True)
def download_pdf(
	doctype: str, name: str, format=None, doc=None, no_letterhead=0, language=None, letterhead=None
):
	from sanyou_app.documents import api as documents

	if documents.is_document(format) and not doc:
		# a 公文: the standard's page, at its true size, with page numbers (documents/api.py)
		frappe.local.response.filename = f"{name.replace('/', '-')}.pdf"
		frappe.local.response.filecontent = documents.pdf(doctype, name, format)
		frappe.local.response.type = "pdf"
		return
	print_format.download_pdf(
		doctype,
		name,
		format=format,
		doc=doc,
		no_letterhead=no_letterhead,
		language=language,
		letterhead=letterhead,
	)
	_fix_response()


@frappe.whitelist()
def download_multi_pdf(
	doctype: str | dict[str, list[str]],
	name: str | list[str],
	format: str | None = None,
	no_letterhead: bool = False,
	letterhead: str | None = None,
	options: str | None = None,
):
	print_format.download_multi_pdf(doctype, name, format, no_letterhead, letterhead, options)
	_fix_response()


@frappe.whitelist()
def download_multi_pdf_async(
	doctype: str | dict[str, list[str]],
	name: str | list[str],
	format: str | None = None,
	no_letterhead: bool = False,
	letterhead: str | None = None,
	options: str | None = None,
):
	"""As Frappe's: the merged PDF becomes a private File and the task's subscriber gets its link."""
	task_id = str(uuid.uuid4())
	count = (
		sum(len(names) for names in doctype.values())
		if isinstance(doctype, dict)
		else len(frappe.parse_json(name))
	)
	frappe.enqueue(
		_multi_pdf_file,
		task_id=task_id,
		doctype=doctype,
		name=name,
		format=format,
		no_letterhead=no_letterhead,
		letterhead=letterhead,
		options=options,
		queue="long" if count > 20 else "short",
	)
	frappe.local.response["http_status_code"] = http.HTTPStatus.CREATED
	return {"task_id": task_id}


def _multi_pdf_file(task_id: str, **kwargs) -> None:
	print_format._download_multi_pdf(**kwargs)
	_fix_response()
	doctype = kwargs["doctype"]
	prefix = "".join(f"{name}_" for name in doctype) if isinstance(doctype, dict) else f"{doctype}_"
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{prefix}{task_id}.pdf",
			"content": frappe.local.response.filecontent,
			"is_private": 1,
		}
	)
	file.save()
	frappe.publish_realtime(f"task_complete:{task_id}", message={"file_url": file.unique_url})


@frappe.whitelist()
def report_to_pdf(html, orientation="Landscape"):
	print_format.report_to_pdf(html, orientation)
	_fix_response()
