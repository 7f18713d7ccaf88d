"""A 公文 (core/gongwen.Document) as HTML for wkhtmltopdf: the page's margins are the standard's,
the fonts are the offices' names followed by the free faces a Linux server has (Noto CJK).

render_fragment() is what a print format shows (its <style> names the margins on .print-format,
which Frappe hands to wkhtmltopdf); render_page() is a whole page for get_pdf() with the margins
given as options (pdf_options()), with no stylesheet to fetch.
"""

from __future__ import annotations

import base64
import math
from html import escape

from sanyou_app.core import gongwen as gw


def _face(name: str) -> str:
	return f'"{name}", "{gw.SUBSTITUTES[name]}"'


# Debian's wkhtmltopdf (unpatched Qt) prints CSS lengths at 0.768 of their size (100 mm of CSS
# measure 76.8 mm on paper, whatever the margins); the PDF's HTML writes its lengths divided by
# this, and the tests measure the result with pypdf.
WKHTMLTOPDF_SCALE = 0.7682


def css(scale: float = 1.0) -> str:
	"""The layout's stylesheet; scale is how much wkhtmltopdf shrinks CSS lengths (1 in a browser)."""

	def pt(value: float) -> str:
		return f"{value / scale:.3f}pt"

	def mm(value: float) -> str:
		return f"{value / scale:.3f}mm"

	pitch = gw.line_pitch_pt()
	# Qt draws text at whole pixels: in the PDF a character's advance is a whole number of pixels,
	# so the letter spacing that brings 28 characters into the line is rounded down to one
	letter = (
		pt(gw.letter_spacing_pt())
		if scale == 1
		else f"{math.floor(gw.letter_spacing_pt() / scale * 4 / 3)}px"
	)
	return f"""
.print-format {{ margin-top: {gw.TOP_MM}mm; margin-bottom: {gw.BOTTOM_MM}mm; margin-left: {gw.LEFT_MM}mm;
  margin-right: {gw.RIGHT_MM}mm; padding: 0 !important; max-width: none !important; }}
@media screen {{ .print-format {{ margin: 20px auto !important; width: {gw.PAGE_W_MM}mm; min-height: {gw.PAGE_H_MM}mm;
  padding: {gw.TOP_MM}mm {gw.RIGHT_MM}mm {gw.BOTTOM_MM}mm {gw.LEFT_MM}mm !important; box-sizing: border-box; }} }}
.gw, .gw * {{ font-family: {_face(gw.FONTS["body"])}, serif; color: #000;
  text-rendering: optimizeSpeed !important; font-variant-ligatures: none; font-weight: normal; }}
.gw {{ width: {mm(gw.TEXT_W_MM)}; font-size: {pt(gw.BODY_PT)}; line-height: {pt(pitch)};
  letter-spacing: {letter}; }}
.gw p, .gw div {{ margin: 0; padding: 0; }}
.gw .gw-mark {{ font-family: {_face(gw.FONTS["title"])}, serif; font-weight: bold; color: #{gw.RED};
  text-align: center; margin-top: {mm(gw.MARK_TOP_MM)}; letter-spacing: 0; }}
.gw .gw-number {{ text-align: center; margin-top: {pt(2 * pitch)}; }}
.gw .gw-rule {{ border-top: {mm(0.5)} solid #{gw.RED}; margin-top: {mm(4)}; height: 0; line-height: 0; }}
.gw .gw-title {{ font-family: {_face(gw.FONTS["title"])}, serif; font-weight: bold;
  font-size: {pt(gw.TITLE_PT)}; line-height: {pt(pitch)}; text-align: center; letter-spacing: 0; }}
.gw .gw-rule + .gw-title {{ margin-top: {pt(2 * pitch)}; }}
.gw .gw-subtitle {{ font-family: {_face(gw.FONTS["kai"])}, serif; text-align: center; }}
.gw .gw-recipient {{ margin-top: {pt(pitch)}; }}
.gw .gw-title-end {{ height: {pt(pitch)}; }}
.gw .gw-p {{ text-indent: 2em; text-align: justify; }}
.gw .gw-left {{ text-align: left; }}
.gw .gw-center {{ text-align: center; }}
.gw .gw-right {{ text-align: right; }}
.gw .gw-h {{ text-indent: 2em; }}
.gw .gw-h1 {{ font-family: {_face(gw.FONTS["hei"])}, sans-serif; }}
.gw .gw-h2 {{ font-family: {_face(gw.FONTS["kai"])}, serif; }}
.gw table.gw-table {{ width: 100%; border-collapse: collapse; margin: {pt(4)} 0 {pt(8)}; letter-spacing: 0; }}
.gw .gw-table thead {{ display: table-header-group; }}
.gw .gw-table tr {{ page-break-inside: avoid; }}
.gw .gw-table th, .gw .gw-table td {{ border: {pt(0.75)} solid #000; padding: {pt(2)} {pt(3)}; line-height: 1.35;
  vertical-align: middle; }}
.gw .gw-table th {{ font-family: {_face(gw.FONTS["hei"])}, sans-serif; text-align: center; }}
.gw .gw-caption {{ text-align: center; font-family: {_face(gw.FONTS["hei"])}, sans-serif; }}
.gw .gw-sign {{ display: table; margin: {pt(gw.line_pitch_pt())} 4em 0 auto; text-align: center; }}
.gw .gw-sign.gw-seal {{ margin-top: {pt(3 * pitch)}; }}
.gw .gw-signatures {{ margin-top: {pt(pitch)}; text-align: right; padding-right: 2em; }}
.gw .gw-record {{ margin-top: {pt(2 * pitch)}; font-size: {pt(gw.RECORD_PT)}; line-height: {pt(pitch)};
  border-top: {mm(0.35)} solid #000; border-bottom: {mm(0.35)} solid #000; page-break-inside: avoid; }}
.gw .gw-record div {{ padding: 0 1em; }}
.gw .gw-record .gw-cc {{ border-bottom: {mm(0.25)} solid #000; }}
.gw .gw-record table.gw-printline {{ width: 100%; border-collapse: collapse; }}
.gw .gw-record .gw-printline td {{ padding: 0 1em; border: 0; }}
.gw .gw-record .gw-printline td + td {{ text-align: right; }}
"""


