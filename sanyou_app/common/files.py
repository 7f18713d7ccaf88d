"""Files as their user may read them.

Frappe v15 attaches an unattached file to any record whose Attach field is set to its URL (on
update, core/doctype/file/utils.attach_files_to_document), after which the record's readers may
read it: so typing someone else's private file URL into an attach field would hand that file to
whoever can read the record, and an import would read it and echo it back in its error workbook.
The app's records accept in an attach field only a file their user may read, and every import
reads its workbook through `upload`, as its user.
"""

import frappe

from sanyou_app.common import MODULES


def upload(file_url: str, label: str):
	"""The File at file_url, if the user may read it: a URL typed into an attach field or sent to an
	API must not make an import read (and echo back, in its error workbook) someone else's private
	file."""
	name = frappe.db.get_value("File", {"file_url": file_url}) if file_url else None
	if not name:
		frappe.throw(f"{label}：文件不存在，请重新上传", title="无法导入")
	file = frappe.get_doc("File", name)
	if not file.has_permission("read"):
		frappe.throw(f"{label}：您无权读取该文件", title="无法导入", exc=frappe.PermissionError)
	return file


def read_upload(file_url: str, label: str) -> bytes:
	"""The content of the workbook at file_url, if the user may read it (see upload)."""
	content = upload(file_url, label).get_content()
	return content.encode() if isinstance(content, str) else content


def check_attach_fields(doc, method=None) -> None:
	"""doc_events "*" validate: each Attach field of the app's records, child rows included, names
	a file the user may read (one already attached to this record is theirs to keep)."""
	if doc.meta.module not in MODULES:
		return
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.get("fields", {"fieldtype": ["in", ["Attach", "Attach Image"]]}):
			url = row.get(df.fieldname)
			if not url or not url.startswith("/private/files/"):
				continue
			files = frappe.get_all(
				"File", filters={"file_url": url}, fields=["name", "attached_to_doctype", "attached_to_name"]
			)
			if any(f.attached_to_doctype == doc.doctype and f.attached_to_name == doc.name for f in files):
				continue
			if files and not any(frappe.get_doc("File", f.name).has_permission("read") for f in files):
				label = _label(row, df)
				frappe.throw(
					f"{label}：您无权使用该文件，请重新上传", title="无法保存", exc=frappe.PermissionError
				)


def _label(row, df) -> str:
	label = frappe._(df.label or df.fieldname, lang="zh")  # the app speaks Chinese to everyone
	return f"第{row.idx}行 {label}" if row.get("parentfield") else label
