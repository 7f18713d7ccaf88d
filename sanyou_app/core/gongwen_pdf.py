"""Page numbers on a 公文's PDF ("— 1 —", odd pages right, even pages left, 7 mm below the text
area), written into each page with pypdf in the standard Times-Roman (its digits stand for the
standard's 半角宋体 numerals; the text layer reads "— 1 —")."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from sanyou_app.core import gongwen as gw

FONT_KEY = "/GwPageNo"


def _stream(writer: PdfWriter, data: bytes):
	stream = DecodedStreamObject()
	stream.set_data(data)
	return writer._add_object(stream)


def number_stream(page: int) -> bytes:
	x, y = gw.page_number_position(page)
	text = gw.page_number_text(page).encode("cp1252")  # — is 0x97 in WinAnsiEncoding
	return b"Q q BT %s %g Tf %.2f %.2f Td (%s) Tj ET Q" % (
		FONT_KEY.encode(),
		gw.PAGE_NUMBER_PT,
		x,
		y,
		text,
	)


def stamp_page_numbers(pdf: bytes, first: int = 1) -> bytes:
	"""The PDF with each page numbered, from `first`."""
	writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
	font = writer._add_object(
		DictionaryObject(
			{
				NameObject("/Type"): NameObject("/Font"),
				NameObject("/Subtype"): NameObject("/Type1"),
				NameObject("/BaseFont"): NameObject("/Times-Roman"),
				NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
			}
		)
	)
	opening = _stream(writer, b"q")
	for i, page in enumerate(writer.pages):
		resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
		fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
		fonts[NameObject(FONT_KEY)] = font
		contents = page.get("/Contents")
		if contents is None:
			existing = []
		elif isinstance(contents.get_object(), list):
			existing = list(contents.get_object())
		else:
			existing = [contents]
		closing = _stream(writer, number_stream(first + i))
		page[NameObject("/Contents")] = ArrayObject([opening, *existing, closing])
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def last_baseline(pdf: bytes, needle: str) -> float | None:
	"""Where the last line holding `needle` on the PDF's last page stands: its baseline, in points
	from the paper's bottom (None when the page does not show it)."""
	page = PdfReader(io.BytesIO(pdf)).pages[-1]
	found: list[float] = []

	def visit(text, cm, tm, font, size):
		if needle and needle in text:
			found.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])

	page.extract_text(visitor_text=visit)
	return min(found) if found else None
