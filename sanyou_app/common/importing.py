"""Excel imports: the error workbook a refused import leaves on its record."""

import frappe

from sanyou_app.core import excel


def save_error_file(doctype: str, name: str, fieldname: str, result, sheet) -> str | None:
	"""The user's rows with the error column, as a private file attached to the import's record."""
	if not result.raw_rows:
		return None
	saved = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"导入错误-{name}.xlsx",
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"attached_to_field": fieldname,
			"is_private": 1,
			"content": excel.error_workbook(result, sheet),
		}
	).insert(ignore_permissions=True)
	return saved.file_url
