import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from sanyou_app.core import excel
from sanyou_app.core.congress import clean_deputy
from sanyou_app.core.excel import ERROR_HEADER, Column, Sheet, check, error_workbook, export, template
from sanyou_app.core.proposal import CHANNELS, clean_proposal
from sanyou_app.core.sheets import CANDIDATE_EXPORT, DEPUTY_IMPORT, PROPOSAL_EXPORT, PROPOSAL_IMPORT

PROPOSAL_HEADERS = [
	"项目名称*",
	"建议人姓名*",
	"所在村(社区)*",
	"联系电话*",
	"项目描述*",
	"建议理由*",
	"估算投资(万元)",
	"征集渠道",
]
DEPUTY_HEADERS = ["姓名*", "性别*", "选区(村/单位)*", "联系电话", "主席团成员", "代表小组"]
DEPUTY_UNIQUE = ("full_name", "village_unit")


def proposal(title="村庄扶贫路", phone="13912345678", cost=120.5, channel="通知征集", village="丁楼村"):
	return [title, "张三", village, phone, "硬化村内道路约3公里", "雨天道路泥泞，群众出行不便", cost, channel]


def deputy(name="李四", gender="男", unit="陈集村", phone="13812345678", presidium="否", group=None):
	return [name, gender, unit, phone, presidium, group]


def xlsx(*rows, extra_sheets=()):
	"""A workbook as a user fills it in; text beginning with "=" is typed text, not a formula."""
	wb = Workbook()
	ws = wb.active
	ws.title = "数据"
	for row in rows:
		ws.append(list(row))
		for cell in ws[ws.max_row]:
			if cell.data_type == "f":
				cell.data_type = "s"
	for title in extra_sheets:
		wb.create_sheet(title).append(["不应读取"])
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def read(content, sheet=0):
	wb = load_workbook(io.BytesIO(content))
	ws = wb.worksheets[sheet] if isinstance(sheet, int) else wb[sheet]
	return wb, ws, [list(r) for r in ws.iter_rows(values_only=True)]


def check_proposals(*rows, headers=PROPOSAL_HEADERS):
	return check(xlsx(headers, *rows), PROPOSAL_IMPORT, clean_proposal)


def check_deputies(*rows, groups=None):
	return check(
		xlsx(DEPUTY_HEADERS, *rows),
		DEPUTY_IMPORT,
		lambda row: clean_deputy(row, groups=groups),
		unique=DEPUTY_UNIQUE,
	)


# --- template ---------------------------------------------------------------------------------


def test_template_has_headers_with_star_on_required_and_an_example_row():
	wb, ws, rows = read(template(PROPOSAL_IMPORT))
	assert ws.title == "民生实事项目征集"
	assert rows[0] == PROPOSAL_HEADERS
	assert rows[1] == [
		"村庄扶贫路",
		"张三",
		"丁楼村",
		"13912345678",
		"硬化村内道路约3公里",
		"雨天道路泥泞，群众出行不便",
		120.5,
		"通知征集",
	]
	assert len(rows) == 2
	assert ws.freeze_panes == "A2"
	required = [c.required for c in PROPOSAL_IMPORT.columns]
	for i, is_required in enumerate(required, start=1):
		cell = ws.cell(row=1, column=i)
		assert cell.font.bold
		assert (cell.fill.fgColor.rgb == "00FFF2CC") is is_required


def test_template_has_a_sheet_of_instructions():
	wb, _, _ = read(template(PROPOSAL_IMPORT))
	assert wb.sheetnames == ["民生实事项目征集", "填写说明"]
	notes = [r[0] for r in wb["填写说明"].iter_rows(values_only=True)]
	assert notes == PROPOSAL_IMPORT.note.splitlines()
	assert notes[0].startswith("1. 带 * 的列必填")
	assert "、".join(CHANNELS) in notes[3]


