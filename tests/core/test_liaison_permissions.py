"""docs/permissions.md's Deputy Liaison table is the contract for the module's DocPerms.

Reads the table (rows of eight cells: DocType, Role, read, write, create, delete, report, scope) and
the doctypes' JSON; no frappe.
"""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "sanyou_app" / "deputy_liaison"
DOC = ROOT / "docs" / "permissions.md"
RIGHTS = ("read", "write", "create", "delete", "report")
ROLES = {
	"Organ Party Committee Officer",
	"Branch Secretary",
	"Party Group Leader",
	"Deputy Affairs Office",
	"Congress Deputy",
}


def table() -> dict[str, dict[str, dict[str, bool]]]:
	out: dict = {}
	doctype = None
	for line in DOC.read_text(encoding="utf-8").splitlines():
		cells = [c.strip() for c in line.strip().strip("|").split("|")]
		if len(cells) != 8 or cells[2] in ("read", "---"):
			continue
		if cells[0]:
			doctype = re.sub(r"\s*\(.*\)$", "", cells[0])
		assert set(cells[2:7]) <= {"✓", "—"}, line
		out.setdefault(doctype, {})[cells[1]] = dict(zip(RIGHTS, (c == "✓" for c in cells[2:7]), strict=True))
	return out


def doctypes() -> dict[str, dict]:
	out = {}
	for path in MODULE.glob("doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if not meta.get("istable"):
			out[meta["name"]] = meta
	return out


def test_the_table_covers_every_doctype_and_role():
	matrix, metas = table(), doctypes()
	assert sorted(matrix) == sorted(metas)
	for doctype, roles in matrix.items():
		assert set(roles) == ROLES, doctype


def test_docperms_say_what_the_table_says():
	matrix = table()
	for name, meta in doctypes().items():
		perms = {p["role"]: p for p in meta["permissions"] if p.get("permlevel", 0) == 0}
		assert set(perms) - {"System Manager"} <= ROLES, name
		for role, rights in matrix[name].items():
			actual = {r: bool(perms.get(role, {}).get(r)) for r in RIGHTS}
			assert actual == rights, (name, role)


def test_only_staff_roles_write_and_deputies_never_create():
	for doctype, roles in table().items():
		assert not roles["Congress Deputy"]["create"], doctype
		assert not roles["Branch Secretary"]["write"], doctype
