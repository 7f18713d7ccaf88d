import frappe
from frappe.model.document import Document

from sanyou_app.core.fields import clean_text
from sanyou_app.party_building.common import check_leaf_branch


class PartyGroup(Document):
	def validate(self):
		self.group_name = clean_text(self.group_name)
		check_leaf_branch(self.party_branch)
		before = self.get_doc_before_save()
		if (
			before
			and before.party_branch != self.party_branch
			and frappe.db.exists("Party Member", {"party_group": self.name, "status": "在册"})
		):
			frappe.throw("党支部：本党小组已有党员，不能改到其他党支部", title="无法保存")
