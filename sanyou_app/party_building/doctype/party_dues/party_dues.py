import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.dues import clean_dues
from sanyou_app.core.naming import dues_name
from sanyou_app.party_building.common import copy_scope_from_member, plain, today


class PartyDues(Document):
	def autoname(self):
		if self.member and self.year and self.month:
			self.name = dues_name(self.member, self.year, self.month)

	def validate(self):
		copy_scope_from_member(self)
		values, errors = clean_dues(self.as_dict(), today=today())
		throw_field_errors(errors)
		self.update(plain(values))
		if frappe.db.exists(
			"Party Dues",
			{"member": self.member, "year": self.year, "month": self.month, "name": ("!=", self.name)},
		):
			frappe.throw(
				f"月份：{self.full_name}{self.year}年{self.month}月的党费记录已存在", title="无法保存"
			)
		if not self.ledger:
			self.ledger = frappe.db.get_value(
				"Party Dues Ledger", {"party_branch": self.party_branch, "year": self.year}, "name"
			)

	def on_update(self):
		self.refresh_ledger()

	def after_delete(self):
		self.refresh_ledger()

	def refresh_ledger(self):
		if self.ledger and not self.flags.in_generation:
			frappe.get_doc("Party Dues Ledger", self.ledger).refresh_summary()
