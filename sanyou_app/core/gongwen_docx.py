"""A 公文 (core/gongwen.Document) as an editable Word document (python-docx), laid out as the PDF:
A4, the standard's margins, a grid of 22 lines of 28 characters, the fonts by the names offices
have (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体 for page numbers), page numbers "— 1 —" in
odd (right) and even (left) footers, tables whose header row repeats on every page.
"""

from __future__ import annotations

import io
import math

from docx import Document as new_document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from sanyou_app.core import gongwen as gw

# 3号 letters 0.25 pt closer (in twentieths of a point, rounded away from zero): 28 to the line
LETTER_SPACING_TWIPS = math.floor(gw.letter_spacing_pt() * 20)

_ALIGN = {
	"left": WD_ALIGN_PARAGRAPH.LEFT,
	"center": WD_ALIGN_PARAGRAPH.CENTER,
	"right": WD_ALIGN_PARAGRAPH.RIGHT,
	"justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def set_font(run, name: str, size_pt: float, color: str | None = None) -> None:
	"""The run's face for Chinese and Latin alike (Word reads w:eastAsia for Chinese)."""
	run.font.name = name
	run.font.size = Pt(size_pt)
	rpr = run._element.get_or_add_rPr()
	fonts = rpr.get_or_add_rFonts()
	for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
		fonts.set(qn(attr), name)
	if size_pt == gw.BODY_PT:
		spacing = OxmlElement("w:spacing")
		spacing.set(qn("w:val"), str(LETTER_SPACING_TWIPS))
		rpr.append(spacing)
	if color:
		run.font.color.rgb = RGBColor.from_string(color)


def _paragraph(container, text: str, font: str, size_pt: float, align: str = "justify", **fmt):
	p = container.add_paragraph()
	p.alignment = _ALIGN[align]
	pf = p.paragraph_format
	pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
	pf.line_spacing = Pt(fmt.get("line_pt", gw.line_pitch_pt()))
	pf.space_before = Pt(fmt.get("before_pt", 0))
	pf.space_after = Pt(0)
	if fmt.get("indent_chars"):
		pf.first_line_indent = Pt(size_pt * fmt["indent_chars"])
	if fmt.get("right_pt"):
		pf.right_indent = Pt(fmt["right_pt"])
	if fmt.get("left_pt"):
		pf.left_indent = Pt(fmt["left_pt"])
	if text:
		set_font(p.add_run(text), font, size_pt, fmt.get("color"))
	return p


def _border(p, side: str, size_eighths: int, color: str = "000000", space: int = 1) -> None:
	ppr = p._p.get_or_add_pPr()
	bdr = ppr.find(qn("w:pBdr"))
	if bdr is None:
		bdr = OxmlElement("w:pBdr")
		ppr.append(bdr)
	line = OxmlElement(f"w:{side}")
	for key, value in (("val", "single"), ("sz", str(size_eighths)), ("space", str(space)), ("color", color)):
		line.set(qn(f"w:{key}"), value)
	bdr.append(line)


def _page_setup(document) -> None:
	section = document.sections[0]
	section.start_type = WD_SECTION.NEW_PAGE
	section.page_width, section.page_height = Mm(gw.PAGE_W_MM), Mm(gw.PAGE_H_MM)
	section.top_margin, section.bottom_margin = Mm(gw.TOP_MM), Mm(gw.BOTTOM_MM)
	section.left_margin, section.right_margin = Mm(gw.LEFT_MM), Mm(gw.RIGHT_MM)
	section.header_distance = Mm(15)
	# the footer's top line (the page number's dashes) 7 mm below the text area
	section.footer_distance = Mm(gw.BOTTOM_MM - gw.PAGE_NUMBER_GAP_MM) - Pt(gw.PAGE_NUMBER_PT)
	# 22 lines of 28 characters, without a document grid: each paragraph's exact line spacing
	# gives the 22 lines (the Normal style's too, so text typed later keeps them) and each run's
	# letter spacing the 28 characters, which Word, WPS and LibreOffice all honour alike. A line
	# grid adds nothing where no paragraph snaps to it, and LibreOffice sets the first line of a page
	# with one (reserved for ruby text) 5 mm below the text area's top, moving the whole page down.
	sect_pr = section._sectPr
	grid = sect_pr.find(qn("w:docGrid"))
	if grid is None:
		grid = OxmlElement("w:docGrid")
		sect_pr.append(grid)
	grid.attrib.pop(qn("w:type"), None)
	grid.set(qn("w:linePitch"), str(round(gw.line_pitch_pt() * 20)))
	normal = document.styles["Normal"]
	normal.font.name = gw.FONTS["body"]
	normal.font.size = Pt(gw.BODY_PT)
	normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), gw.FONTS["body"])
	normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
	normal.paragraph_format.line_spacing = Pt(gw.line_pitch_pt())
	# every line is as high as its exact spacing says (an administrator's template with a grid
	# would otherwise move each snapped line to the next grid line, doubling the gaps)
	snap = OxmlElement("w:snapToGrid")
	snap.set(qn("w:val"), "0")
	normal.element.get_or_add_pPr().insert(0, snap)
	# the grid's character pitch is the document's default size plus charSpace: 3号, as the body
	defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
	size = defaults.find(qn("w:sz"))
	if size is None:
		size = OxmlElement("w:sz")
		defaults.append(size)
	size.set(qn("w:val"), str(gw.BODY_PT * 2))
	fonts = defaults.find(qn("w:rFonts"))
	for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
		fonts.attrib.pop(qn(attr), None)
	for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
		fonts.set(qn(attr), gw.FONTS["body"])
	defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
	# no space after a paragraph (the template's default adds 10 pt, in table cells too)
	spacing = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
	spacing = spacing.find(qn("w:spacing"))
	if spacing is not None:
		spacing.set(qn("w:after"), "0")
	document.settings.odd_and_even_pages_header_footer = True
	_page_number(section.footer, "right")
	_page_number(section.even_page_footer, "left")


