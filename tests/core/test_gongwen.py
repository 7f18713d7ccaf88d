"""公文 layout (GB/T 9704-2012): the measures, the forms of numbers and dates, and the document
model that the PDF and the Word copy share."""

import io

import pytest
from docx import Document as read_docx
from docx.enum.text import WD_LINE_SPACING
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from sanyou_app.core import gongwen as gw
from sanyou_app.core import gongwen_docx, gongwen_html, gongwen_pdf


def test_page_and_text_area():
	assert (gw.PAGE_W_MM, gw.PAGE_H_MM) == (210, 297)
	assert (gw.TOP_MM, gw.LEFT_MM, gw.RIGHT_MM, gw.BOTTOM_MM) == (37, 28, 26, 35)
	assert gw.LEFT_MM + gw.TEXT_W_MM + gw.RIGHT_MM == 210
	assert gw.TOP_MM + gw.TEXT_H_MM + gw.BOTTOM_MM == 297


def test_22_lines_of_28_characters():
	assert gw.line_pitch_pt() * 22 == pytest.approx(gw.mm_to_pt(225))
	assert gw.char_pitch_pt() * 28 == pytest.approx(gw.mm_to_pt(156))
	assert gw.line_pitch_pt() == pytest.approx(28.99, abs=0.01)
	# a 3号 character is wider than the pitch: letters are drawn 0.21 pt closer
	assert gw.letter_spacing_pt() == pytest.approx(-0.207, abs=0.001)
	assert (gw.BODY_PT, gw.TITLE_PT, gw.PAGE_NUMBER_PT) == (16, 22, 14)


def test_document_number():
	assert gw.doc_number("刘政发", 2021, 3) == "刘政发〔2021〕3号"
	assert gw.doc_number(" 机关党发 ", "2021", "12") == "机关党发〔2021〕12号"
	for bad in (("", 2021, 1), ("刘政发", 2021, 0), ("刘政发", 21, 1)):
		with pytest.raises(ValueError):
			gw.doc_number(*bad)


def test_dates_and_page_numbers():
	assert gw.date_text("2021-01-10") == "2021年1月10日"
	assert gw.date_text(None) == ""
	assert gw.page_number_text(1) == "— 1 —"
	assert [gw.page_number_side(n) for n in (1, 2, 3, 12)] == ["right", "left", "right", "left"]
	x1, y1 = gw.page_number_position(1)
	x2, y2 = gw.page_number_position(2)
	right_edge = gw.mm_to_pt(28 + 156)
	assert x1 + gw.page_number_width_pt(1) == pytest.approx(right_edge - 14, abs=0.01)  # one character in
	assert x2 == pytest.approx(gw.mm_to_pt(28) + 14, abs=0.01)
	assert y1 == y2 < gw.mm_to_pt(35 - 7)


