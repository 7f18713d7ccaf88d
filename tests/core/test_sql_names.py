"""The names the request guard finds in SQL expressions, and the child tables read off the JSON."""

import json
from pathlib import Path

import pytest

from sanyou_app.common import scope
from sanyou_app.core.sql_names import aliases, decode, has_comment, references


@pytest.mark.parametrize(
	"expression, names",
	[
		("if(cast,0,1)", [(None, "cast")]),
		("`tabSecret Vote Voter`.`cast` desc", [("tabSecret Vote Voter", "cast")]),
		("`tabSecret Vote Voter`.cast", [("tabSecret Vote Voter", "cast")]),
		("tabUser.enabled", [("tabUser", "enabled")]),
		("voters.cast", [("voters", "cast")]),
		("CAST DESC", [(None, "CAST")]),
		("extract(year from creation)", [(None, "creation")]),
		("count(`tabX`.`name`) as n", [("tabX", "name")]),
		("'cast', \"cast\", 0x1f, 1e5", []),
		("`tabSecret Vote`", [("tabSecret Vote", "")]),
		("case when `cast` = 1 then 0 else 1 end", [(None, "cast")]),
		("sum(total_score) AS _aggregate_column", [(None, "total_score")]),
	],
)
def test_references(expression, names):
	assert references(expression) == names


def test_aliases_and_comments():
	assert aliases("count(*) as n, sum(x) AS `total`") == {"n", "total"}
	assert has_comment("name -- x") and has_comment("name /* x */") and has_comment("name #")
	assert not has_comment("`tabX`.`name` desc")


def test_nested_json_and_escapes_are_decoded():
	inner = json.dumps(["Secret \u0042allot", "name"], ensure_ascii=True).replace("B", "\\u0042")
	assert decode(json.dumps({"doctype": json.dumps(inner)})) == {"doctype": ["Secret Ballot", "name"]}
	assert decode("SV-2025-0001") == "SV-2025-0001"
	assert decode("[not json") == "[not json"


def test_every_table_field_of_the_app_is_a_child_with_its_parents():
	found = {}
	for path in Path(scope.APP_DIR).glob("*/doctype/*/*.json"):
		doc = json.loads(path.read_text(encoding="utf-8"))
		if doc.get("doctype") != "DocType" or path.stem != path.parent.name:
			continue
		for f in doc["fields"]:
			if f["fieldtype"] in ("Table", "Table MultiSelect"):
				found.setdefault(f["options"], set()).add((doc["name"], f["fieldname"]))
	assert {c: set(p) for c, p in scope.child_parents().items()} == found
	assert set(scope.child_condition_hooks()) == set(found)
	assert "Paper Ballot Entry Mark" in found and "Secret Vote Voter" in found
