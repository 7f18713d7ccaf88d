"""The text layer of a PDF made by wkhtmltopdf, made to say what is printed.

wkhtmltopdf (Qt) writes each font's ToUnicode map by asking the font which character a glyph
stands for, and takes the lowest code point that uses the glyph. Noto CJK draws 人 and the Kangxi
radical ⼈ (U+2F08) with one glyph, 民 and the radical supplement ⺠ (U+2EA0) with one glyph, and
a few ideographs with the glyph of a rare CJK Extension A character (胶 → 㬵), so the PDF shows 人民
but its text says ⼈⺠: search, copy and archives' indexes see the wrong characters.

LOOKALIKES holds, for every such code point, the character that was printed. It was read off
wkhtmltopdf 0.12.6 itself: every ideograph U+4E00–U+9FFF and U+3400–U+4DBF rendered in Noto
Sans CJK SC and Noto Serif CJK SC, regular and bold, and the PDF's text compared with the source;
all four faces agree. fix_pdf() rewrites the ToUnicode maps of a PDF's CJK fonts with it (and
writes them whole again: Qt's writer corrupts a map longer than 100 ranges).

normalize() is for comparing text pulled out of a PDF with the source text, white space aside.
"""

import io
import re
import unicodedata

# Kangxi radicals (U+2F00–U+2FD5) → the ideograph printed with the same glyph, as pairs.
_KANGXI = (
	"⼀一⼁丨⼂丶⼃丿⼄乙⼅亅⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口"
	"⼞囗⼟土⼠士⼡夂⼢夊⼣夕⼤大⼥女⼦子⼧宀⼨寸⼩小⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼴广⼵廴⼶廾⼷弋⼸弓⼺彡⼻彳⼼心⼽戈⼾户"
	"⼿手⽀支⽁攴⽂文⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛"
	"⽝犬⽞玄⽟玉⽠瓜⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊"
	"⽻羽⽼老⽽而⽾耒⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾔言⾕谷⾖豆⾗豕⾘豸⾙貝"
	"⾚赤⾛走⾜足⾝身⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾸首⾹香"
	"⾺馬⾼高⾽髟⾾鬥⾿鬯⿀鬲⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿕龠"
)
# CJK radicals supplement (U+2E80–U+2EF3).
_SUPPLEMENT = (
	"⺂乛⺃乚⺅亻⺉刂⺋㔾⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺫罒⺭礻⺯糹⺰纟⺱罓⺳㓁"
	"⺹耂⺺肀⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻈讠⻉贝⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼"
	"⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
# Ideographs drawn with the glyph of a rarer Extension A character (Noto CJK only). (墫 and 壿 share
# a glyph too; neither is the likelier, so they stay as written.)
_IDEOGRAPHS = "㖈䎛㘽㦳㫚曶㬵胶㬺幐㬻䐠㮣槩"
# Punctuation of Chinese text whose glyph is shared with a lower, rarer code point.
_PUNCTUATION = "\u2329\u3008\u232a\u3009\u2215\uff0f\u301c\uff5e\u2012\u2013"


def _pairs(text: str) -> dict[str, str]:
	return {text[i]: text[i + 1] for i in range(0, len(text), 2)}


# With ligatures on (Frappe's print stylesheet asks for text-rendering: optimizeLegibility), Qt draws
# 破折号 "——" with the glyph of U+2E3A and "———" with that of U+2E3B. The app's print formats turn
# ligatures off; this keeps the text of other prints right too.
_LIGATURES = {"\u2e3a": "\u2014\u2014", "\u2e3b": "\u2014\u2014\u2014"}

RADICALS = {**_pairs(_KANGXI), **_pairs(_SUPPLEMENT)}
LOOKALIKES = {**RADICALS, **_pairs(_IDEOGRAPHS), **_pairs(_PUNCTUATION), **_LIGATURES}
_RADICAL_TABLE = str.maketrans(RADICALS)
_LOOKALIKE_TABLE = str.maketrans(LOOKALIKES)
# Fonts whose glyph sharing the whole table describes (Noto CJK and Source Han, the same design).
_CJK_FONT = re.compile(r"CJK|SourceHan", re.IGNORECASE)


def is_radical(char: str) -> bool:
	"""A character of the Kangxi radicals or the CJK radicals supplement (U+2E80–U+2FDF)."""
	return "\u2e80" <= char <= "\u2fdf"


def restore(text: str, cjk_font: bool = True) -> str:
	"""The printed text for a text layer's text: look-alikes back to the ideographs printed."""
	return text.translate(_LOOKALIKE_TABLE if cjk_font else _RADICAL_TABLE)


def normalize(text: str) -> str:
	"""Look-alikes restored, NFKC, and all white space removed (lines wrap anywhere)."""
	return "".join(unicodedata.normalize("NFKC", restore(text)).split())


# --- ToUnicode CMaps --------------------------------------------------------------------------

_SECTION = re.compile(
	rb"begin(bfchar|bfrange)(.*?)(?=end(?:bfchar|bfrange)|begin(?:bfchar|bfrange)|\Z)", re.S
)
_CHAR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>")
_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def _utf16(hex_digits: bytes) -> str:
	return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", errors="replace")


def parse_tounicode(data: bytes) -> dict[int, str]:
	"""Character code → text, from a ToUnicode CMap's bfchar and bfrange entries.

	Lenient: entries are read wherever they stand, so a section Qt filled with stray bytes loses
	only what it overwrote.
	"""
	mapping: dict[int, str] = {}
	for kind, body in _SECTION.findall(data):
		if kind == b"bfchar":
			for src, dst in _CHAR.findall(body):
				mapping[int(src, 16)] = _utf16(dst)
			continue
		for lo, hi, dst in _RANGE.findall(body):
			first, last = int(lo, 16), int(hi, 16)
			if last < first or last - first > 0xFFFF:
				continue
			if dst.startswith(b"["):
				for offset, item in enumerate(_HEX.findall(dst)[: last - first + 1]):
					mapping[first + offset] = _utf16(item)
				continue
			start = _utf16(dst[1:-1])
			if not start:
				continue
			for offset in range(last - first + 1):
				mapping[first + offset] = start[:-1] + chr(ord(start[-1]) + offset)
	return mapping


def _hex_utf16(text: str) -> str:
	return text.encode("utf-16-be").hex().upper()


def write_tounicode(mapping: dict[int, str]) -> bytes:
	"""A ToUnicode CMap for two-byte codes (a Type0 font), one bfchar entry per code, 100 to a block."""
	codes = sorted(mapping)
	lines = [
		"/CIDInit /ProcSet findresource begin",
		"12 dict begin",
		"begincmap",
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
		"/CMapName /Adobe-Identity-UCS def",
		"/CMapType 2 def",
		"1 begincodespacerange",
		"<0000> <FFFF>",
		"endcodespacerange",
	]
	for i in range(0, len(codes), 100):
		block = codes[i : i + 100]
		lines.append(f"{len(block)} beginbfchar")
		lines += [f"<{code:04X}> <{_hex_utf16(mapping[code])}>" for code in block]
		lines.append("endbfchar")
	lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
	return ("\n".join(lines) + "\n").encode("ascii")


def fix_tounicode(data: bytes, cjk_font: bool = True) -> bytes | None:
	"""The CMap rewritten with the printed characters, or None when it needs no change."""
	mapping = parse_tounicode(data)
	fixed = {code: restore(text, cjk_font) for code, text in mapping.items()}
	if fixed == mapping and data.isascii():
		return None
	return write_tounicode(fixed)


# --- whole PDFs (pypdf, no Frappe) --------------------------------------------------------------


def _fonts(resources, seen: set):
	"""Every font dictionary under a resource dictionary, Form XObjects included, once each."""
	if resources is None:
		return
	resources = resources.get_object()
	for font in (resources.get("/Font") or {}).values():
		font = font.get_object()
		if id(font) not in seen:
			seen.add(id(font))
			yield font
	for xobject in (resources.get("/XObject") or {}).values():
		xobject = xobject.get_object()
		if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
			seen.add(id(xobject))
			yield from _fonts(xobject.get("/Resources"), seen)


def fix_pdf(pdf: bytes) -> bytes:
	"""The PDF with each font's ToUnicode map saying what its glyphs print; unchanged if none needs it."""
	from pypdf import PdfReader, PdfWriter
	from pypdf.generic import DecodedStreamObject, NameObject

	writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
	seen: set = set()
	changed = 0
	for page in writer.pages:
		for font in _fonts(page.get("/Resources"), seen):
			if font.get("/Subtype") != "/Type0" or "/ToUnicode" not in font:
				continue
			base = str(font.get("/BaseFont", ""))
			fixed = fix_tounicode(font["/ToUnicode"].get_object().get_data(), bool(_CJK_FONT.search(base)))
			if fixed is None:
				continue
			stream = DecodedStreamObject()
			stream.set_data(fixed)
			font[NameObject("/ToUnicode")] = writer._add_object(stream.flate_encode())
			changed += 1
	if not changed:
		return pdf
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def radicals_in(text: str) -> str:
	"""The characters of text in U+2E80–U+2FDF (none, in a PDF's text that says what it prints)."""
	return "".join(char for char in text if is_radical(char))
