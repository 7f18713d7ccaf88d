"""A liaison deputy's supervision visit (联系代表监督记录): what was seen, problems, photos."""

import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.project_supervision.permissions import own_deputy


class SupervisionLog(Document):
	def before_validate(self):
		if self.is_new() and not self.deputy:
			self.deputy = own_deputy(frappe.session.user, self.project)
		self.town = frappe.db.get_value("Livelihood Project", self.project, "town")
		if self.deputy:
			self.deputy_name, self.user = frappe.db.get_value(
				"Congress Deputy", self.deputy, ["full_name", "user"]
			)

	def validate(self):
		self.check_liaison()
		if self.visit_date and getdate(self.visit_date) > getdate():
			frappe.throw("走访日期：不能晚于今天", title="无法保存")

	def check_liaison(self):
		if not frappe.db.exists(
			"Project Liaison Deputy",
			{"parent": self.project, "parenttype": "Livelihood Project", "deputy": self.deputy},
		):
			frappe.throw("代表：应为该项目的联系代表", title="无法保存")
