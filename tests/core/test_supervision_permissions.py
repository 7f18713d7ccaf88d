"""docs/permissions.md, section 项目实施与监督: the Project Supervision doctypes' DocPerms say what
its table says. Reads the doctype JSON; no frappe."""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "sanyou_app" / "project_supervision"
RIGHTS = ("read", "write", "create", "report")
NONE, ALL, OWN = "—", "全部", "本人"


def read_table() -> dict[str, dict[str, dict[str, str]]]:
	text = (ROOT / "docs" / "permissions.md").read_text(encoding="utf-8")
	section = text.split("# 项目实施与监督 (Project Supervision)", 1)[1]
	out: dict = {}
	doctype = None
	for line in section.splitlines():
		cells = [c.strip() for c in line.strip().strip("|").split("|")]
		if len(cells) != 2 + len(RIGHTS) or cells[2] == "read" or set(cells[2]) <= {"-"}:
			continue
		if cells[0]:
			doctype = re.sub(r"\s*\(.*\)$", "", cells[0])
		role = re.sub(r"\s*\(.*\)$", "", cells[1])
		out.setdefault(doctype, {})[role] = dict(zip(RIGHTS, cells[2:], strict=True))
	return out


TABLE = read_table()


def doctypes() -> dict[str, dict]:
	out = {}
	for path in MODULE.glob("doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if not meta.get("istable"):
			out[meta["name"]] = meta
	return out


DOCTYPES = doctypes()


def test_the_table_covers_every_doctype_of_the_module():
	assert sorted(TABLE) == sorted(DOCTYPES)
	for roles in TABLE.values():
		for rights in roles.values():
			assert set(rights.values()) <= {NONE, ALL, OWN}


@pytest.mark.parametrize("doctype", sorted(DOCTYPES))
def test_docperms_say_what_the_table_says(doctype):
	perms = {p["role"]: p for p in DOCTYPES[doctype]["permissions"] if p.get("permlevel", 0) == 0}
	assert set(perms) - {"System Manager"} == set(TABLE[doctype]), doctype
	for role, rights in TABLE[doctype].items():
		for right in RIGHTS:
			assert bool(perms[role].get(right)) == (rights[right] != NONE), (doctype, role, right)
		assert not perms[role].get("if_owner"), (doctype, role)
		assert not perms[role].get("share"), (doctype, role)


def test_own_scope_is_applied_by_a_hook_where_the_table_says_so():
	from sanyou_app import hooks

	own = {d for d, roles in TABLE.items() for r in roles.values() if OWN in r.values()}
	assert own == {"Livelihood Project", "Supervision Log", "Pre-evaluation"}
	for doctype in own:
		assert hooks.has_permission[doctype].startswith("sanyou_app.project_supervision.permissions.")


def test_each_workflow_step_belongs_to_one_role():
	spec = json.loads((ROOT / "sanyou_app" / "workflow" / "livelihood_project.json").read_text("utf-8"))
	steps = {(t["state"], t["action"]): t["allowed"] for t in spec["transitions"]}
	assert steps == {
		("待启动", "开始实施"): "Implementation Group",
		("实施中", "申请验收"): "Project Leader",
		("实施中", "批准延期"): "Implementation Group",
		("延期", "恢复实施"): "Project Leader",
		("待验收", "验收通过"): "Implementation Group",
		("待验收", "验收退回"): "Implementation Group",
	}
	assert {s["state"] for s in spec["states"]} == {"待启动", "实施中", "延期", "待验收", "已完成"}
