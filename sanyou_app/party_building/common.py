"""Helpers shared by the Party Building controllers."""

from decimal import Decimal

import frappe
from frappe.utils import getdate

from sanyou_app.core.party import ON_ROLL


def plain(values: dict) -> dict:
	"""Values from the core as a document takes them (Decimal → float)."""
	return {k: float(v) if isinstance(v, Decimal) else v for k, v in values.items()}


def leaf_branches() -> list[str]:
	return frappe.get_all("Party Branch", filters={"is_group": 0}, pluck="name")


def check_leaf_branch(branch: str | None, label: str = "党支部") -> None:
	if branch and frappe.db.get_value("Party Branch", branch, "is_group"):
		frappe.throw(f"{label}：应为机关党委下属的党支部，不能选上级党组织", title="无法保存")


def branch_members(branch: str, group: str | None = None) -> dict[str, str]:
	"""{member: full name} of the members on the roll of a branch (or of one of its groups)."""
	filters = {"party_branch": branch, "status": ON_ROLL}
	if group:
		filters["party_group"] = group
	rows = frappe.get_all("Party Member", filters=filters, fields=["name", "full_name"], order_by="full_name")
	return {r.name: r.full_name for r in rows}


def member_names(names) -> dict[str, str]:
	names = [n for n in names if n]
	if not names:
		return {}
	rows = frappe.get_all("Party Member", filters={"name": ("in", names)}, fields=["name", "full_name"])
	return {r.name: r.full_name for r in rows}


def branch_groups(branch: str | None) -> list[str]:
	if not branch:
		return []
	return frappe.get_all("Party Group", filters={"party_branch": branch}, pluck="name")


def copy_scope_from_member(doc, *, always: bool = False) -> None:
	"""A personal record is placed in the member's branch and group when it is created."""
	if not doc.member or not (doc.is_new() or always):
		return
	row = frappe.db.get_value(
		"Party Member", doc.member, ["party_branch", "party_group", "status"], as_dict=True
	)
	if not row:
		return
	if doc.is_new() and row.status != ON_ROLL:
		frappe.throw("党员：该党员已转出，不是在册党员", title="无法保存")
	doc.party_branch = row.party_branch
	doc.party_group = row.party_group


def today():
	return getdate()
