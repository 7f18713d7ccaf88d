"""docs/permissions.md is the contract: the doctypes' permission rules must say what it says.

Reads the matrix table of docs/permissions.md and the app's doctype and report JSON; no frappe.
The running site is held to the same table by sanyou_app/tests/test_party_permissions.py.
"""

import json
from pathlib import Path

import pytest

from sanyou_app import hooks
from sanyou_app.core.party import (
	BRANCH_DOCTYPE,
	CHILD_PARENTS,
	GROUP_DOCTYPE,
	GROUP_LEADER_ROLE,
	MEMBER_DOCTYPE,
	MEMBER_ROLE,
	OFFICER_ROLE,
	SCOPE_FIELDS,
	SECRETARY_ROLE,
)
from sanyou_app.core.permission_matrix import NONE, RIGHTS, SCOPES, may_read, may_write, read_matrix

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "sanyou_app" / "party_building"
ROLES = (OFFICER_ROLE, SECRETARY_ROLE, GROUP_LEADER_ROLE, MEMBER_ROLE)
# The doctypes whose links are filtered by the User Permissions each role's users hold.
RESTRICTED_BY = {
	SECRETARY_ROLE: {BRANCH_DOCTYPE},
	GROUP_LEADER_ROLE: {BRANCH_DOCTYPE, GROUP_DOCTYPE},
	MEMBER_ROLE: {BRANCH_DOCTYPE, MEMBER_DOCTYPE},
}


MATRIX = read_matrix()


def doctype_json(name: str) -> dict:
	folder = name.lower().replace(" ", "_").replace("-", "_")
	return json.loads((MODULE / "doctype" / folder / f"{folder}.json").read_text(encoding="utf-8"))


