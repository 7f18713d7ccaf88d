"""The names an SQL expression refers to, and JSON inside a request's parameters decoded.

Pure functions (no frappe): common/query_guard.py reads every SQL-bearing parameter of a request
with them, to refuse one that names a field or a table its user may not read.
"""

from __future__ import annotations

import json
import re

# words of SQL that are not columns (a word followed by "(" is a function and never a column)
_KEYWORDS = set(
	"""and or not xor is null true false in like rlike regexp between case when then else end distinct
	as asc desc div mod interval binary collate separator from for using unsigned signed char date
	time datetime decimal year quarter month week day hour minute second microsecond escape sounds
	all any some exists unknown with rollup over partition by order limit offset""".split()
)
_TOKEN = re.compile(
	r"""(?P<string>'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*")
	|(?P<quoted>`(?:[^`]|``)*`)
	|(?P<number>0x[0-9a-fA-F]+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)
	|(?P<word>[^\W\d][\w$]*)
	|(?P<dot>\.)
	|(?P<paren>\()
	|(?P<space>\s+)
	|(?P<other>.)""",
	re.VERBOSE | re.DOTALL,
)
_COMMENT = re.compile(r"--|#|/\*|\*/")


def has_comment(expression: str) -> bool:
	"""SQL comment markers, which no legitimate parameter holds."""
	return bool(_COMMENT.search(expression))


def decode(value, depth: int = 0):
	"""A parameter with the JSON inside it decoded, nested JSON strings too."""
	if depth > 8:
		return value
	if isinstance(value, bytes):
		value = value.decode("utf-8", "replace")
	if isinstance(value, str):
		text = value.strip()
		if text[:1] in ("[", "{", '"'):
			try:
				parsed = json.loads(text)
			except ValueError:
				return value
			return decode(parsed, depth + 1)
		return value
	if isinstance(value, dict):
		return {str(decode(k, depth + 1)): decode(v, depth + 1) for k, v in value.items()}
	if isinstance(value, list | tuple):
		return [decode(v, depth + 1) for v in value]
	return value


def references(expression: str) -> list[tuple[str | None, str]]:
	"""(qualifier, column) of every column an SQL expression names: `tabX`.`field`, `tabX`.field,
	table_field.field, field; (qualifier, "") for a table named alone. Functions, keywords,
	literals and aliases are left out."""
	tokens = [
		(m.lastgroup, m.group())
		for m in _TOKEN.finditer(expression)
		if m.lastgroup not in ("space", "string", "number")
	]
	out: list[tuple[str | None, str]] = []
	i = 0
	while i < len(tokens):
		kind, text = tokens[i]
		if kind not in ("word", "quoted"):
			i += 1
			continue
		name = text[1:-1].replace("``", "`") if kind == "quoted" else text
		nxt = tokens[i + 1] if i + 1 < len(tokens) else (None, "")
		prev = tokens[i - 1] if i else (None, "")
		if kind == "word" and nxt[0] == "paren":
			i += 1  # a function
			continue
		if prev[0] == "word" and prev[1].lower() == "as":
			i += 1  # an alias
			continue
		if nxt[0] == "dot" and i + 2 < len(tokens) and tokens[i + 2][0] in ("word", "quoted"):
			column = tokens[i + 2][1]
			column = column[1:-1].replace("``", "`") if tokens[i + 2][0] == "quoted" else column
			out.append((name, column))
			i += 3
			continue
		if kind == "word" and name.lower() in _KEYWORDS:
			i += 1
			continue
		out.append((name, "") if kind == "quoted" and name.lower().startswith("tab") else (None, name))
		i += 1
	return out


def aliases(expression: str) -> set[str]:
	return {m.group(1).strip("`").lower() for m in re.finditer(r"\bas\s+(`[^`]+`|\w+)", expression, re.I)}
