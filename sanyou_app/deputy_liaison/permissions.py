"""What a deputy with a login sees of the pairing work: their groups' pairings, activities and reports,
the activities they took part in, and the motions and suggestions they submitted.

Staff roles (人事代表工作委员会, 机关党委, 支部书记, 党小组长) are scoped by their DocPerms and the party
roles' User Permissions (Party Branch, Party Group). User Permissions let a record without a party
group through, so a motion or suggestion that came from no party group (a deputy's, registered by
the 人事代表工作委员会) is closed here to secretaries and group leaders. See docs/permissions.md.
"""

import frappe

DEPUTY_ROLE = "Congress Deputy"
STAFF_ROLES = {
	"Administrator",
	"System Manager",
	"Deputy Affairs Office",
	"Organ Party Committee Officer",
	"Branch Secretary",
	"Party Group Leader",
}


ORGAN_WIDE_ROLES = {
	"Administrator",
	"System Manager",
	"Deputy Affairs Office",
	"Organ Party Committee Officer",
}
BRANCH_ROLES = {"Branch Secretary", "Party Group Leader"}
NO_GROUP = "ifnull(`tabDeputy Suggestion`.party_group, '') != ''"


def branch_scoped(user: str) -> bool:
	"""A secretary or group leader with no organ-wide role."""
	roles = set(frappe.get_roles(user))
	return bool(roles & BRANCH_ROLES) and not roles & ORGAN_WIDE_ROLES


def deputy_only(user: str | None = None) -> bool:
	roles = set(frappe.get_roles(user or frappe.session.user))
	return DEPUTY_ROLE in roles and not roles & STAFF_ROLES


def own_deputies(user: str) -> list[str]:
	return frappe.get_all("Congress Deputy", filters={"user": user}, pluck="name")


def own_groups(user: str) -> list[str]:
	return [
		g
		for g in frappe.get_all(
			"Congress Deputy", filters={"user": user}, pluck="deputy_group", distinct=True
		)
		if g
	]


# doctypes a deputy reads only when listed in them: {doctype: its table of deputies}
DEPUTY_ROWS = {
	"Room Activity": "Room Activity Deputy",
	"Deputy Visit": "Deputy Visit Deputy",
	"Deputy Education Session": "Deputy Education Attendee",
}


def _in(values: list[str]) -> str:
	return "({})".format(", ".join(frappe.db.escape(v) for v in values)) if values else "('')"


def _pairings_sql(groups: list[str]) -> str:
	return (
		"select g.parent from `tabLiaison Pairing Group` g where g.parenttype = 'Liaison Pairing' "
		f"and g.deputy_group in {_in(groups)}"
	)


def conditions(doctype: str, user: str) -> str:
	groups, deputies = own_groups(user), own_deputies(user)
	table = f"`tab{doctype}`"
	if doctype == "Liaison Pairing":
		return f"{table}.name in ({_pairings_sql(groups)})"
	if doctype == "Research Report":
		return f"{table}.pairing in ({_pairings_sql(groups)})"
	if doctype == "Joint Activity":
		return (
			f"({table}.pairing in ({_pairings_sql(groups)}) or {table}.name in (select d.parent from "
			f"`tabJoint Activity Deputy` d where d.parenttype = 'Joint Activity' and d.deputy in {_in(deputies)}))"
		)
	if doctype == "Deputy Suggestion":
		return (
			f"{table}.name in (select d.parent from `tabDeputy Suggestion Deputy` d where "
			f"d.parenttype = 'Deputy Suggestion' and d.deputy in {_in(deputies)})"
		)
	if doctype in DEPUTY_ROWS:
		child = DEPUTY_ROWS[doctype]
		return (
			f"{table}.name in (select d.parent from `tab{child}` d where d.parenttype = '{doctype}' "
			f"and d.deputy in {_in(deputies)})"
		)
	return "1 = 0"


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	user = user or frappe.session.user
	if doctype == "Deputy Suggestion" and branch_scoped(user):
		return NO_GROUP
	if not deputy_only(user):
		return ""
	return conditions(doctype, user)


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	user = user or frappe.session.user
	if doc.doctype == "Deputy Suggestion" and branch_scoped(user):
		return bool(doc.party_group or (doc.is_new() and doc.research_report))
	if not deputy_only(user):
		return None
	if doc.is_new():
		return None
	sql = f"select 1 from `tab{doc.doctype}` where name = %s and {conditions(doc.doctype, user)}"
	return bool(frappe.db.sql(sql, doc.name))
