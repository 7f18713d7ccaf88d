import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.party import ON_ROLL, appraisal_errors, branch_change_error, clean_member
from sanyou_app.party_building.access import sync_user
from sanyou_app.party_building.common import check_leaf_branch, plain, today


class PartyMember(Document):
	def validate(self):
		values, errors = clean_member(self.as_dict(), today=today())
		before = self.get_doc_before_save()
		errors += branch_change_error(
			before.party_branch if before else None,
			self.party_branch,
			by_transfer=bool(self.flags.from_transfer),
		)
		errors += appraisal_errors([row.as_dict() for row in self.appraisals])
		throw_field_errors(errors)
		self.update(plain(values))
		check_leaf_branch(self.party_branch)
		self.validate_group()
		self.validate_user()

	def validate_group(self):
		if self.party_group:
			group_branch = frappe.db.get_value("Party Group", self.party_group, "party_branch")
			if group_branch != self.party_branch:
				frappe.throw(f"党小组：“{self.party_group}”不属于{self.party_branch}", title="无法保存")

	def validate_user(self):
		if self.user and frappe.db.exists(
			"Party Member", {"user": self.user, "status": ON_ROLL, "name": ("!=", self.name)}
		):
			frappe.throw(f"用户：{self.user}已关联另一名在册党员", title="无法保存")

	def on_update(self):
		before = self.get_doc_before_save()
		if before and before.user and before.user != self.user:
			sync_user(before.user)
		sync_user(self.user)

	def after_delete(self):
		sync_user(self.user)
