import frappe
from frappe.model.document import Document

from sanyou_app.assessment import cycle as cycles


class AssessmentCycle(Document):
	def before_validate(self):
		self.title = self.title or f"{self.year}年度“两争”考核"
		if self.is_new():
			cycles.copy_rulebook(self)

	def validate(self):
		self.check_templates()
		self.check_caps()

	def after_insert(self):
		self.db_set("sheet_count", cycles.create_sheets(self), update_modified=False)

	def check_templates(self):
		if not any(self.get(f"{k}_template") for k in ("branch", "group", "member")):
			frappe.throw("考核实施细则：至少选择一种考核对象的细则", title="无法保存")
		if not self.year or not 2000 <= int(self.year) <= 2100:
			frappe.throw("年度：应为四位年份", title="无法保存")

	def check_caps(self):
		for field, label in (
			("max_advanced_branches", "先进党支部名额"),
			("max_advanced_groups", "先进党小组名额"),
			("max_excellent_member_percent", "优秀共产党员比例"),
		):
			if (self.get(field) or 0) < 0:
				frappe.throw(f"{label}：不能为负数", title="无法保存")
		if (self.max_excellent_member_percent or 0) > 100:
			frappe.throw("优秀共产党员比例：不能超过100%", title="无法保存")

	@frappe.whitelist()
	def aggregate(self) -> int:
		"""数据汇总: fill the computed criteria of every sheet not yet being scored."""
		self.check_permission("write")
		return cycles.aggregate(self.name)

	@frappe.whitelist()
	def rank_and_propose(self) -> str:
		"""Rank the sheets and propose the titles within the caps."""
		self.check_permission("write")
		return cycles.rank_and_propose(self)

	@frappe.whitelist()
	def publish(self) -> int:
		"""成果落实: publish every sheet approved for publication and the titles."""
		self.check_permission("write")
		return cycles.publish(self)

	@frappe.whitelist()
	def export_scores(self) -> str:
		"""The hand-scored criteria of the sheets at 赋分评价, as a workbook to score offline."""
		from sanyou_app.assessment.excel import export_scores

		self.check_permission("read")
		frappe.only_for(("Assessment Assessor", "Organ Party Committee Officer", "System Manager"))
		saved = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{self.name}-考核评分.xlsx",
				"attached_to_doctype": self.doctype,
				"attached_to_name": self.name,
				"is_private": 1,
				"content": export_scores(self.name),
			}
		).insert(ignore_permissions=True)
		return saved.file_url

	@frappe.whitelist()
	def import_scores(self, file_url: str) -> dict:
		"""The assessors' workbook back: all rows or none, with an error workbook."""
		from sanyou_app.assessment.excel import import_scores

		frappe.only_for(("Assessment Assessor", "Organ Party Committee Officer", "System Manager"))
		content = frappe.get_doc("File", {"file_url": file_url}).get_content()
		count, summary, error_file = import_scores(self.name, content)
		return {"imported": count, "summary": summary, "error_file": error_file}
