"""The access matrix of docs/permissions.md, read as data, and what each of its words means.

The same table holds the doctypes' permission rules (core test) and the running site (integration
test), so the page a reader trusts is the page the code is tested against.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

RIGHTS = ("read", "write", "create", "submit", "report")
NONE = "—"
ALL = "全部"
OWN_BRANCH = "本支部"
OWN_BRANCH_AND_ORGAN = "本支部及全机关"
OWN_GROUP = "本小组"
OWN = "本人"
PUBLISHED = "本支部及全机关·已公开"
SCOPES = (ALL, OWN_BRANCH, OWN_BRANCH_AND_ORGAN, OWN_GROUP, OWN, PUBLISHED, NONE)
# Voting: a vote being counted is read only by its tellers and scrutineers; paper entries only by
# them, and changed only by the teller who made them.
ALL_BUT_COUNTING = "全部·计票中仅本次计票监票人"
VOTE_OFFICERS = "本次计票监票人"
OWN_ENTRY = "本人录入·计票中"
VOTING_SCOPES = (ALL, ALL_BUT_COUNTING, VOTE_OFFICERS, OWN_ENTRY, NONE)

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"


def read_matrix(path: Path = DOC, section: str = "Matrix") -> dict[str, dict[str, dict[str, str]]]:
	"""{doctype: {role: {right: scope word}}} from the table under the heading `## <section>`
	whose header is | DocType | Role | read | write | create | submit | report |."""
	out: dict = {}
	doctype = None
	inside = False
	for line in path.read_text(encoding="utf-8").splitlines():
		if line.startswith("## "):
			inside = line[3:].strip() == section
		if not inside:
			continue
		cells = [c.strip() for c in line.strip().strip("|").split("|")]
		if len(cells) != 2 + len(RIGHTS) or cells[2] == RIGHTS[0] or set(cells[2]) <= {"-"}:
			continue
		if cells[0]:
			doctype = re.sub(r"\s*\(.*\)$", "", cells[0])
		role = re.sub(r"\s*\(.*\)$", "", cells[1])
		out.setdefault(doctype, {})[role] = dict(zip(RIGHTS, cells[2:], strict=True))
	return out


def _own_branch(record: Mapping, user: Mapping) -> bool:
	return record.get("branch") is not None and record.get("branch") == user.get("branch")


def may_read(word: str, record: Mapping, user: Mapping) -> bool:
	"""Whether a scope word lets `user` (branch, group, member) read `record` (branch, group,
	member, published). Records without a branch are the whole organ's."""
	if word == ALL:
		return True
	if word == OWN_BRANCH:
		return _own_branch(record, user)
	if word == OWN_BRANCH_AND_ORGAN:
		return record.get("branch") is None or _own_branch(record, user)
	if word == OWN_GROUP:
		return _own_branch(record, user) and record.get("group") in (None, user.get("group"))
	if word == OWN:
		return record.get("member") is not None and record.get("member") == user.get("member")
	if word == PUBLISHED:
		return may_read(OWN_BRANCH_AND_ORGAN, record, user) and bool(record.get("published"))
	return False


def may_write(word: str, record: Mapping, user: Mapping) -> bool:
	"""Writing, creating, submitting: a branch's or group's own records only, never the organ's."""
	if word == ALL:
		return True
	if word in (OWN_BRANCH, OWN_BRANCH_AND_ORGAN):
		return _own_branch(record, user)
	if word == OWN_GROUP:
		return (
			record.get("branch") is not None
			and record.get("branch") == user.get("branch")
			and record.get("group") is not None
			and record.get("group") == user.get("group")
		)
	if word == OWN:
		return record.get("member") is not None and record.get("member") == user.get("member")
	return False
