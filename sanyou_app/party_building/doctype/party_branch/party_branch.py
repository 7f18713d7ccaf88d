import frappe
from frappe.utils.nestedset import NestedSet

from sanyou_app.core.fields import clean_text
from sanyou_app.core.party import branch_order


class PartyBranch(NestedSet):
	nsm_parent_field = "parent_party_branch"

	def before_validate(self):
		# branches list 第一、第二、第三… by default; an administrator may set another order
		if not self.display_order:
			self.display_order = branch_order(self.branch_name) or 0

	def validate(self):
		self.branch_name = clean_text(self.branch_name)
		if not self.parent_party_branch and not self.is_group:
			frappe.throw(
				"上级党组织：党支部须隶属于机关党委（只有机关党委本身不填上级党组织）", title="无法保存"
			)
		if self.parent_party_branch and not frappe.db.get_value(
			"Party Branch", self.parent_party_branch, "is_group"
		):
			frappe.throw("上级党组织：所选组织不是上级党组织（党支部下不能再设党支部）", title="无法保存")
		offices = [row.office for row in self.offices]
		duplicates = sorted({o for o in offices if offices.count(o) > 1})
		if duplicates:
			frappe.throw(f"所属委室：{'、'.join(duplicates)}重复", title="无法保存")
		if (
			self.is_group
			and not self.is_new()
			and frappe.db.exists("Party Member", {"party_branch": self.name})
		):
			frappe.throw("是否上级党组织：本支部已有党员，不能改为上级党组织", title="无法保存")
		if self.term_years is not None and not (1 <= (self.term_years or 0) <= 5):
			frappe.throw("任期(年)：应在1到5年之间", title="无法保存")
