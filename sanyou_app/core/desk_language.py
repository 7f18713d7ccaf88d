"""What of a page's visible text is still in English.

A Chinese page may keep Latin letters only where Chinese users write them too: e-mail addresses,
links, file names, record numbers (ZSXM-2025-0001, DY0001), and the few names of formats, keys and
units listed in ALLOWED_WORDS. Any other Latin word is a string left untranslated.
"""

import re

# Words Chinese users read in Latin letters as well: names of file formats and products, keys on the
# keyboard, abbreviations.
ALLOWED_WORDS = frozenset(
	{
		"PDF",
		"Excel",
		"Word",  # 下载 Word: the product offices finish documents in, named as they name it
		"ID",
		"Ctrl",
		"Shift",
		"Alt",
		"Enter",
		"Esc",
		"Tab",
		"Frappe",
		"CNY",
		"Noto",
		"Sans",
		"CJK",
		"SC",
		"Markdown",
		"HTML",
		"URL",
		"API",
		"CSV",
		"am",
		"pm",
	}
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# a link, or a path standing on its own (not the "/Shanghai" of "Asia/Shanghai")
_URL = re.compile(r"https?://[\w./?=&%#:-]+|(?<!\S)/[\w./?=&%#:-]+")
# a key combination: Ctrl + G
_KEYS = re.compile(r"\b(Ctrl|Alt|Shift|⌘)(\s*\+\s*\w+)+")
_FILE = re.compile(r"[\w.-]*\.(xlsx|xls|csv|pdf|docx?|txt|png|jpe?g)\b", re.IGNORECASE)
# record numbers and codes: anything with a digit in it (DY0001, 2025-05-12, 第3号), and series
# prefixes followed by a number-like tail (MS-2025-0001)
_CODE = re.compile(r"\b[A-Za-z]*\d[\w-]*\b|\b[A-Z]{1,4}-\S+")
# one letter is a word too: the list's ages read "5 y", "11 M"
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def english_words(line: str, allowed: frozenset[str] = ALLOWED_WORDS) -> list[str]:
	"""The English words of one line of text, beyond e-mails, links, file names and codes."""
	for pattern in (_EMAIL, _FILE, _URL, _KEYS, _CODE):
		line = pattern.sub(" ", line)
	return [word for word in _WORD.findall(line) if word not in allowed]


def english_lines(text: str, allowed: frozenset[str] = ALLOWED_WORDS) -> list[str]:
	"""The lines of a page's visible text that carry English words (each cut to 120 characters)."""
	return [line.strip()[:120] for line in text.splitlines() if english_words(line, allowed)]