def _field(p, instruction: str, font: str, size_pt: float) -> None:
	for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
		run = p.add_run()
		set_font(run, font, size_pt)
		if kind:
			char = OxmlElement("w:fldChar")
			char.set(qn("w:fldCharType"), kind)
			run._r.append(char)
		elif text == instruction:
			instr = OxmlElement("w:instrText")
			instr.set(qn("xml:space"), "preserve")
			instr.text = f" {instruction} "
			run._r.append(instr)
		else:
			run.text = text


def _page_number(footer, side: str) -> None:
	footer.is_linked_to_previous = False
	p = footer.paragraphs[0]
	p.alignment = _ALIGN[side]
	one_char = Pt(gw.PAGE_NUMBER_PT)
	if side == "right":
		p.paragraph_format.right_indent = one_char
	else:
		p.paragraph_format.left_indent = one_char
	font = gw.FONTS["song"]
	set_font(p.add_run("— "), font, gw.PAGE_NUMBER_PT)
	_field(p, "PAGE", font, gw.PAGE_NUMBER_PT)
	set_font(p.add_run(" —"), font, gw.PAGE_NUMBER_PT)


def _repeat_header(row) -> None:
	tr_pr = row._tr.get_or_add_trPr()
	header = OxmlElement("w:tblHeader")
	header.set(qn("w:val"), "true")
	tr_pr.append(header)


def _table(document, t: gw.Table) -> None:
	if t.caption:
		_paragraph(document, t.caption, gw.FONTS["hei"], gw.BODY_PT, "center")
	table = document.add_table(rows=1 + len(t.rows), cols=len(t.header))
	table.style = "Table Grid"
	table.alignment = WD_TABLE_ALIGNMENT.CENTER
	table.autofit = False
	width = Mm(gw.TEXT_W_MM)
	for i, w in enumerate(t.widths):
		table.columns[i].width = int(width * w)
		for cell in table.columns[i].cells:
			cell.width = int(width * w)
	_repeat_header(table.rows[0])
	line_pt = t.font_pt * 1.35
	for cell, text in zip(table.rows[0].cells, t.header, strict=True):
		p = cell.paragraphs[0]
		p.alignment = _ALIGN["center"]
		p.paragraph_format.line_spacing = Pt(line_pt)
		set_font(p.add_run(text), gw.FONTS["hei"], t.font_pt)
	for r, row in enumerate(t.rows, 1):
		for cell, text, align in zip(table.rows[r].cells, row, t.align, strict=True):
			p = cell.paragraphs[0]
			p.alignment = _ALIGN[align]
			p.paragraph_format.line_spacing = Pt(line_pt)
			if text:
				set_font(p.add_run(text), gw.FONTS["body"], t.font_pt)