def module_doctypes() -> dict[str, dict]:
	out = {}
	for path in MODULE.glob("doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		out[meta["name"]] = meta
	return out


DOCTYPES = module_doctypes()
MAIN = sorted(n for n, m in DOCTYPES.items() if not m.get("istable"))


def test_the_table_covers_every_doctype_and_role_with_known_words():
	assert sorted(MATRIX) == MAIN
	for doctype, roles in MATRIX.items():
		assert sorted(roles) == sorted(ROLES), doctype
		for role, rights in roles.items():
			assert set(rights.values()) <= set(SCOPES), (doctype, role, rights)
			if rights["read"] == NONE:
				assert set(rights.values()) == {NONE}, (doctype, role)


CHILDREN = sorted(n for n, m in DOCTYPES.items() if m.get("istable"))


def test_hooks_and_scope_fields_cover_the_same_doctypes():
	assert sorted(SCOPE_FIELDS) == MAIN
	assert sorted(hooks._PARTY_HAS_PERMISSION) == MAIN
	assert sorted(hooks._PARTY_QUERY_CONDITIONS) == sorted([*MAIN, "File", "Workflow Action"])
	for child in CHILDREN:  # the child tables carry their parent's scope, as every child table does
		assert hooks.permission_query_conditions[child] == "sanyou_app.common.scope.child_conditions"
	for name, method in {**hooks._PARTY_HAS_PERMISSION, **hooks._PARTY_QUERY_CONDITIONS}.items():
		assert hooks.has_permission.get(name, hooks.permission_query_conditions.get(name)) is not None
		assert method in (hooks.has_permission.get(name), hooks.permission_query_conditions.get(name))
	assert sorted(CHILD_PARENTS) == CHILDREN
	for child, parents in CHILD_PARENTS.items():  # every doctype holding the table is listed
		holders = {
			name
			for name in MAIN
			for f in DOCTYPES[name]["fields"]
			if f["fieldtype"] in ("Table", "Table MultiSelect") and f["options"] == child
		}
		assert holders == set(parents), child


@pytest.mark.parametrize("doctype", MAIN)
def test_docperms_say_what_the_table_says(doctype):
	meta = DOCTYPES[doctype]
	level0 = {p["role"]: p for p in meta["permissions"] if p.get("permlevel", 0) == 0}
	for role in ROLES:
		rights = MATRIX[doctype][role]
		perm = level0.get(role, {})
		for right in RIGHTS:
			assert bool(perm.get(right)) == (rights[right] != NONE), (doctype, role, right)
		assert bool(perm.get("delete")) == (rights["create"] != NONE), (doctype, role, "delete")
		assert bool(perm.get("print")) == (rights["read"] != NONE), (doctype, role, "print")
		assert not perm.get("if_owner"), (doctype, role)
		if role != OFFICER_ROLE:
			assert not perm.get("share") and not perm.get("cancel") and not perm.get("amend"), (doctype, role)
	assert bool(meta.get("is_submittable")) == any(MATRIX[doctype][r]["submit"] != NONE for r in ROLES)


# Upper-level fields only the officer reads: a 季考's organ-wide figures.
OFFICER_ONLY_LEVELS = {"Quarterly Test": {1}}


@pytest.mark.parametrize("doctype", MAIN)
def test_who_reads_a_doctype_reads_its_upper_level_fields(doctype):
	meta = DOCTYPES[doctype]
	levels = {f.get("permlevel", 0) for f in meta["fields"]} - {0}
	for level in levels:
		readers = {p["role"] for p in meta["permissions"] if p.get("permlevel") == level and p.get("read")}
		if level in OFFICER_ONLY_LEVELS.get(doctype, ()):
			assert readers == {OFFICER_ROLE, "System Manager"}, (doctype, level)
		else:
			assert readers >= {r for r in ROLES if MATRIX[doctype][r]["read"] != NONE}, (doctype, level)


def _links(meta: dict):
	for field in meta["fields"]:
		if field["fieldtype"] == "Link":
			yield meta["name"], field
		if field["fieldtype"] in ("Table", "Table MultiSelect"):
			yield from _links(DOCTYPES[field["options"]])


@pytest.mark.parametrize("doctype", MAIN)
def test_only_scope_fields_are_filtered_by_user_permissions(doctype):
	"""A link to Party Branch / Group / Member is filtered by the User Permissions of a role's
	users: it must be one of the doctype's scope fields, or marked to ignore User Permissions, or
	a user would see a record in a list and be refused it in the form (or the reverse)."""
	scope = SCOPE_FIELDS[doctype]
	declared = {scope.branch, scope.group, scope.member} - {None}
	for role, restricted in RESTRICTED_BY.items():
		if MATRIX[doctype][role]["read"] == NONE:
			continue
		for owner, field in _links(DOCTYPES[doctype]):
			if field["options"] not in restricted or field.get("ignore_user_permissions"):
				continue
			assert owner == doctype and field["fieldname"] in declared, (
				doctype,
				role,
				owner,
				field["fieldname"],
			)


def test_script_reports_are_open_to_whoever_has_the_report_right():
	for path in MODULE.glob("report/*/*.json"):
		report = json.loads(path.read_text(encoding="utf-8"))
		assert report["report_type"] == "Script Report"
		rights = MATRIX[report["ref_doctype"]]
		expected = {r for r in ROLES if rights[r]["report"] != NONE} | {"System Manager"}
		assert {r["role"] for r in report["roles"]} == expected, report["name"]
		source = path.with_suffix(".py").read_text(encoding="utf-8")
		assert (
			"frappe.get_list" in source and "frappe.get_all" not in source and "frappe.db.sql" not in source
		)


def test_what_the_words_mean():
	me = {"branch": "一支部", "group": "一组", "member": "m1"}
	own, mate = (
		{"branch": "一支部", "group": "一组", "member": "m1"},
		{"branch": "一支部", "group": "一组", "member": "m2"},
	)
	other_group, other_branch = {"branch": "一支部", "group": "二组"}, {"branch": "二支部", "group": "三组"}
	branch_level, organ = {"branch": "一支部", "group": None}, {"branch": None}
	reads = {
		word: [may_read(word, r, me) for r in (own, mate, other_group, other_branch, branch_level, organ)]
		for word in SCOPES
	}
	assert reads == {
		"全部": [True] * 6,
		"本支部": [True, True, True, False, True, False],
		"本支部及全机关": [True, True, True, False, True, True],
		"本小组": [True, True, False, False, True, False],
		"本人": [True, False, False, False, False, False],
		"本支部及全机关·已公开": [False] * 6,  # none of them is published
		"—": [False] * 6,
	}
	assert may_read("本支部及全机关·已公开", {**organ, "published": True}, me)
	writes = {
		word: [may_write(word, r, me) for r in (own, mate, other_group, other_branch, branch_level, organ)]
		for word in ("全部", "本支部", "本支部及全机关", "本小组", "本人", "—")
	}
	assert writes == {
		"全部": [True] * 6,
		"本支部": [True, True, True, False, True, False],
		"本支部及全机关": [True, True, True, False, True, False],
		"本小组": [True, True, False, False, False, False],
		"本人": [True, False, False, False, False, False],
		"—": [False] * 6,
	}
