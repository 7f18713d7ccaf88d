"""公文 (official documents) laid out by GB/T 9704-2012 《党政机关公文格式》: the measures and the
document model that both the PDF (HTML for wkhtmltopdf) and the Word copy are made from.

A document is plain data: a title, the 版头 (发文机关标志 and 发文字号) when it carries one, the
主送机关, body blocks (paragraphs, headings by level, tables), the 落款 (signing organ, 成文日期,
印章 space) and the 版记 (抄送, 印发机关 and 印发日期). text_lines() is its text in reading order;
the two renderers write exactly these strings, so the PDF and the Word copy say the same thing.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field

from sanyou_app.core.congress import chinese_number

# --- measures (GB/T 9704-2012 §5) ------------------------------------------------------------

PAGE_W_MM, PAGE_H_MM = 210, 297  # A4
TOP_MM = 37  # 天头: paper's top edge to the text area
LEFT_MM = 28  # 订口: paper's left edge to the text area
TEXT_W_MM, TEXT_H_MM = 156, 225  # 版心
RIGHT_MM = PAGE_W_MM - LEFT_MM - TEXT_W_MM  # 26
BOTTOM_MM = PAGE_H_MM - TOP_MM - TEXT_H_MM  # 35
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
PAGE_NUMBER_GAP_MM = 7  # the page number's dashes sit 7 mm below the text area
MARK_TOP_MM = 35  # 发文机关标志's top edge below the text area's top edge (most documents)
MARK_MAX_CHAR_MM = 22  # a mark's characters are at most 22 mm wide (15 mm high)
LETTERHEAD_MAX_H_MM = 30  # a letterhead image: the text area's width at most, and 30 mm high

# 字号 (Chinese type sizes) in points
SIZES_PT = {
	"初号": 42,
	"小初": 36,
	"一号": 26,
	"小一": 24,
	"二号": 22,
	"小二": 18,
	"三号": 16,
	"小三": 15,
	"四号": 14,
	"小四": 12,
	"五号": 10.5,
}
TITLE_PT = SIZES_PT["二号"]  # 标题: 2号小标宋
BODY_PT = SIZES_PT["三号"]  # 正文: 3号仿宋
TABLE_PT = SIZES_PT["四号"]  # tables at 4号 (wide tables)
PAGE_NUMBER_PT = SIZES_PT["四号"]  # 页码: 4号半角宋体
RECORD_PT = SIZES_PT["四号"]  # 版记: 4号仿宋

# Faces as the offices have them (Windows / WPS), and the free faces a Linux server prints with
FONTS = {
	"title": "方正小标宋简体",
	"body": "仿宋_GB2312",
	"hei": "黑体",
	"kai": "楷体_GB2312",
	"song": "宋体",
}
SUBSTITUTES = {
	"方正小标宋简体": "Noto Serif CJK SC",  # bold
	"仿宋_GB2312": "Noto Serif CJK SC",
	"黑体": "Noto Sans CJK SC",
	"楷体_GB2312": "Noto Serif CJK SC",
	"宋体": "Noto Serif CJK SC",
}
# headings by level: 一、黑体; （一）楷体; 1. and (1) 仿宋
HEADING_FONTS = {1: FONTS["hei"], 2: FONTS["kai"], 3: FONTS["body"], 4: FONTS["body"]}
RED = "C00000"


def mm_to_pt(mm: float) -> float:
	return mm * 72 / 25.4


def line_pitch_pt() -> float:
	"""22 lines in the 225 mm text area: 28.99 pt from one line's baseline to the next."""
	return mm_to_pt(TEXT_H_MM) / LINES_PER_PAGE


def char_pitch_pt() -> float:
	"""28 characters in the 156 mm line: 15.79 pt each."""
	return mm_to_pt(TEXT_W_MM) / CHARS_PER_LINE


def letter_spacing_pt(font_pt: float = BODY_PT) -> float:
	"""Spacing added to each character so that a line holds 28 (−0.21 pt for 3号)."""
	return round(char_pitch_pt() - font_pt, 3)


