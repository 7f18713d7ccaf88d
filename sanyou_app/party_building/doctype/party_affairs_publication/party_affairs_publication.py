import frappe
from frappe.model.document import Document

from sanyou_app.core.fields import clean_text
from sanyou_app.party_building.common import check_leaf_branch


class PartyAffairsPublication(Document):
	def validate(self):
		self.title = clean_text(self.title)
		if not self.title:
			frappe.throw("标题：必填", title="无法保存")
		if len(self.title) > 100:
			frappe.throw("标题：不能超过100个字", title="无法保存")
		check_leaf_branch(self.party_branch)
		if not clean_text(self.body):
			frappe.throw("公开内容：必填", title="无法保存")
