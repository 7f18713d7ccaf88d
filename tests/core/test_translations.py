"""Every string the app shows users in English has a Simplified Chinese translation.

Reads the app's own files (doctype and report JSON, roles, form scripts) and its zh.csv; no frappe.
"""

import csv
import json
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "sanyou_app"
# Chinese characters, or Chinese (full-width) punctuation: "{0}（{1}）"
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
NAMING_SERIES = re.compile(r"^[A-Z]+-\.(YYYY|CYCLE_YEAR)\.-$")
JS_STRING = re.compile(r"""__\(\s*(["'])(.+?)\1\s*[,)]""")


def translations() -> dict[str, str]:
	with open(APP / "translations" / "zh.csv", encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row and len(row) >= 2}


def shown_strings() -> set[str]:
	"""English strings a user of a zh site reads: names, labels, descriptions, options, roles."""
	out: set[str] = set()
	for path in APP.glob("*/doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") != "DocType":
			continue
		out.add(meta["name"])
		for df in meta["fields"]:
			out.update(filter(None, (df.get("label"), df.get("description"))))
			if df["fieldtype"] == "Select":
				out.update(o for o in (df.get("options") or "").split("\n") if o)
	for path in APP.glob("*/report/*/*.json"):
		out.add(json.loads(path.read_text(encoding="utf-8"))["name"])
	for path in APP.glob("setup/roles.json"):
		out.update(r["role_name"] for r in json.loads(path.read_text(encoding="utf-8")))
	for path in APP.rglob("*.js"):
		out.update(m.group(2) for m in JS_STRING.finditer(path.read_text(encoding="utf-8")))
	return {s for s in out if ENGLISH_WORD.search(s) and not NAMING_SERIES.match(s)}


def test_no_untranslated_string():
	zh = translations()
	missing = sorted(s for s in shown_strings() if not zh.get(s))
	assert missing == [], f"{len(missing)} strings lack a zh translation: {missing}"


def test_translations_are_chinese():
	not_chinese = sorted(k for k, v in translations().items() if not CJK.search(v))
	assert not_chinese == []


def test_the_app_shows_strings_to_translate():
	# The scan must find the doctypes and labels, or the test above proves nothing.
	strings = shown_strings()
	assert {"Livelihood Proposal", "Congress", "Investment (10k yuan)", "Presidium Member"} <= strings
	assert len(strings) > 80
