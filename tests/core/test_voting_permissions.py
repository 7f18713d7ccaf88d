"""docs/permissions.md, section Voting: the Voting doctypes' permission rules say what it says."""

import json
from pathlib import Path

from sanyou_app import hooks
from sanyou_app.core.permission_matrix import NONE, RIGHTS, VOTING_SCOPES, read_matrix

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "sanyou_app" / "voting"
MATRIX = read_matrix(section="Voting")
BALLOTS = ("Secret Ballot", "Sealed Ballot")


def doctypes() -> dict[str, dict]:
	out = {}
	for path in MODULE.glob("doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if not meta.get("istable"):
			out[meta["name"]] = meta
	return out


DOCTYPES = doctypes()


def test_the_table_covers_every_voting_doctype_with_known_words():
	assert sorted(MATRIX) == sorted(DOCTYPES)
	# every voting doctype names every role of the table, the county office's included
	assert len({frozenset(roles) for roles in MATRIX.values()}) == 1
	for doctype, roles in MATRIX.items():
		assert {"Town Congress Office", "Congress Deputy", "County Congress Office"} <= set(roles), doctype
		for role, rights in roles.items():
			assert set(rights.values()) <= set(VOTING_SCOPES), (doctype, role, rights)


def test_permission_rules_grant_exactly_what_the_table_says():
	for doctype, roles in MATRIX.items():
		perms = {p["role"]: p for p in DOCTYPES[doctype]["permissions"] if not p.get("permlevel")}
		assert set(perms) <= set(roles), f"{doctype}: rules for roles the table does not name"
		for role, rights in roles.items():
			for right in RIGHTS:
				granted = bool(perms.get(role, {}).get(right))
				assert granted == (rights[right] != NONE), (doctype, role, right)


def test_ballots_have_no_rule_and_hooks_that_refuse_everyone():
	for doctype in BALLOTS:
		assert DOCTYPES[doctype]["permissions"] == []
		assert DOCTYPES[doctype]["track_changes"] == 0
		assert doctype in hooks.has_permission and doctype in hooks.permission_query_conditions
	from sanyou_app.core.voting import BALLOT_DOCTYPES

	assert set(BALLOTS) == set(BALLOT_DOCTYPES)


def test_scoped_voting_doctypes_have_their_hooks_and_keep_no_versions():
	for doctype in ("Secret Vote", "Paper Ballot Entry"):
		assert doctype in hooks.has_permission and doctype in hooks.permission_query_conditions
	assert DOCTYPES["Paper Ballot Entry"]["track_changes"] == 0


def test_the_cast_flag_is_read_only_by_the_office():
	voter = json.loads((MODULE / "doctype/secret_vote_voter/secret_vote_voter.json").read_text("utf-8"))
	cast = next(f for f in voter["fields"] if f["fieldname"] == "cast")
	assert cast["permlevel"] == 1
	level1 = [p["role"] for p in DOCTYPES["Secret Vote"]["permissions"] if p.get("permlevel") == 1]
	assert level1 == ["Town Congress Office"]
