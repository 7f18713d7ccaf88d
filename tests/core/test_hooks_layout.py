"""hooks.py reads as one declaration per hook: each hook is assigned once, at the top level, and
nothing below a declaration changes it (no item assignment, no update/append, no loop, no
globals()). Reads the file's syntax tree; no frappe."""

import ast
from pathlib import Path

HOOKS = Path(__file__).resolve().parents[2] / "sanyou_app" / "hooks.py"


def tree():
	return ast.parse(HOOKS.read_text(encoding="utf-8"))


def test_each_name_is_assigned_once_by_a_plain_assignment():
	seen = []
	for node in tree().body:
		if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
			continue  # the module's docstring
		if isinstance(node, ast.ImportFrom | ast.Import):
			continue
		assert isinstance(node, ast.Assign), f"line {node.lineno}: only assignments at the top level"
		assert len(node.targets) == 1 and isinstance(node.targets[0], ast.Name), (
			f"line {node.lineno}: assigns to {ast.unparse(node.targets[0])}, not to a name"
		)
		seen.append(node.targets[0].id)
	assert [name for name in seen if seen.count(name) > 1] == []
	assert {"app_name", "has_permission", "permission_query_conditions", "doc_events"} <= set(seen)


def test_no_declaration_is_changed_or_looked_up_by_name():
	for node in ast.walk(tree()):
		if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
			assert node.func.id not in ("globals", "locals", "setattr"), f"line {node.lineno}"
		if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
			assert node.func.attr not in ("update", "append", "extend", "setdefault", "insert"), (
				f"line {node.lineno}: {ast.unparse(node)}"
			)
		assert not isinstance(node, ast.AugAssign | ast.For | ast.While), f"line {node.lineno}"
