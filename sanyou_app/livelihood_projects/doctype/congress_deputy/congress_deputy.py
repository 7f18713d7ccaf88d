import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.congress import clean_deputy
from sanyou_app.livelihood_projects.doctype.congress.congress import refresh_deputies_count


class CongressDeputy(Document):
	def validate(self):
		values, errors = clean_deputy(self.as_dict())
		throw_field_errors(errors)
		values.pop("deputy_group", None)  # a Link: checked by Frappe and below
		self.update(values)
		self.validate_group()
		self.validate_user()

	def validate_group(self):
		if self.deputy_group:
			group_congress = frappe.db.get_value("Deputy Group", self.deputy_group, "congress")
			if group_congress != self.congress:
				frappe.throw("代表小组不属于该代表所在的人民代表大会", title="无法保存")

	def validate_user(self):
		if self.user and frappe.db.exists(
			"Congress Deputy", {"user": self.user, "congress": self.congress, "name": ("!=", self.name)}
		):
			frappe.throw(f"用户 {self.user} 已关联本届另一位代表", title="无法保存")

	def on_update(self):
		refresh_deputies_count(self.congress)

	def after_delete(self):
		refresh_deputies_count(self.congress)
