import frappe
from frappe.model.document import Document

from sanyou_app.core.fields import clean_text


class DeputyGroup(Document):
	def validate(self):
		self.group_name = clean_text(self.group_name)
		if frappe.db.exists(
			"Deputy Group",
			{"congress": self.congress, "group_name": self.group_name, "name": ("!=", self.name)},
		):
			frappe.throw(f"本届已有名为“{self.group_name}”的代表小组", title="无法保存")
		if self.leader and frappe.db.get_value("Congress Deputy", self.leader, "congress") != self.congress:
			frappe.throw("组长须是本届人大代表", title="无法保存")
