"""The yearly theory exam's scores from Excel: every row checked first, then all saved, or none with an
error workbook naming, per row, each field and the reason."""

import frappe

from sanyou_app.core import excel
from sanyou_app.core.deputy_work import exam_row_validator, exam_sheet


@frappe.whitelist()
def download_template():
	frappe.has_permission("Deputy Theory Exam", "write", throw=True)
	sheet = exam_sheet()
	frappe.response["filename"] = f"{sheet.title}导入模板.xlsx"
	frappe.response["filecontent"] = excel.template(sheet)
	frappe.response["type"] = "binary"


@frappe.whitelist()
def import_scores(exam: str) -> dict:
	from sanyou_app.common.files import read_upload
	from sanyou_app.common.importing import save_error_file

	doc = frappe.get_doc("Deputy Theory Exam", exam)
	doc.check_permission("write")
	if not doc.score_file:
		frappe.throw("成绩文件(.xlsx)：请先上传由模板填写的成绩文件", title="无法导入")
	content = read_upload(doc.score_file, "成绩文件(.xlsx)")
	deputies: dict[tuple[str, str], list[str]] = {}
	for d in frappe.get_all(
		"Congress Deputy", filters={"congress": doc.congress}, fields=["name", "full_name", "village_unit"]
	):
		deputies.setdefault((d.full_name, d.village_unit), []).append(d.name)
	sheet = exam_sheet()
	validate = exam_row_validator(doc.full_marks, deputies, [s.deputy for s in doc.scores])
	result = excel.check(content, sheet, validate, unique=("full_name", "village_unit"))
	if not result.ok:
		error_file = save_error_file("Deputy Theory Exam", doc.name, "error_file", result, sheet)
		doc.db_set({"import_message": result.summary(), "error_file": error_file})
		return {"ok": False, "message": result.summary(), "error_file": error_file}
	for record in result.records:
		doc.append("scores", {k: record[k] for k in ("deputy", "score", "absent")})
	doc.import_message = f"共{len(result.records)}行，已全部导入"
	doc.error_file = None
	doc.save()
	return {"ok": True, "message": doc.import_message, "imported": len(result.records)}
