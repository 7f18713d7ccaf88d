import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.party import GROUP_LEADER, SECRETARY, Term, term_errors
from sanyou_app.party_building.access import sync_member
from sanyou_app.party_building.common import today


def as_term(row) -> Term:
	return Term(
		member=row.member,
		position=row.position,
		branch=row.party_branch,
		group=row.party_group or None,
		start=getdate(row.start_date) if row.start_date else None,
		end=getdate(row.end_date) if row.end_date else None,
		name=row.name,
	)


def seat_terms(term: Term) -> list[Term]:
	filters = {"position": term.position}
	if term.position == GROUP_LEADER:
		filters["party_group"] = term.group
	else:
		filters["party_branch"] = term.branch
	rows = frappe.get_all(
		"Party Officer Term",
		filters=filters,
		fields=["name", "member", "position", "party_branch", "party_group", "start_date", "end_date"],
	)
	return [as_term(r) for r in rows]


def refresh_officers(branch: str | None, group: str | None = None) -> None:
	"""Show the current secretary on the branch and the current leader on each group."""
	day = today()
	if branch:
		holders = [
			t
			for t in seat_terms(Term("", SECRETARY, branch))
			if t.held_on(day)  # one at most: terms of a seat never overlap
		]
		frappe.db.set_value(
			"Party Branch", branch, "secretary", holders[0].member if holders else None, update_modified=False
		)
		groups = frappe.get_all("Party Group", filters={"party_branch": branch}, pluck="name")
	else:
		groups = []
	for g in {*groups, *([group] if group else [])}:
		holders = [t for t in seat_terms(Term("", GROUP_LEADER, branch or "", group=g)) if t.held_on(day)]
		frappe.db.set_value(
			"Party Group", g, "leader", holders[0].member if holders else None, update_modified=False
		)


class PartyOfficerTerm(Document):
	def validate(self):
		if self.position != GROUP_LEADER:
			self.party_group = None
		before = self.get_doc_before_save()
		if not before or before.member != self.member or before.party_branch != self.party_branch:
			member_branch = frappe.db.get_value("Party Member", self.member, "party_branch")
			if member_branch != self.party_branch:
				frappe.throw("党员：任职人须是本支部党员", title="无法保存")
		group_branch = (
			frappe.db.get_value("Party Group", self.party_group, "party_branch") if self.party_group else None
		)
		term = as_term(self)
		throw_field_errors(term_errors(term, seat_terms(term), group_branch=group_branch))

	def on_update(self):
		refresh_officers(self.party_branch, self.party_group)
		sync_member(self.member)
		before = self.get_doc_before_save()
		if before and before.member != self.member:
			sync_member(before.member)

	def after_delete(self):
		refresh_officers(self.party_branch, self.party_group)
		sync_member(self.member)