def test_deputy_template():
	wb, ws, rows = read(template(DEPUTY_IMPORT))
	assert wb.sheetnames == ["人大代表", "填写说明"]
	assert rows[0] == DEPUTY_HEADERS
	assert rows[1] == ["李四", "男", "陈集村", "13812345678", "否", None]


def test_template_without_note_has_no_instruction_sheet():
	sheet = Sheet("简表", (Column("title", "名称", True, example="样例"),))
	wb, _, rows = read(template(sheet))
	assert wb.sheetnames == ["简表"]
	assert rows == [["名称*"], ["样例"]]


@pytest.mark.parametrize(
	("sheet", "validate"),
	[(PROPOSAL_IMPORT, clean_proposal), (DEPUTY_IMPORT, clean_deputy)],
)
def test_the_example_row_of_each_template_passes_its_own_checks(sheet, validate):
	result = check(template(sheet), sheet, validate)
	assert result.ok, result.summary()
	assert len(result.records) == 1


# --- check: good files ------------------------------------------------------------------------


def test_all_good_rows_become_records():
	result = check_proposals(
		proposal(),
		proposal("陈集新村下水道改造提升工程", phone="0561-3012345", cost="158.36", channel=None),
		proposal("连心小院", phone=13912345678, cost=None, channel="入户走访"),
	)
	assert result.ok
	assert result.file_error is None
	assert result.row_errors == []
	assert len(result.records) == 3
	assert result.records[0] == {
		"title": "村庄扶贫路",
		"proposer_name": "张三",
		"village": "丁楼村",
		"contact_phone": "13912345678",
		"description": "硬化村内道路约3公里",
		"reason": "雨天道路泥泞，群众出行不便",
		"estimated_cost": Decimal("120.50"),
		"channel": "通知征集",
	}
	assert result.records[1]["estimated_cost"] == Decimal("158.36")
	assert result.records[1]["channel"] == "网络征集"
	assert result.records[1]["contact_phone"] == "0561-3012345"
	assert result.records[2]["contact_phone"] == "13912345678"
	assert result.records[2]["estimated_cost"] is None
	assert [n for n, _ in result.raw_rows] == [2, 3, 4]
	assert result.summary() == "共3行，全部通过校验"


def test_columns_in_another_order_still_map_by_header():
	order = [7, 3, 0, 6, 5, 4, 2, 1]
	headers = [PROPOSAL_HEADERS[i] for i in order]
	row = proposal()
	result = check_proposals([row[i] for i in order], headers=headers)
	assert result.ok
	record = result.records[0]
	assert record["title"] == "村庄扶贫路"
	assert record["contact_phone"] == "13912345678"
	assert record["channel"] == "通知征集"
	assert record["estimated_cost"] == Decimal("120.50")
	# raw rows come back in the sheet's column order, whatever the file's order
	assert result.raw_rows[0][1] == row


def test_headers_without_star_or_with_spaces_are_recognised():
	headers = [h.rstrip("*") for h in PROPOSAL_HEADERS]
	headers[0] = " 项目名称 * "
	assert check_proposals(proposal(), headers=headers).ok


def test_optional_columns_may_be_left_out_of_the_file():
	headers = PROPOSAL_HEADERS[:6]
	result = check_proposals(proposal()[:6], headers=headers)
	assert result.ok
	assert result.records[0]["estimated_cost"] is None
	assert result.records[0]["channel"] == "网络征集"


def test_unknown_extra_columns_are_ignored():
	result = check_proposals([*proposal(), "备注文字"], headers=[*PROPOSAL_HEADERS, "备注"])
	assert result.ok
	assert "备注" not in result.records[0]


def test_blank_rows_are_skipped_and_row_numbers_stay_those_of_excel():
	result = check_proposals(
		proposal(),
		[None] * 8,
		["  ", "", None, " ", None, None, None, None],
		proposal("连心小院", phone="12345"),
	)
	assert [n for n, _ in result.raw_rows] == [2, 5]
	assert [e.row for e in result.row_errors] == [5]


