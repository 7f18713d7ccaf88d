import frappe
from frappe.model.document import Document

from sanyou_app.core.fields import clean_text


class OrganOffice(Document):
	def validate(self):
		self.office_name = clean_text(self.office_name)
		self.abbreviation = clean_text(self.abbreviation)
		if not self.office_name:
			frappe.throw("委室名称：必填", title="无法保存")