def _text(value: str) -> str:
	return escape(value or "")


def _table(t: gw.Table, scale: float) -> str:
	cols = "".join(f'<col style="width:{w * 100:.1f}%">' for w in t.widths)
	head = "".join(f"<th>{_text(h)}</th>" for h in t.header)
	rows = "".join(
		"<tr>"
		+ "".join(f'<td class="gw-{a}">{_text(c)}</td>' for c, a in zip(row, t.align, strict=True))
		+ "</tr>"
		for row in t.rows
	)
	caption = f'<div class="gw-caption">{_text(t.caption)}</div>' if t.caption else ""
	if t.new_page:
		caption = '<div style="page-break-before: always"></div>' + caption
	return (
		f'{caption}<table class="gw-table" style="font-size:{t.font_pt / scale:.3f}pt">'
		f"<colgroup>{cols}</colgroup>"
		f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
	)


def _block(block: gw.Block, scale: float) -> str:
	if isinstance(block, gw.Table):
		return _table(block, scale)
	if isinstance(block, gw.Heading):
		return f'<div class="gw-h gw-h{block.level}">{_text(block.text)}</div>'
	css_class = "gw-p" if block.align == "justify" else f"gw-{block.align}"
	return f'<div class="{css_class}">{_text(block.text)}</div>'


def body_html(doc: gw.Document, scale: float = 1.0) -> str:
	parts = []
	if doc.letterhead:
		kind = "jpeg" if doc.letterhead[:2] == b"\xff\xd8" else "png"
		data = base64.b64encode(doc.letterhead).decode()
		parts.append(
			f'<div class="gw-mark"><img alt="" src="data:image/{kind};base64,{data}" '
			f'style="max-width:{gw.TEXT_W_MM / scale:.3f}mm; max-height:{gw.LETTERHEAD_MAX_H_MM / scale:.3f}mm"></div>'
		)
	if doc.letterhead or doc.organ_mark:
		if not doc.letterhead:
			size = gw.mark_font_pt(doc.organ_mark) / scale
			parts.append(
				f'<div class="gw-mark" style="font-size:{size}pt; line-height:{size * 1.2:.1f}pt">'
				f"{_text(doc.organ_mark)}</div>"
			)
		if doc.number:
			parts.append(f'<div class="gw-number">{_text(doc.number)}</div>')
		parts.append('<div class="gw-rule"></div>')
	for line in doc.title_lines():
		parts.append(f'<div class="gw-title">{_text(line)}</div>')
	if doc.subtitle:
		parts.append(f'<div class="gw-subtitle">{_text(doc.subtitle)}</div>')
	if doc.recipient:
		parts.append(f'<div class="gw-recipient">{_text(doc.recipient)}</div>')
	else:
		parts.append('<div class="gw-title-end"></div>')
	parts += [_block(b, scale) for b in doc.body]
	if doc.signer or doc.date:
		lines = "".join(f"<div>{_text(s)}</div>" for s in (doc.signer, doc.date) if s)
		parts.append(f'<div class="gw-sign{" gw-seal" if doc.seal else ""}">{lines}</div>')
	if doc.signatures:
		parts.append(
			'<div class="gw-signatures">'
			+ "".join(f"<div>{_text(s)}</div>" for s in doc.signatures)
			+ "</div>"
		)
	if doc.has_record():
		if doc.record_gap_pt:
			parts.append(f'<div style="height:{doc.record_gap_pt / scale:.2f}pt"></div>')
		record = ""
		if doc.cc:
			record += f'<div class="gw-cc">{_text(gw.cc_text(doc.cc))}</div>'
		if doc.printer or doc.print_date:
			date = gw.print_date_text(doc.print_date)
			record += (
				f'<table class="gw-printline"><tr><td>{_text(doc.printer)}</td>'
				f"<td>{_text(date)}</td></tr></table>"
			)
		parts.append(f'<div class="gw-record">{record}</div>')
	return f'<div class="gw">{"".join(parts)}</div>'


def render_fragment(doc: gw.Document) -> str:
	"""For a print format: the layout's stylesheet and the document."""
	return f"<style>{css()}</style>{body_html(doc)}"


def render_page(doc: gw.Document, scale: float = WKHTMLTOPDF_SCALE) -> str:
	"""A whole HTML page for wkhtmltopdf, with nothing to fetch; tables cut page by page."""
	doc = gw.paginate(doc)
	return (
		'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
		f"<title>{_text(doc.title_lines()[0] if doc.title_lines() else doc.kind)}</title>"
		f"<style>body {{ margin: 0; }} {css(scale)}</style></head><body>{body_html(doc, scale)}</body></html>"
	)


def pdf_options() -> dict[str, str]:
	"""wkhtmltopdf's page: A4 with the standard's margins."""
	return {
		"page-size": "A4",
		"margin-top": f"{gw.TOP_MM}mm",
		"margin-bottom": f"{gw.BOTTOM_MM}mm",
		"margin-left": f"{gw.LEFT_MM}mm",
		"margin-right": f"{gw.RIGHT_MM}mm",
	}