def mark_font_pt(mark: str) -> float:
	"""The 发文机关标志's size: 小初 unless the name is too long for one line at that size."""
	width = min(mm_to_pt(TEXT_W_MM) / max(len(mark), 1), mm_to_pt(MARK_MAX_CHAR_MM))
	return math.floor(min(SIZES_PT["小初"], width) * 2) / 2


# --- the standard's forms of numbers and dates ------------------------------------------------


def doc_number(code: str, year: int, seq: int) -> str:
	"""发文字号: 机关代字 + year in 六角括号 + 序号 without leading zeros or 第 (刘政发〔2021〕3号)."""
	if not code or not str(code).strip():
		raise ValueError("机关代字不能为空")
	if int(seq) < 1:
		raise ValueError("发文顺序号应从1开始")
	if not 1900 <= int(year) <= 2999:
		raise ValueError("年份应为四位数字")
	return f"{str(code).strip()}〔{int(year)}〕{int(seq)}号"


def date_text(value: datetime.date | str | None) -> str:
	"""成文日期 in Arabic numerals, no leading zeros: 2021年1月10日.

	The one copy of this form outside Frappe: the 公文 are laid out here, in plain Python, where
	frappe.utils.format_date cannot be called (the print formats' chinese_date uses it)."""
	if not value:
		return ""
	if isinstance(value, str):
		value = datetime.date.fromisoformat(value[:10])
	return f"{value.year}年{value.month}月{value.day}日"


def page_number_text(page: int) -> str:
	"""页码: 一字线 each side of the Arabic number: "— 1 —"."""
	return f"— {int(page)} —"


def page_number_side(page: int) -> str:
	"""Odd pages carry the number at the right (one character in), even pages at the left."""
	return "right" if int(page) % 2 else "left"


def heading_prefix(level: int, index: int) -> str:
	"""Numbering of headings by level: 一、 （一） 1. （1）."""
	if level == 1:
		return f"{chinese_number(index)}、"
	if level == 2:
		return f"（{chinese_number(index)}）"
	if level == 3:
		return f"{index}."
	if level == 4:
		return f"（{index}）"
	raise ValueError("标题层次为1到4级")


# --- the document model -----------------------------------------------------------------------


@dataclass
class Heading:
	text: str
	level: int = 1


@dataclass
class Paragraph:
	text: str
	align: str = "justify"  # justify (indented two characters), left, center, right


@dataclass
class Table:
	header: list[str]
	rows: list[list[str]]
	widths: list[float] = field(default_factory=list)  # fractions of the text width
	align: list[str] = field(default_factory=list)  # per column: left, center, right
	font_pt: float = TABLE_PT
	caption: str = ""
	new_page: bool = False  # a continuation of the table above, on a page of its own

	def __post_init__(self):
		n = len(self.header)
		for i, row in enumerate(self.rows, 1):
			if len(row) != n:
				raise ValueError(f"表格第{i}行有{len(row)}列，表头有{n}列")
		if not self.widths:
			self.widths = [1 / n] * n
		if len(self.widths) != n:
			raise ValueError("列宽个数应与表头列数相同")
		total = sum(self.widths)
		self.widths = [w / total for w in self.widths]
		if not self.align:
			self.align = ["left"] * n
		if len(self.align) != n:
			raise ValueError("对齐方式个数应与表头列数相同")


Block = Heading | Paragraph | Table


