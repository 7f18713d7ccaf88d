import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.education import score_errors
from sanyou_app.party_building.common import copy_scope_from_member, plain


class QuarterlyTestScore(Document):
	def validate(self):
		copy_scope_from_member(self)
		full_marks = frappe.db.get_value("Quarterly Test", self.test, "full_marks") or 100
		values, errors = score_errors(
			{"score": self.score if (self.score or not self.absent) else None, "absent": self.absent},
			full_marks=full_marks,
		)
		throw_field_errors(errors)
		self.update(plain(values))
		if frappe.db.exists(
			"Quarterly Test Score", {"test": self.test, "member": self.member, "name": ("!=", self.name)}
		):
			frappe.throw(f"党员：{self.full_name}在{self.test}中已有成绩", title="无法保存")

	def on_update(self):
		if not self.flags.in_import:
			frappe.get_doc("Quarterly Test", self.test).refresh_stats()

	def after_delete(self):
		frappe.get_doc("Quarterly Test", self.test).refresh_stats()