def test_only_the_first_worksheet_is_read():
	content = xlsx(PROPOSAL_HEADERS, proposal(), extra_sheets=["其他"])
	result = check(content, PROPOSAL_IMPORT, clean_proposal)
	assert result.ok and len(result.records) == 1


# --- check: bad rows, nothing saved -----------------------------------------------------------


def test_one_bad_row_among_good_ones_saves_nothing():
	result = check_proposals(
		proposal(),
		proposal("陈集新村下水道改造提升工程", phone="12345"),
		proposal("连心小院"),
	)
	assert not result.ok
	assert result.records == []
	assert len(result.raw_rows) == 3
	assert len(result.row_errors) == 1
	error = result.row_errors[0]
	assert error.row == 3
	assert [e.field for e in error.errors] == ["contact_phone"]
	assert error.message() == "联系电话：格式不正确，应为11位手机号或带区号的固定电话"
	assert result.summary() == (
		"共3行，其中1行有错误，未导入任何数据。第3行：联系电话：格式不正确，应为11位手机号或带区号的固定电话"
	)


def test_every_bad_row_and_every_reason_is_reported():
	result = check_proposals(
		proposal(title=None, phone="1391234567"),
		proposal(),
		proposal(cost="abc", channel="电视台"),
		proposal(title="路" * 61, cost=-5),
	)
	assert result.records == []
	assert [e.row for e in result.row_errors] == [2, 4, 5]
	assert result.row_errors[0].message() == (
		"项目名称：必填；联系电话：格式不正确，应为11位手机号或带区号的固定电话"
	)
	assert (
		result.row_errors[1]
		.message()
		.startswith("估算投资(万元)：应为数字（单位：万元）；征集渠道：“电视台”不是可选的征集渠道")
	)
	assert (
		result.row_errors[2].message() == "项目名称：不能超过60个字（现为61个字）；估算投资(万元)：不能为负数"
	)
	assert result.summary().startswith("共4行，其中3行有错误，未导入任何数据。第2行：项目名称：必填")


def test_duplicate_rows_are_refused_naming_the_first_row():
	result = check_deputies(
		deputy("李四", unit="陈集村"),
		deputy("王五", gender="女", unit="丁楼村"),
		deputy("李四", unit="丁楼村"),  # same name, other unit: another person
		deputy(" 李四 ", unit="陈集村", phone=None),  # same person once trimmed
		deputy("李四", unit="陈集村", presidium="是"),
	)
	assert result.records == []
	assert [(e.row, e.message()) for e in result.row_errors] == [
		(5, "姓名：与第2行重复"),
		(6, "姓名：与第2行重复"),
	]


def test_a_duplicate_of_a_bad_row_carries_both_reasons():
	result = check_deputies(deputy(gender="X"), deputy(gender="X"))
	assert [(e.row, e.message()) for e in result.row_errors] == [
		(2, "性别：应填“男”或“女”"),
		(3, "性别：应填“男”或“女”；姓名：与第2行重复"),
	]


def test_deputy_rows_with_unknown_group_and_bad_flag():
	result = check_deputies(
		deputy(group="第一代表小组", presidium="是"),
		deputy("王五", gender="女", group="第九代表小组"),
		deputy("赵六", presidium="也许"),
		groups={"第一代表小组"},
	)
	assert result.records == []
	assert [(e.row, e.message()) for e in result.row_errors] == [
		(3, "代表小组：代表小组“第九代表小组”不存在"),
		(4, "主席团成员：应填“是”或“否”"),
	]


def test_good_deputy_file():
	result = check_deputies(
		deputy(presidium="是", group="第一代表小组"), deputy("王五", gender="女"), groups={"第一代表小组"}
	)
	assert result.ok
	assert [(r["full_name"], r["is_presidium_member"], r["deputy_group"]) for r in result.records] == [
		("李四", 1, "第一代表小组"),
		("王五", 0, None),
	]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=8))