@dataclass
class Document:
	kind: str
	title: str  # lines split by "\n"
	body: list[Block] = field(default_factory=list)
	subtitle: str = ""  # e.g. ——在…上 (楷体, centred, under the title)
	organ_mark: str = ""  # 发文机关标志 (red); empty: no 版头
	letterhead: bytes = b""  # a letterhead image (PNG or JPEG) printed instead of organ_mark's text
	number: str = ""  # 发文字号
	recipient: str = ""  # 主送机关, with its colon
	signer: str = ""  # 发文机关署名
	date: str = ""  # 成文日期, date_text()
	seal: bool = False  # leave the 印章 space above the signer
	signatures: list[str] = field(default_factory=list)  # lines signed by people (记录人：…)
	cc: str = ""  # 抄送
	printer: str = ""  # 印发机关
	print_date: str = ""  # 印发日期
	record_gap_pt: float = 0  # space above the 版记 that brings it to the foot of the last page

	def has_record(self) -> bool:
		return bool(self.cc or self.printer or self.print_date)

	def record_last_line(self) -> str:
		"""The 版记's last line (the one that sits on the text area's bottom edge)."""
		if self.print_date:
			return print_date_text(self.print_date)
		return self.printer or cc_text(self.cc)

	def title_lines(self) -> list[str]:
		return [line for line in self.title.split("\n") if line.strip()]

	def text_lines(self) -> list[str]:
		"""Every string the document prints, in reading order (page numbers aside)."""
		out: list[str] = []
		if self.organ_mark and not self.letterhead:
			out.append(self.organ_mark)
		if self.number:
			out.append(self.number)
		out += self.title_lines()
		if self.subtitle:
			out.append(self.subtitle)
		if self.recipient:
			out.append(self.recipient)
		for block in self.body:
			if isinstance(block, Table):
				if block.caption:
					out.append(block.caption)
				out += block.header
				for row in block.rows:
					out += row
			else:
				out.append(block.text)
		out += [s for s in (self.signer, self.date) if s]
		out += self.signatures
		if self.cc:
			out.append(cc_text(self.cc))
		if self.printer or self.print_date:
			out += [s for s in (self.printer, print_date_text(self.print_date)) if s]
		return [s for s in out if s]


def cc_text(cc: str) -> str:
	"""抄送：甲，乙。 (the list ends with a full stop)."""
	cc = cc.strip().rstrip("。，,")
	return f"抄送：{cc}。" if cc else ""


def print_date_text(date: str) -> str:
	return f"{date}印发" if date else ""


def plain_text(doc: Document) -> str:
	"""The document's text without white space, for comparing a PDF's or a .docx's text with it."""
	return "".join("".join(doc.text_lines()).split())


# --- the page number's place ------------------------------------------------------------------

# Times-Roman advance widths (1/1000 em) of the characters a page number uses; the PDF writes the
# number in a standard font, so its width is known without the font file.
_NUMBER_WIDTHS = {" ": 250, "—": 1000, **{d: 500 for d in "0123456789"}}


def page_number_width_pt(page: int, size_pt: float = PAGE_NUMBER_PT) -> float:
	return sum(_NUMBER_WIDTHS[c] for c in page_number_text(page)) * size_pt / 1000


def page_number_position(page: int, size_pt: float = PAGE_NUMBER_PT) -> tuple[float, float]:
	"""Where a page's number starts, in points from the paper's bottom-left corner: one character in
	from the text area's right edge (odd pages) or left edge (even pages), the dashes' top 7 mm
	below the text area (the dash stands about 0.3 em above the baseline)."""
	if page_number_side(page) == "right":
		x = mm_to_pt(LEFT_MM + TEXT_W_MM) - size_pt - page_number_width_pt(page, size_pt)
	else:
		x = mm_to_pt(LEFT_MM) + size_pt
	baseline = mm_to_pt(BOTTOM_MM - PAGE_NUMBER_GAP_MM) - 0.3 * size_pt
	return round(x, 2), round(baseline, 2)


# --- tables across pages ----------------------------------------------------------------------
# wkhtmltopdf (unpatched Qt) neither repeats a table's header on the next page nor keeps a row in
# one piece, so the PDF's tables are cut into one table a page, each with the header, where the
# estimated heights below say a page is full. The estimates err on the high side (a page ends a
# little early rather than a row being cut). Word repeats the header row itself.

TEXT_H_PT = mm_to_pt(TEXT_H_MM)
TEXT_W_PT = mm_to_pt(TEXT_W_MM)
CELL_PAD_PT = 3  # left and right padding of a cell (2 pt above and below)
CELL_LINE = 1.35  # a cell's line height, in ems


