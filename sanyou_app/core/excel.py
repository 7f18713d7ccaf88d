"""Excel templates, all-or-nothing import validation and error workbooks (openpyxl, no frappe).

An import reads every row, validates every row, and only when no row is bad hands back records to
save. When any row is bad nothing is saved: the user receives the rows back with an error column
naming, per row, each field and the reason.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sanyou_app.core.fields import FieldError

ERROR_HEADER = "错误说明"
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Column:
	field: str
	header: str
	required: bool = False
	width: int = 16
	example: object = ""


@dataclass(frozen=True)
class Sheet:
	"""What an import expects: a title, its columns in order, and a note for the template."""

	title: str
	columns: tuple[Column, ...]
	note: str = ""


@dataclass
class RowError:
	row: int  # the row number the user sees in Excel
	errors: list[FieldError]

	def message(self) -> str:
		return "；".join(str(e) for e in self.errors)


@dataclass
class ImportCheck:
	records: list[dict] = field(default_factory=list)
	raw_rows: list[tuple[int, list]] = field(default_factory=list)
	row_errors: list[RowError] = field(default_factory=list)
	file_error: str | None = None

	@property
	def ok(self) -> bool:
		return not self.file_error and not self.row_errors and bool(self.records)

	def summary(self) -> str:
		if self.file_error:
			return self.file_error
		if not self.records and not self.row_errors:
			return "文件中没有数据行"
		if self.row_errors:
			first = self.row_errors[0]
			return (
				f"共{len(self.raw_rows)}行，其中{len(self.row_errors)}行有错误，未导入任何数据。"
				f"第{first.row}行：{first.message()}"
			)
		return f"共{len(self.records)}行，全部通过校验"


_HEAD_FONT = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_ERROR_FONT = Font(color="C00000")


def _header_row(ws, sheet: Sheet, extra: Sequence[str] = ()) -> None:
	headers = [c.header + ("*" if c.required else "") for c in sheet.columns] + list(extra)
	ws.append(headers)
	for i, column in enumerate(sheet.columns, start=1):
		cell = ws.cell(row=1, column=i)
		cell.font = _HEAD_FONT
		if column.required:
			cell.fill = _REQUIRED_FILL
		ws.column_dimensions[get_column_letter(i)].width = column.width
	for j in range(len(extra)):
		col = len(sheet.columns) + 1 + j
		ws.cell(row=1, column=col).font = _HEAD_FONT
		ws.column_dimensions[get_column_letter(col)].width = 60
	ws.freeze_panes = "A2"


def _to_bytes(wb: Workbook) -> bytes:
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def template(sheet: Sheet) -> bytes:
	"""The downloadable template: headers (required ones marked * and shaded), one example row."""
	wb = Workbook()
	ws = wb.active
	ws.title = sheet.title
	_header_row(ws, sheet)
	ws.append([c.example for c in sheet.columns])
	if sheet.note:
		notes = wb.create_sheet("填写说明")
		for line in sheet.note.splitlines():
			notes.append([line])
		notes.column_dimensions["A"].width = 100
	return _to_bytes(wb)


def _header_key(text) -> str:
	return str(text or "").strip().rstrip("*").strip()


def read_rows(content: bytes, sheet: Sheet) -> tuple[list[tuple[int, list]], str | None]:
	"""Rows of the first worksheet as (excel row number, values in column order).

	Columns are found by header text, so their order in the file does not matter. Blank rows are
	skipped. Returns an error sentence instead when the file or its headers are unusable.
	"""
	try:
		wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
	except Exception:
		return [], "无法读取文件：请上传由模板填写的 .xlsx 文件"
	ws = wb.worksheets[0]
	rows = ws.iter_rows(values_only=True)
	try:
		header = next(rows)
	except StopIteration:
		wb.close()
		return [], "文件是空的：第1行应为表头"
	positions = {_header_key(h): i for i, h in enumerate(header) if _header_key(h)}
	missing = [c.header for c in sheet.columns if c.required and c.header not in positions]
	if missing:
		wb.close()
		return [], f"表头缺少列：{'、'.join(missing)}（请使用下载的模板）"
	index = [positions.get(c.header) for c in sheet.columns]
	out: list[tuple[int, list]] = []
	for number, row in enumerate(rows, start=2):
		values = [row[i] if i is not None and i < len(row) else None for i in index]
		if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
			continue
		out.append((number, values))
		if len(out) > MAX_ROWS:
			wb.close()
			return [], f"一次最多导入{MAX_ROWS}行，请拆分文件"
	wb.close()
	return out, None


Validator = Callable[[Mapping], tuple[dict, list[FieldError]]]


def check(content: bytes, sheet: Sheet, validate: Validator, *, unique: Iterable[str] = ()) -> ImportCheck:
	"""Read and validate every row. `unique`: fields whose values must not repeat in the file."""
	rows, error = read_rows(content, sheet)
	result = ImportCheck(raw_rows=rows, file_error=error)
	if error:
		return result
	fields = [c.field for c in sheet.columns]
	unique = tuple(unique)
	seen: dict[tuple, int] = {}
	for number, values in rows:
		record, errors = validate(dict(zip(fields, values, strict=True)))
		if unique:
			key = tuple(record.get(f) for f in unique)
			if key in seen:
				label = next((c.header for c in sheet.columns if c.field == unique[0]), unique[0])
				errors = [*errors, FieldError(unique[0], f"与第{seen[key]}行重复", label)]
			else:
				seen[key] = number
		if errors:
			result.row_errors.append(RowError(number, errors))
		else:
			result.records.append(record)
	if result.row_errors:
		result.records = []
	return result


def error_workbook(result: ImportCheck, sheet: Sheet) -> bytes:
	"""Every row of the file, as the user wrote it, with an error column ("" for good rows)."""
	wb = Workbook()
	ws = wb.active
	ws.title = sheet.title
	_header_row(ws, sheet, extra=(ERROR_HEADER,))
	by_row = {e.row: e.message() for e in result.row_errors}
	error_col = len(sheet.columns) + 1
	for number, values in result.raw_rows:
		_append_as_text(ws, [*values, f"第{number}行：{by_row[number]}" if number in by_row else ""])
		if number in by_row:
			cell = ws.cell(row=ws.max_row, column=error_col)
			cell.font = _ERROR_FONT
			cell.alignment = Alignment(wrap_text=True)
	return _to_bytes(wb)


def export(sheet: Sheet, records: Iterable[Mapping]) -> bytes:
	"""A plain workbook of records under the sheet's headers (for exports)."""
	wb = Workbook(write_only=False)
	ws = wb.active
	ws.title = sheet.title
	ws.append([c.header for c in sheet.columns])
	for i, column in enumerate(sheet.columns, start=1):
		ws.cell(row=1, column=i).font = _HEAD_FONT
		ws.column_dimensions[get_column_letter(i)].width = column.width
	for record in records:
		_append_as_text(ws, [_cell(record.get(c.field)) for c in sheet.columns])
	ws.freeze_panes = "A2"
	return _to_bytes(wb)


def _append_as_text(ws, values: list) -> None:
	"""Append a row of users' values: text beginning with "=" stays text, never becomes a formula."""
	ws.append(values)
	for cell in ws[ws.max_row]:
		if cell.data_type == "f":
			cell.data_type = "s"


def _cell(value):
	from decimal import Decimal

	return float(value) if isinstance(value, Decimal) else value