def test_records_only_when_every_row_is_good(good_rows):
	rows = [proposal(f"项目{i}", phone="13912345678" if good else "123") for i, good in enumerate(good_rows)]
	result = check_proposals(*rows)
	bad_numbers = [i + 2 for i, good in enumerate(good_rows) if not good]
	assert [e.row for e in result.row_errors] == bad_numbers
	if bad_numbers:
		assert result.records == [] and not result.ok
	else:
		assert [r["title"] for r in result.records] == [f"项目{i}" for i in range(len(good_rows))]
		assert result.ok


# --- check: unusable files --------------------------------------------------------------------


def test_missing_required_header_names_the_column():
	headers = [h for h in PROPOSAL_HEADERS if h != "联系电话*"]
	row = [v for i, v in enumerate(proposal()) if i != 3]
	result = check_proposals(row, headers=headers)
	assert result.file_error == "表头缺少列：联系电话（请使用下载的模板）"
	assert result.records == [] and result.raw_rows == []
	assert not result.ok
	assert result.summary() == result.file_error


def test_every_missing_required_header_is_named():
	result = check_proposals(["x"], headers=["项目标题"])
	assert result.file_error == (
		"表头缺少列：项目名称、建议人姓名、所在村(社区)、联系电话、项目描述、建议理由（请使用下载的模板）"
	)


@pytest.mark.parametrize(
	"content",
	[b"not an xlsx", b"", "项目名称,联系电话\n村庄扶贫路,13912345678\n".encode(), b"PK\x03\x04broken"],
)
def test_bytes_that_are_not_an_xlsx_give_a_file_error(content):
	result = check(content, PROPOSAL_IMPORT, clean_proposal)
	assert result.file_error == "无法读取文件：请上传由模板填写的 .xlsx 文件"
	assert result.records == [] and result.row_errors == []
	assert not result.ok


def test_zip_that_is_not_a_workbook_gives_a_file_error():
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w") as z:
		z.writestr("readme.txt", "hello")
	result = check(out.getvalue(), PROPOSAL_IMPORT, clean_proposal)
	assert result.file_error == "无法读取文件：请上传由模板填写的 .xlsx 文件"


def test_empty_workbook_says_the_header_is_missing():
	result = check(xlsx(), PROPOSAL_IMPORT, clean_proposal)
	assert result.file_error == "文件是空的：第1行应为表头"


def test_header_only_file_has_no_data_rows():
	result = check_proposals()
	assert result.file_error is None
	assert result.records == [] and result.row_errors == []
	assert not result.ok
	assert result.summary() == "文件中没有数据行"


def test_too_many_rows_are_refused(monkeypatch):
	monkeypatch.setattr(excel, "MAX_ROWS", 2)
	result = check_proposals(proposal("一"), proposal("二"), proposal("三"))
	assert result.file_error == "一次最多导入2行，请拆分文件"
	assert result.records == []
	assert check_proposals(proposal("一"), proposal("二")).ok


# --- error workbook ---------------------------------------------------------------------------


def test_error_workbook_marks_bad_rows_and_leaves_good_rows_empty():
	rows = [
		proposal(),
		proposal("陈集新村下水道改造提升工程", phone="12345"),
		[None] * 8,
		proposal("", cost="abc"),
	]
	result = check_proposals(*rows)
	wb, ws, out = read(error_workbook(result, PROPOSAL_IMPORT))
	assert ws.title == "民生实事项目征集"
	assert out[0] == [*PROPOSAL_HEADERS, ERROR_HEADER]
	assert out[0][-1] == "错误说明"
	assert len(out) == 4  # header and the three rows with data; the blank row is not repeated
	assert out[1][:-1] == rows[0]
	assert out[1][-1] in (None, "")
	assert out[2][:-1] == rows[1]
	assert out[2][-1] == "第3行：联系电话：格式不正确，应为11位手机号或带区号的固定电话"
	assert out[3][:-1] == [None, *rows[3][1:]]
	assert out[3][-1] == "第5行：项目名称：必填；估算投资(万元)：应为数字（单位：万元）"
	assert ws.cell(row=3, column=9).font.color.rgb == "00C00000"


