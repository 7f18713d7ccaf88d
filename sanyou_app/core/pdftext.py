"""Text pulled out of a PDF, made comparable with the text that was printed.

wkhtmltopdf with Noto CJK writes a text layer that maps some ideographs to look-alike radicals:
Kangxi radicals (U+2F00–U+2FD5: 文 → ⽂), which NFKC folds back, and CJK radical supplements
(U+2E80–U+2EF3: 民 → ⺠), which it does not. This folds both, so "人民政府" is found again.
"""

import unicodedata

# CJK Radicals Supplement → the unified ideograph they stand for (Unihan kEquivalentUnifiedIdeograph),
# limited to the simplified forms a Chinese text can contain.
_RADICALS = {
	"\u2e9f": "母",
	"\u2ea0": "民",
	"\u2ea9": "王",
	"\u2ec4": "西",
	"\u2ec5": "见",
	"\u2ec6": "角",
	"\u2ec8": "讠",
	"\u2ec9": "贝",
	"\u2ecb": "车",
	"\u2ed3": "长",
	"\u2ed4": "门",
	"\u2ed8": "青",
	"\u2ed9": "韦",
	"\u2eda": "页",
	"\u2edb": "风",
	"\u2edc": "飞",
	"\u2edd": "食",
	"\u2ee0": "饣",
	"\u2ee2": "马",
	"\u2ee3": "骨",
	"\u2ee4": "鬼",
	"\u2ee5": "鱼",
	"\u2ee6": "鸟",
	"\u2ee7": "卤",
	"\u2ee8": "麦",
	"\u2ee9": "黄",
	"\u2eec": "齐",
	"\u2eee": "齿",
	"\u2ef0": "龙",
	"\u2ef3": "龟",
}
# Kangxi radicals whose NFKC form is the traditional character, while the simplified text printed
# the simplified one sharing its glyph (户 is written with the glyph of ⼾, which NFKC makes 戶).
_BEFORE_NFKC = str.maketrans({"\u2f3e": "户"})
_TABLE = str.maketrans(_RADICALS)


def normalize(text: str) -> str:
	"""NFKC, radicals folded to ideographs, and all white space removed (lines wrap anywhere)."""
	folded = unicodedata.normalize("NFKC", text.translate(_BEFORE_NFKC)).translate(_TABLE)
	return "".join(folded.split())
