import io
import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

from sanyou_app.core import pdftext
from sanyou_app.core.pdftext import normalize


def test_kangxi_and_supplement_radicals_fold_to_the_printed_characters():
	extracted = "刘桥镇人\u2ea0政府 中\u2f42 入\u2f3e走访\n\u2ed4口"
	assert normalize(extracted) == "刘桥镇人民政府中文入户走访门口"


def test_plain_text_is_unchanged_but_for_white_space():
	assert normalize("村庄扶贫路 286.5万元\n") == "村庄扶贫路286.5万元"


def test_every_lookalike_goes_back_to_an_ideograph_that_is_not_itself_a_lookalike():
	assert len(pdftext.RADICALS) == 205 + 73
	for wrong, printed in pdftext.LOOKALIKES.items():
		assert printed not in pdftext.LOOKALIKES, wrong
		assert not pdftext.is_radical(printed), wrong
	for wrong, printed in pdftext.RADICALS.items():
		assert pdftext.is_radical(wrong)
		assert "\u3400" <= printed <= "\u9fff", wrong


def test_kangxi_radicals_go_where_nfkc_sends_them_but_for_the_simplified_door():
	for wrong, printed in pdftext.RADICALS.items():
		if "\u2f00" <= wrong <= "\u2fd5" and wrong != "\u2f3e":
			assert unicodedata.normalize("NFKC", wrong) == printed
	assert pdftext.restore("入\u2f3e") == "入户"


def test_the_reported_words_are_found_again():
	assert pdftext.restore("\u2f08\u2ea0 \u2f24\u2f54 \u3b35\u6c34") == "人民 大水 胶水"
	assert pdftext.radicals_in(pdftext.restore("".join(pdftext.RADICALS))) == ""


def test_the_two_em_dash_ligature_is_the_two_dashes_typed():
	assert pdftext.restore("\u2e3a2020年2月20日") == "——2020年2月20日"


def test_outside_cjk_fonts_only_the_radicals_change():
	assert pdftext.restore("\u3b35\u301c\u2f08", cjk_font=False) == "\u3b35\u301c人"
	assert pdftext.restore("1\u301c3月", cjk_font=True) == "1～3月"


# A map as Qt writes it: ranges, arrays of destinations, and a section of stray bytes.
QT_CMAP = (
	b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
	b"3 beginbfrange\n<0000> <0000> <0000>\n<0001> <0003> [<2F08> <2EA0> <653F> ]\n"
	b"<0004> <0006> <5E9C>\nendbfrange\n"
	b"101 beginbfrange\nPhrf3V\x00\x00\x06\x8d\x004\x00\x81\x88\xc6\x01\x16&&'3\x11#\x11!7!5!@"
	b"<0007> <0007> <2F3E>\nendbfrange\n1 beginbfchar\n<0008> <D840DC00>\nendbfchar\n"
	b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
)


def test_parse_reads_ranges_arrays_and_what_follows_stray_bytes():
	mapping = pdftext.parse_tounicode(QT_CMAP)
	assert mapping[1] == "\u2f08" and mapping[2] == "\u2ea0" and mapping[3] == "政"
	assert [mapping[code] for code in (4, 5, 6)] == ["府", "庝", "庞"]
	assert mapping[7] == "\u2f3e"
	assert mapping[8] == "\U00020000"


def test_fix_writes_the_printed_characters_in_a_clean_map():
	fixed = pdftext.fix_tounicode(QT_CMAP)
	assert fixed.isascii()
	mapping = pdftext.parse_tounicode(fixed)
	assert "".join(mapping[code] for code in range(1, 8)) == "人民政府庝庞户"
	assert fixed.count(b"beginbfchar") == 1


def test_a_clean_map_without_lookalikes_is_left_alone():
	clean = pdftext.write_tounicode({1: "人", 2: "民"})
	assert pdftext.fix_tounicode(clean) is None


@given(st.dictionaries(st.integers(0, 0xFFFF), st.text(min_size=1, max_size=3), max_size=300))
def test_write_then_parse_gives_the_same_map(mapping):
	assert pdftext.parse_tounicode(pdftext.write_tounicode(mapping)) == mapping


def _pdf_with_font(base_font: str, cmap: bytes) -> bytes:
	writer = PdfWriter()
	page = writer.add_blank_page(200, 200)
	stream = DecodedStreamObject()
	stream.set_data(cmap)
	font = DictionaryObject(
		{
			NameObject("/Type"): NameObject("/Font"),
			NameObject("/Subtype"): NameObject("/Type0"),
			NameObject("/BaseFont"): NameObject(base_font),
			NameObject("/Encoding"): NameObject("/Identity-H"),
			NameObject("/DescendantFonts"): ArrayObject(),
			NameObject("/ToUnicode"): writer._add_object(stream),
		}
	)
	page[NameObject("/Resources")] = DictionaryObject(
		{NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
	)
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def _tounicode(pdf: bytes) -> dict[int, str]:
	font = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"]["/F1"].get_object()
	return pdftext.parse_tounicode(font["/ToUnicode"].get_object().get_data())


def test_fix_pdf_rewrites_the_fonts_maps():
	fixed = pdftext.fix_pdf(_pdf_with_font("/NotoSansCJKsc-Regular", QT_CMAP))
	assert "".join(_tounicode(fixed)[code] for code in range(1, 8)) == "人民政府庝庞户"


def test_fix_pdf_leaves_a_right_pdf_as_it_is():
	pdf = _pdf_with_font("/NotoSansCJKsc-Regular", pdftext.write_tounicode({1: "人", 2: "民"}))
	assert pdftext.fix_pdf(pdf) is pdf


def _has_noto_cjk() -> bool:
	if not shutil.which("fc-match"):
		return False
	found = subprocess.run(["fc-match", "Noto Sans CJK SC"], capture_output=True, text=True).stdout
	return "Noto Sans CJK" in found


@pytest.mark.skipif(
	not (shutil.which("wkhtmltopdf") and shutil.which("pdftotext") and _has_noto_cjk()),
	reason="needs wkhtmltopdf, pdftotext and fonts-noto-cjk",
)
def test_wkhtmltopdf_text_extracts_as_printed(tmp_path):
	text = "刘桥镇人民政府关于公开征集民生实事项目的公告：入户走访、大水塘、胶水厂，1～3月〈通知〉"
	html = tmp_path / "a.html"
	html.write_text(
		"<html><head><meta charset='utf-8'></head><body>"
		f"<p style=\"font-family: 'Noto Sans CJK SC'\">{text}</p>"
		f"<p style=\"font-family: 'Noto Sans CJK SC'; font-weight: bold\">{text}</p></body></html>",
		encoding="utf-8",
	)
	pdf = tmp_path / "a.pdf"
	subprocess.run(["wkhtmltopdf", "-q", str(html), str(pdf)], check=True, capture_output=True)
	fixed = tmp_path / "fixed.pdf"
	fixed.write_bytes(pdftext.fix_pdf(pdf.read_bytes()))
	extracted = subprocess.run(
		["pdftotext", "-enc", "UTF-8", str(fixed), "-"], check=True, capture_output=True, text=True
	).stdout
	assert "".join(extracted.split()) == text * 2