def test_error_workbook_keeps_the_sheet_column_order_for_a_reordered_file():
	order = [3, 0, 1, 2, 4, 5, 6, 7]
	row = proposal(phone="12345")
	content = xlsx([PROPOSAL_HEADERS[i] for i in order], [row[i] for i in order])
	result = check(content, PROPOSAL_IMPORT, clean_proposal)
	_, _, out = read(error_workbook(result, PROPOSAL_IMPORT))
	assert out[0] == [*PROPOSAL_HEADERS, "错误说明"]
	assert out[1] == [*row, "第2行：联系电话：格式不正确，应为11位手机号或带区号的固定电话"]


def test_error_workbook_of_duplicates():
	result = check_deputies(deputy(), deputy())
	_, _, out = read(error_workbook(result, DEPUTY_IMPORT))
	assert out[0] == [*DEPUTY_HEADERS, "错误说明"]
	assert out[1][-1] in (None, "")
	assert out[2][-1] == "第3行：姓名：与第2行重复"


def test_text_starting_with_equals_stays_text_in_the_error_workbook():
	result = check_proposals(proposal(title="=1+1", phone="12345"))
	assert result.raw_rows[0][1][0] == "=1+1"
	wb, ws, out = read(error_workbook(result, PROPOSAL_IMPORT))
	assert ws["A2"].value == "=1+1"
	assert ws["A2"].data_type == "s"


# --- export -----------------------------------------------------------------------------------


def test_export_writes_amounts_as_numbers():
	records = [
		{
			"idx": 1,
			"title": "村庄扶贫路",
			"content": "硬化道路",
			"investment": Decimal("286.50"),
			"implementing_body": "交通运输办",
			"deadline": dt.date(2020, 12, 31),
		},
		{"idx": 2, "title": "陈集新村下水道改造提升工程", "investment": Decimal("158.36")},
	]
	wb, ws, out = read(export(CANDIDATE_EXPORT, records))
	assert ws.title == "候选项目"
	assert out[0] == ["序号", "项目名称", "主要内容", "投资金额(万元)", "实施主体", "完成时限"]
	assert out[1][:5] == [1, "村庄扶贫路", "硬化道路", 286.5, "交通运输办"]
	assert out[1][5].date() == dt.date(2020, 12, 31)
	assert out[2] == [2, "陈集新村下水道改造提升工程", None, 158.36, None, None]
	assert ws["D2"].data_type == "n"
	assert ws["D3"].data_type == "n"
	assert isinstance(ws["D2"].value, float)
	assert ws.freeze_panes == "A2"


def test_export_total_can_be_summed_in_excel():
	records = [{"investment": Decimal(str(v))} for v in [286.5, 158.36, 45.8, 92, 42]]
	_, _, out = read(export(CANDIDATE_EXPORT, records))
	assert round(sum(r[3] for r in out[1:]), 2) == 624.66


def test_export_of_no_records_has_only_headers():
	_, _, out = read(export(PROPOSAL_EXPORT, []))
	assert len(out) == 1
	assert out[0][:3] == ["编号", "项目名称", "状态"]


def test_export_keeps_publicly_submitted_formulas_as_text():
	records = [{"name": "P-1", "title": '=HYPERLINK("http://example.invalid","点击")', "description": "=1+1"}]
	_, ws, out = read(export(PROPOSAL_EXPORT, records))
	assert out[1][1] == '=HYPERLINK("http://example.invalid","点击")'
	assert ws["B2"].data_type == "s"
	assert ws["H2"].value == "=1+1"
	assert ws["H2"].data_type == "s"
