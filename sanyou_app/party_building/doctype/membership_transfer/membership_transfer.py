import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.fields import clean_text
from sanyou_app.core.party import TRANSFER_IN, TRANSFER_WITHIN, transfer_effect, transfer_errors
from sanyou_app.party_building.access import member_facts, sync_member
from sanyou_app.party_building.common import leaf_branches, today

MEMBER_FIELDS = ("gender", "birth_date", "joined_on", "member_type", "office", "phone")


def dues_paid_through(member: str) -> str:
	row = frappe.get_all(
		"Party Dues",
		filters={"member": member, "status": "已缴"},
		fields=["year", "month"],
		order_by="year desc, month desc",
		limit=1,
	)
	return f"{row[0].year}年{row[0].month}月" if row else "无缴纳记录"


class MembershipTransfer(Document):
	def validate(self):
		self.other_organisation = clean_text(self.other_organisation)
		if self.direction == TRANSFER_IN:
			self.member = self.member if self.docstatus == 1 else None
		else:
			for field in MEMBER_FIELDS:
				self.set(field, None)
			if self.member:
				self.full_name = frappe.db.get_value("Party Member", self.member, "full_name")
		if self.direction != TRANSFER_WITHIN:
			self.to_branch = None
		if self.docstatus == 0 or self.is_new():
			self.check()
		if self.member and self.direction != TRANSFER_IN:
			self.dues_paid_through = dues_paid_through(self.member)

	def check(self):
		facts = member_facts(self.member) if self.direction != TRANSFER_IN else None
		open_transfers = 0
		if self.member:
			open_transfers = frappe.db.count(
				"Membership Transfer",
				{"member": self.member, "docstatus": 0, "name": ("!=", self.name or "")},
			)
		throw_field_errors(
			transfer_errors(
				self.as_dict(),
				member=facts,
				open_transfers=open_transfers,
				leaf_branches=leaf_branches(),
				today=today(),
			)
		)

	def before_submit(self):
		self.check()
		self.completed_on = today()

	def on_submit(self):
		"""The member's record changes only now, when the transfer completes."""
		facts = member_facts(self.member)
		effect = transfer_effect(self.as_dict(), facts)
		if self.direction == TRANSFER_IN:
			member = frappe.get_doc({"doctype": "Party Member", **effect})
			member.flags.from_transfer = True
			member.insert(ignore_permissions=True)
			self.db_set("member", member.name)
			return
		member = frappe.get_doc("Party Member", self.member)
		member.update(effect)
		member.flags.from_transfer = True
		member.save(ignore_permissions=True)
		self.end_terms()
		sync_member(self.member)

	def end_terms(self):
		"""Posts held in the branch the member leaves end with the transfer."""
		from sanyou_app.party_building.doctype.party_officer_term.party_officer_term import refresh_officers

		for name in frappe.get_all(
			"Party Officer Term",
			filters={"member": self.member, "party_branch": self.party_branch, "end_date": ("is", "not set")},
			pluck="name",
		):
			frappe.db.set_value("Party Officer Term", name, "end_date", self.completed_on)
		refresh_officers(self.party_branch)

	def on_cancel(self):
		frappe.throw("已办结的组织关系转接不能撤销；如需转回，请办理一次反向转接", title="无法撤销")