def test_headings_by_level():
	assert [gw.heading_prefix(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
	assert gw.HEADING_FONTS == {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312", 4: "仿宋_GB2312"}
	with pytest.raises(ValueError):
		gw.heading_prefix(5, 1)


def test_mark_fits_the_line():
	assert gw.mark_font_pt("刘桥镇人民政府文件") == 36  # 小初
	long = "中共市人大常委会机关委员会文件"
	assert gw.mark_font_pt(long) * len(long) <= gw.mm_to_pt(156)


def test_table_rows_must_match_header():
	with pytest.raises(ValueError, match="第2行"):
		gw.Table(["a", "b"], [["1", "2"], ["3"]])


def sample(rows: int = 40) -> gw.Document:
	return gw.Document(
		kind="表彰决定",
		title="中共市人大常委会机关委员会\n关于表彰2021年度先进党支部的决定",
		organ_mark="中共市人大常委会机关委员会文件",
		number=gw.doc_number("机关党发", 2021, 3),
		recipient="机关各党支部：",
		body=[
			gw.Paragraph("2021年，机关各级党组织和广大党员深入开展“三优两争”活动。"),
			gw.Heading("一、先进党支部", 1),
			gw.Heading("（一）第一党支部", 2),
			gw.Table(
				["序号", "项目名称", "赞成"],
				[[str(i), f"第{i}号项目", str(60 - i)] for i in range(1, rows + 1)],
				[0.1, 0.7, 0.2],
				["center", "left", "right"],
			),
		],
		signer="中共市人大常委会机关委员会",
		date=gw.date_text("2021-01-10"),
		seal=True,
		cc="市人大常委会机关党组",
		printer="市人大常委会机关党委办公室",
		print_date="2021年1月10日",
	)


def test_text_lines_in_reading_order():
	lines = sample(2).text_lines()
	assert lines[:4] == [
		"中共市人大常委会机关委员会文件",
		"机关党发〔2021〕3号",
		"中共市人大常委会机关委员会",
		"关于表彰2021年度先进党支部的决定",
	]
	assert lines[-4:] == [
		"中共市人大常委会机关委员会",
		"2021年1月10日",
		"抄送：市人大常委会机关党组。",
		"市人大常委会机关党委办公室",
	] or lines[-3:] == ["抄送：市人大常委会机关党组。", "市人大常委会机关党委办公室", "2021年1月10日印发"]


def test_long_table_is_cut_with_its_header_on_each_page():
	doc = gw.paginate(sample(120))
	tables = [b for b in doc.body if isinstance(b, gw.Table)]
	assert len(tables) >= 3
	assert sum(len(t.rows) for t in tables) == 120
	assert not tables[0].new_page and all(t.new_page for t in tables[1:])
	for t in tables[1:]:
		height = gw.row_height_pt(t.header, t) + sum(gw.row_height_pt(r, t) for r in t.rows)
		assert height <= gw.TEXT_H_PT
	# the rows keep their order
	assert [r[0] for t in tables for r in t.rows] == [str(i) for i in range(1, 121)]


def test_html_carries_the_text_and_the_margins():
	doc = sample(3)
	html = gongwen_html.render_fragment(doc)
	assert "margin-top: 37mm" in html and "margin-left: 28mm" in html
	for line in doc.text_lines():
		assert line in html
	assert gongwen_html.pdf_options()["margin-right"] == "26mm"


def test_docx_layout_and_text():
	doc = sample(30)
	data = gongwen_docx.to_bytes(doc)
	d = read_docx(io.BytesIO(data))
	s = d.sections[0]
	measures = (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
	assert [round(m.mm, 1) for m in measures] == [210, 297, 37, 35, 28, 26]
	paragraphs = [p for p in d.paragraphs if p.text]
	mark, title = paragraphs[0], paragraphs[2]
	assert str(mark.runs[0].font.color.rgb) == gw.RED and mark.text == doc.organ_mark
	assert title.runs[0].font.size == Pt(22) and title.runs[0].font.name == "方正小标宋简体"
	east = title.runs[0]._element.rPr.rFonts.get(
		"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
	)
	assert east == "方正小标宋简体"
	body = next(p for p in paragraphs if p.text.startswith("2021年"))
	assert body.runs[0].font.size == Pt(16) and body.runs[0].font.name == "仿宋_GB2312"
	assert body.paragraph_format.first_line_indent == Pt(32)
	heading = next(p for p in paragraphs if p.text == "一、先进党支部")
	assert heading.runs[0].font.name == "黑体"
	assert next(p for p in paragraphs if p.text == "（一）第一党支部").runs[0].font.name == "楷体_GB2312"
	# the header row repeats on each page
	assert (
		d.tables[0]
		.rows[0]
		._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
		is not None
	)
	assert d.tables[0].rows[0].cells[0].paragraphs[0].runs[0].font.size == Pt(14)
	# page numbers: odd right, even left
	assert d.settings.odd_and_even_pages_header_footer
	assert "— " in s.footer.paragraphs[0].text and s.footer.paragraphs[0].alignment == 2
	assert s.even_page_footer.paragraphs[0].alignment == 0
	assert gongwen_docx.text_of(data) == gw.plain_text(doc)
	# lines keep their exact height: no paragraph snaps to the line grid (LibreOffice moved each
	# snapped line to the next grid line, doubling the gaps of the Word copy)
	w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
	snap = d.styles["Normal"].element.pPr.find(f"{w}snapToGrid")
	assert snap is not None and snap.get(f"{w}val") == "0"
	assert not d.element.body.findall(f".//{w}snapToGrid")  # and none turns it back on
	# no line grid (LibreOffice set a page's first line 5 mm low under one); the Normal style keeps
	# the 22 lines a page for text typed later
	assert s._sectPr.find(f"{w}docGrid").get(f"{w}type") is None
	assert abs(d.styles["Normal"].paragraph_format.line_spacing.pt - gw.line_pitch_pt()) < 0.05
	assert all(p.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY for p in paragraphs if p.text)


def blank_pdf(pages: int) -> bytes:
	writer = PdfWriter()
	for _ in range(pages):
		writer.add_blank_page(width=595.28, height=841.89)
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def test_page_numbers_stamped():
	pdf = gongwen_pdf.stamp_page_numbers(blank_pdf(3))
	reader = PdfReader(io.BytesIO(pdf))
	assert [p.extract_text().strip() for p in reader.pages] == ["— 1 —", "— 2 —", "— 3 —"]
	assert b"/Times-Roman" in pdf


@given(
	rows=st.lists(
		st.tuples(
			st.integers(1, 999), st.text(alphabet="民生实事项目道路硬化改造ABC12 ", min_size=0, max_size=60)
		),
		min_size=0,
		max_size=150,
	),
	before=st.integers(0, 30),
)
@settings(max_examples=60, deadline=None)
def test_paginate_keeps_every_row_once_and_fills_no_page_past_its_height(rows, before):
	body = [gw.Paragraph("前文。" * 10) for _ in range(before)]
	table = gw.Table(["序号", "项目"], [[str(n), text] for n, text in rows], [0.15, 0.85])
	doc = gw.paginate(gw.Document(kind="测试", title="测试", body=[*body, table]))
	chunks = [b for b in doc.body if isinstance(b, gw.Table)]
	assert [r for t in chunks for r in t.rows] == table.rows
	assert [b for b in doc.body if not isinstance(b, gw.Table)] == body
	for t in chunks:
		if t.new_page:
			height = gw.row_height_pt(t.header, t) + sum(gw.row_height_pt(r, t) for r in t.rows)
			assert height <= gw.TEXT_H_PT or len(t.rows) == 1
	assert gw.plain_text(doc).replace("序号项目", "") == gw.plain_text(
		gw.Document(kind="测试", title="测试", body=[*body, table])
	).replace("序号项目", "")


def red_png(width: int = 400, height: int = 60) -> bytes:
	"""A red PNG, written by hand (no imaging library needed)."""
	import struct
	import zlib

	def chunk(kind: bytes, data: bytes) -> bytes:
		return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

	raw = b"".join(b"\x00" + b"\xc0\x00\x00" * width for _ in range(height))
	header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
	return (
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", header)
		+ chunk(b"IDAT", zlib.compress(raw))
		+ chunk(b"IEND", b"")
	)


def test_a_letterhead_image_replaces_the_mark_text():
	doc = sample(2)
	doc.letterhead = red_png()
	assert doc.organ_mark not in doc.text_lines()
	html = gongwen_html.render_fragment(doc)
	assert "data:image/png;base64," in html and ">中共市人大常委会机关委员会文件<" not in html
	data = gongwen_docx.to_bytes(doc)
	d = read_docx(io.BytesIO(data))
	assert len(d.inline_shapes) == 1
	assert d.inline_shapes[0].width <= gw.mm_to_pt(156) * 12700
	assert gongwen_docx.text_of(data) == gw.plain_text(doc)


def test_docx_record_between_rules():
	d = read_docx(io.BytesIO(gongwen_docx.to_bytes(sample(2))))
	w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
	cc, printer = [p for p in d.paragraphs if p.text.startswith(("抄送", "市人大常委会机关党委办公室"))]
	assert cc.runs[0].font.size == Pt(14) and cc.text == "抄送：市人大常委会机关党组。"
	assert cc._p.pPr.find(f"{w}pBdr").find(f"{w}top") is not None
	assert printer._p.pPr.find(f"{w}pBdr").find(f"{w}bottom") is not None
	assert printer.text.endswith("2021年1月10日印发")


def test_record_gap():
	bottom = gw.mm_to_pt(35)
	assert gw.record_gap_pt(bottom + gw.RECORD_FOOT_PT + 300) == 300
	assert gw.record_gap_pt(bottom) == 0  # already at (or below) the foot: nothing to add