def text_units(text: str) -> float:
	"""Width in ems: Chinese characters and full-width punctuation 1, Latin letters and digits ½."""
	return sum(0.55 if ord(c) < 0x2E80 and c not in "“”‘’—…·" else 1 for c in text)


def lines_needed(text: str, chars_per_line: float, indent: float = 0) -> int:
	if chars_per_line <= 0:
		return 1
	units = text_units(text) + indent
	return max(1, -int(-units // chars_per_line))


def row_height_pt(cells: list[str], table: Table) -> float:
	lines = 1
	for text, w in zip(cells, table.widths, strict=True):
		per_line = int((w * TEXT_W_PT - 2 * CELL_PAD_PT - 1) / table.font_pt)
		for part in (text or "").split("\n"):
			lines = max(lines, lines_needed(part, per_line))
	return lines * table.font_pt * CELL_LINE + 4 + 1


def _head_height_pt(doc: Document) -> float:
	pitch = line_pitch_pt()
	height = 0.0
	if doc.letterhead:
		height += mm_to_pt(MARK_TOP_MM) + mm_to_pt(LETTERHEAD_MAX_H_MM) + 3 * pitch + mm_to_pt(4) + 2 * pitch
	elif doc.organ_mark:
		height += (
			mm_to_pt(MARK_TOP_MM) + mark_font_pt(doc.organ_mark) * 1.2 + 3 * pitch + mm_to_pt(4) + 2 * pitch
		)
	title_chars = TEXT_W_PT / TITLE_PT
	height += sum(lines_needed(line, title_chars) for line in doc.title_lines()) * pitch
	if doc.subtitle:
		height += lines_needed(doc.subtitle, CHARS_PER_LINE) * pitch
	height += pitch + (lines_needed(doc.recipient, CHARS_PER_LINE) * pitch if doc.recipient else 0)
	return height


def paginate(doc: Document) -> Document:
	"""The document with each table cut where a page is estimated full (the PDF's layout)."""
	pitch = line_pitch_pt()
	full = TEXT_H_PT - 12 - pitch / 2  # a table's margins, and half a line to spare
	y = _head_height_pt(doc)
	body: list[Block] = []
	for block in doc.body:
		if not isinstance(block, Table):
			y += lines_needed(block.text, CHARS_PER_LINE, 2) * pitch
			while y > TEXT_H_PT:
				y -= TEXT_H_PT
			body.append(block)
			continue
		head = row_height_pt(block.header, block)
		room = full - y - (pitch if block.caption else 0)
		chunk: list[list[str]] = []
		first, new_page = True, False
		for row in block.rows:
			need = row_height_pt(row, block) + (0 if chunk else head)
			if need > room:
				if chunk:
					body.append(_chunk(block, chunk, first, new_page))
					first = False
				new_page, chunk = True, []
				room = full - (pitch if first and block.caption else 0)
				need = row_height_pt(row, block) + head
			chunk.append(row)
			room -= need
		body.append(_chunk(block, chunk, first, new_page))
		y = full - room
	return Document(**{**doc.__dict__, "body": body})


def _chunk(table: Table, rows: list[list[str]], first: bool, new_page: bool) -> Table:
	return Table(
		header=table.header,
		rows=rows,
		widths=table.widths,
		align=table.align,
		font_pt=table.font_pt,
		caption=table.caption if first else "",
		new_page=new_page,
	)


# --- the 版记 at the foot of the last page -----------------------------------------------------

# From the 版记's last baseline to the bottom of its box (half the line's leading, the descent and
# the closing rule), for 4号 on the 28.99 pt line.
RECORD_FOOT_PT = 11


def record_gap_pt(last_baseline_pt: float) -> float:
	"""The space to add above the 版记 so that its last line ends on the text area's bottom edge,
	given where that line's baseline was printed without it (points from the paper's bottom)."""
	return round(max(0.0, last_baseline_pt - mm_to_pt(BOTTOM_MM) - RECORD_FOOT_PT), 2)
