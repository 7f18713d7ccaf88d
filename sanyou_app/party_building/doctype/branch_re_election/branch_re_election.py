import datetime as dt

import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.party import NewOfficer, next_election_due, reelection_errors, reelection_plan
from sanyou_app.party_building.access import sync_member
from sanyou_app.party_building.common import (
	branch_groups,
	branch_members,
	check_leaf_branch,
	member_names,
	today,
)
from sanyou_app.party_building.doctype.party_officer_term.party_officer_term import as_term, refresh_officers

TERM_FIELDS = ["name", "member", "position", "party_branch", "party_group", "start_date", "end_date"]


class BranchReelection(Document):
	def validate(self):
		check_leaf_branch(self.party_branch)
		officers = self.new_officers()
		election_date = getdate(self.election_date) if self.election_date else None
		errors = reelection_errors(
			officers,
			branch_members=branch_members(self.party_branch),
			branch_groups=branch_groups(self.party_branch),
			members_on_roll=self.members_on_roll,
			members_present=self.members_present,
			election_date=election_date,
			today=today(),
			names=member_names(o.member for o in officers),
		)
		throw_field_errors(errors)
		self.term_end = next_election_due(election_date, self.term_years)
		later = frappe.db.exists(
			"Party Officer Term", {"party_branch": self.party_branch, "start_date": (">", self.election_date)}
		)
		if later:
			frappe.throw("换届日期：本支部已有晚于该日期开始的任期，请核对换届日期", title="无法保存")

	def new_officers(self) -> list[NewOfficer]:
		return [NewOfficer(r.member, r.position, r.party_group or None) for r in self.officers]

	def on_submit(self):
		election_date = getdate(self.election_date)
		current = [
			as_term(r)
			for r in frappe.get_all(
				"Party Officer Term", filters={"party_branch": self.party_branch}, fields=TERM_FIELDS
			)
		]
		plan = reelection_plan(
			current, self.new_officers(), branch=self.party_branch, election_date=election_date
		)
		affected = set()
		for term in plan.close:
			frappe.db.set_value(
				"Party Officer Term",
				term.name,
				{"end_date": election_date - dt.timedelta(days=1), "closed_by": self.name},
			)
			affected.add(term.member)
		for term in plan.open:
			frappe.get_doc(
				{
					"doctype": "Party Officer Term",
					"member": term.member,
					"position": term.position,
					"party_branch": term.branch,
					"party_group": term.group,
					"start_date": term.start,
					"opened_by": self.name,
				}
			).insert(ignore_permissions=True)
			affected.add(term.member)
		frappe.db.set_value(
			"Party Branch",
			self.party_branch,
			{"last_election_on": election_date, "next_election_due": self.term_end},
			update_modified=False,
		)
		refresh_officers(self.party_branch)
		for member in affected:
			sync_member(member)

	def on_cancel(self):
		later = frappe.db.exists(
			"Branch Re-election",
			{
				"party_branch": self.party_branch,
				"docstatus": 1,
				"election_date": (">", self.election_date),
				"name": ("!=", self.name),
			},
		)
		if later:
			frappe.throw("本支部已有更晚的换届记录，不能撤销本次换届", title="无法撤销")
		affected = set()
		for name, member in frappe.get_all(
			"Party Officer Term", filters={"opened_by": self.name}, fields=["name", "member"], as_list=True
		):
			frappe.delete_doc("Party Officer Term", name, ignore_permissions=True, force=True)
			affected.add(member)
		for name, member in frappe.get_all(
			"Party Officer Term", filters={"closed_by": self.name}, fields=["name", "member"], as_list=True
		):
			frappe.db.set_value("Party Officer Term", name, {"end_date": None, "closed_by": None})
			affected.add(member)
		previous = frappe.get_all(
			"Branch Re-election",
			filters={"party_branch": self.party_branch, "docstatus": 1, "name": ("!=", self.name)},
			fields=["election_date", "term_end"],
			order_by="election_date desc",
			limit=1,
		)
		frappe.db.set_value(
			"Party Branch",
			self.party_branch,
			{
				"last_election_on": previous[0].election_date if previous else None,
				"next_election_due": previous[0].term_end if previous else None,
			},
			update_modified=False,
		)
		refresh_officers(self.party_branch)
		for member in affected:
			sync_member(member)
