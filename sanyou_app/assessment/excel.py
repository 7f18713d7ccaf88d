"""Scoring offline: a cycle's hand-scored criteria exported to a workbook, and the assessors'
scores imported back, all or none (checked by the cycle's form, which returns the error workbook,
and saved by the background step 导入离线评分)."""

import frappe

from sanyou_app.common.background import StepError
from sanyou_app.common.files import read_upload
from sanyou_app.core import excel
from sanyou_app.core.assessment import HAND, SCORING, score_row_validator, score_sheet_layout

SHEET = "Assessment Score Sheet"


def _criteria(cycle: str):
	sheet, row = frappe.qb.DocType(SHEET), frappe.qb.DocType("Assessment Sheet Criterion")
	return (
		frappe.qb.from_(row)
		.join(sheet)
		.on(row.parent == sheet.name)
		.select(
			row.parent,
			sheet.assessee_name,
			sheet.status,
			row.heading,
			row.criterion,
			row.max_score,
			row.scoring_method,
			row.deduction_each,
			row.score,
			row.deduction_count,
			row.deduction_reason,
		)
		.where((sheet.cycle == cycle) & (row.parenttype == SHEET))
		.orderby(sheet.assessee_kind, sheet.assessee_name, row.idx)
		.run(as_dict=True)
	)


def export_scores(cycle: str) -> bytes:
	rows = [
		{
			"sheet": r.parent,
			"assessee_name": r.assessee_name,
			"heading": r.heading,
			"criterion": r.criterion,
			"max_score": r.max_score,
			"score": r.score,
			"deduction_count": r.deduction_count or None,
			"deduction_reason": r.deduction_reason,
		}
		for r in _criteria(cycle)
		if r.scoring_method == HAND and r.status == SCORING
	]
	return excel.export(score_sheet_layout(), rows)


def check_scores(cycle: str, content: bytes):
	"""The workbook's rows checked against the cycle's sheets at 赋分评价: (result, layout)."""
	rows = _criteria(cycle)
	known = {(r.parent, r.criterion): r for r in rows}
	scoring = {r.parent for r in rows if r.status == SCORING}
	layout = score_sheet_layout()
	return excel.check(
		content, layout, score_row_validator(known, scoring), unique=("sheet", "criterion")
	), layout


def import_queued_scores(cycle, progress=None) -> int:
	"""导入离线评分 as a background step: the workbook the cycle was given (job_file), checked again
	(sheets may have moved on since), then applied sheet by sheet."""
	result, _layout = check_scores(cycle.name, read_upload(cycle.job_file, "离线评分文件"))
	if not result.ok:
		raise StepError(f"{result.summary()}（再次导入该文件可下载错误说明）")
	_apply(result.records, progress)
	return len(result.records)


def _apply(records: list[dict], progress=None) -> None:
	"""The scores onto their sheets (all or none: the background step rolls back on any error)."""
	by_sheet: dict[str, list[dict]] = {}
	for record in records:
		by_sheet.setdefault(record["sheet"], []).append(record)
	for count, (name, rows) in enumerate(by_sheet.items(), 1):
		doc = frappe.get_doc(SHEET, name)
		rows_by_name = {c.criterion: c for c in doc.criteria}
		for record in rows:
			row = rows_by_name[record["criterion"]]
			row.score = float(record["score"])
			row.deduction_count = float(record["deduction_count"])
			row.deduction_reason = record["deduction_reason"]
		doc.save()
		if progress:
			progress(count, len(by_sheet), f"已保存{count}/{len(by_sheet)}张考核评分表的评分")
