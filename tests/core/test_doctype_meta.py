"""Doctype definitions the desk can draw: a list view reads its first column from title_field."""

import json
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "sanyou_app"


def doctypes():
	for path in APP.glob("*/doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") == "DocType":
			yield meta


def test_title_field_is_a_field_of_the_doctype():
	# "name" is not a DocField: the list view then fails on "reading 'fieldname'" (季考 did)
	bad = [
		(meta["name"], meta["title_field"])
		for meta in doctypes()
		if meta.get("title_field") and meta["title_field"] not in {f["fieldname"] for f in meta["fields"]}
	]
	assert bad == []


def test_results_table_has_the_columns_of_every_kind_of_vote():
	# the Secret Vote form shows these per vote type (secret_vote_columns.js)
	fields = {
		f["fieldname"]
		for f in json.loads(
			(APP / "voting/doctype/secret_vote_result/secret_vote_result.json").read_text(encoding="utf-8")
		)["fields"]
	}
	script = (APP / "voting/doctype/secret_vote_result/secret_vote_columns.js").read_text(encoding="utf-8")
	for column in (
		"satisfied",
		"basically_satisfied",
		"unsatisfied",
		"satisfaction_rate",
		"grade",
		"excellent",
		"qualified",
		"basically_qualified",
		"unqualified",
		"votes_for",
		"rank",
		"picked",
	):
		assert column in fields and f"{column}:" in script, column