def build(doc: gw.Document):
	"""The python-docx Document of a 公文."""
	document = new_document()
	# the default template starts with one empty paragraph: none here
	for p in list(document.paragraphs):
		p._p.getparent().remove(p._p)
	_page_setup(document)
	pitch = gw.line_pitch_pt()
	title_font, body_font = gw.FONTS["title"], gw.FONTS["body"]
	if doc.letterhead:
		p = _paragraph(document, "", title_font, gw.BODY_PT, "center", before_pt=gw.mm_to_pt(gw.MARK_TOP_MM))
		p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
		picture = p.add_run().add_picture(io.BytesIO(doc.letterhead))
		scale = min(1, Mm(gw.TEXT_W_MM) / picture.width, Mm(gw.LETTERHEAD_MAX_H_MM) / picture.height)
		picture.width, picture.height = int(picture.width * scale), int(picture.height * scale)
	elif doc.organ_mark:
		size = gw.mark_font_pt(doc.organ_mark)
		_paragraph(
			document,
			doc.organ_mark,
			title_font,
			size,
			"center",
			before_pt=gw.mm_to_pt(gw.MARK_TOP_MM),
			line_pt=size * 1.2,
			color=gw.RED,
		)
	if doc.letterhead or doc.organ_mark:
		number = _paragraph(document, doc.number, body_font, gw.BODY_PT, "center", before_pt=2 * pitch)
		_border(number, "bottom", 12, gw.RED, space=11)  # the red separator, 4 mm under the number
	for i, line in enumerate(doc.title_lines()):
		before = 2 * pitch if (doc.organ_mark or doc.letterhead) and i == 0 else 0
		_paragraph(document, line, title_font, gw.TITLE_PT, "center", before_pt=before)
	if doc.subtitle:
		_paragraph(document, doc.subtitle, gw.FONTS["kai"], gw.BODY_PT, "center")
	if doc.recipient:
		_paragraph(document, doc.recipient, body_font, gw.BODY_PT, "left", before_pt=pitch)
	else:
		_paragraph(document, "", body_font, gw.BODY_PT)
	for block in doc.body:
		if isinstance(block, gw.Table):
			_table(document, block)
		elif isinstance(block, gw.Heading):
			font = gw.HEADING_FONTS[block.level]
			_paragraph(document, block.text, font, gw.BODY_PT, "left", indent_chars=2)
		else:
			indent = 2 if block.align == "justify" else 0
			_paragraph(document, block.text, body_font, gw.BODY_PT, block.align, indent_chars=indent)
	if doc.signer or doc.date:
		# 成文日期 four characters in from the right; the signer centred over it
		date_width = len(doc.date) * gw.BODY_PT
		right = 4 * gw.BODY_PT
		before = (3 if doc.seal else 1) * pitch
		if doc.signer:
			shift = max((date_width - len(doc.signer) * gw.BODY_PT) / 2, 0)
			_paragraph(
				document, doc.signer, body_font, gw.BODY_PT, "right", before_pt=before, right_pt=right + shift
			)
			before = 0
		if doc.date:
			_paragraph(document, doc.date, body_font, gw.BODY_PT, "right", before_pt=before, right_pt=right)
	for i, line in enumerate(doc.signatures):
		_paragraph(
			document, line, body_font, gw.BODY_PT, "right", before_pt=pitch if i == 0 else 0, right_pt=32
		)
	if doc.cc or doc.printer or doc.print_date:
		one = gw.RECORD_PT
		lines = []
		if doc.cc:
			lines.append(_paragraph(document, gw.cc_text(doc.cc), body_font, one, "left", left_pt=one))
		if doc.printer or doc.print_date:
			p = _paragraph(document, doc.printer, body_font, one, "left", left_pt=one, right_pt=one)
			if doc.print_date:
				stop = p.paragraph_format.tab_stops.add_tab_stop(Mm(gw.TEXT_W_MM) - Pt(one))
				stop.alignment = 2  # right
				set_font(p.add_run("\t" + gw.print_date_text(doc.print_date)), body_font, one)
			lines.append(p)
		lines[0].paragraph_format.space_before = Pt(2 * pitch)
		_border(lines[0], "top", 8)
		if doc.cc and len(lines) > 1:
			_border(lines[0], "bottom", 6)
		_border(lines[-1], "bottom", 8)
	return document


def to_bytes(doc: gw.Document) -> bytes:
	out = io.BytesIO()
	build(doc).save(out)
	return out.getvalue()


def text_of(data: bytes) -> str:
	"""A .docx's body text (paragraphs and table cells in document order), without white space."""
	from docx import Document as read_document

	document = read_document(io.BytesIO(data))
	parts = []
	body = document.element.body
	for child in body.iterchildren():
		if child.tag == qn("w:p"):
			parts.append("".join(t.text or "" for t in child.iter(qn("w:t"))))
		elif child.tag == qn("w:tbl"):
			for cell in child.iter(qn("w:tc")):
				parts.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
	return "".join("".join(parts).split())
