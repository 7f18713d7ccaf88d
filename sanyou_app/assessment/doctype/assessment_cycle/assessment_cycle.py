import frappe
from frappe.model.document import Document
from frappe.utils import flt

from sanyou_app.assessment import cycle as cycles
from sanyou_app.common import background


class AssessmentCycle(Document):
	def before_validate(self):
		self.title = self.title or f"{self.year}年度“两争”考核"
		if self.is_new():
			cycles.copy_rulebook(self)

	def validate(self):
		self.check_templates()
		self.check_caps()

	def after_insert(self):
		"""The score sheets are made in the background: a committee of 2,000 members takes minutes."""
		background.queue(self, cycles.CREATE)

	def background_steps(self) -> dict:
		return cycles.steps()

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
			if flt(self.get(field)) < 0:  # the desk sends a field's default as text
				frappe.throw(f"{label}：不能为负数", title="无法保存")
		if flt(self.max_excellent_member_percent) > 100:
			frappe.throw("优秀共产党员比例：不能超过100%", title="无法保存")

	@frappe.whitelist()
	def aggregate(self) -> int:
		"""数据汇总: fill the computed criteria of every sheet not yet being scored."""
		self.check_permission("write")
		background.check_idle(self)
		return cycles.aggregate(self.name)

	@frappe.whitelist()
	def rank_and_propose(self) -> str:
		"""Rank the sheets and propose the titles within the caps."""
		self.check_permission("write")
		background.check_idle(self)
		return cycles.rank_and_propose(self)

	@frappe.whitelist()
	def publish(self) -> int:
		"""成果落实: publish every sheet approved for publication and the titles, in the background
		once the checks pass; the number of sheets it will publish."""
		self.check_permission("write")
		count = len(cycles.check_publishable(self))
		background.queue(self, cycles.PUBLISH)
		return count

	@frappe.whitelist()
	def retry_step(self) -> str:
		"""Run again the background step that did not finish (or whose job was lost)."""
		return background.retry(self)

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
		"""The assessors' workbook back, all rows or none: checked here (a refused workbook comes back
		at once with its error workbook), saved in the background."""
		from sanyou_app.assessment.excel import check_scores
		from sanyou_app.common.files import read_upload
		from sanyou_app.common.importing import save_error_file

		self.check_permission("read")
		frappe.only_for(("Assessment Assessor", "Organ Party Committee Officer", "System Manager"))
		background.check_idle(self)
		result, layout = check_scores(self.name, read_upload(file_url, "离线评分文件"))
		if not result.ok:
			url = save_error_file(self.doctype, self.name, None, result, layout)
			return {"queued": 0, "summary": result.summary(), "error_file": url}
		self.db_set("job_file", file_url, update_modified=False)
		background.queue(self, cycles.IMPORT)
		return {"queued": len(result.records), "summary": result.summary(), "error_file": None}
