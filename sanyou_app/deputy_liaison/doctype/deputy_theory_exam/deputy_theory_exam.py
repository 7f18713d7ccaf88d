import frappe
from frappe.model.document import Document

from sanyou_app.core.deputy_work import exam_score


class DeputyTheoryExam(Document):
	"""The yearly theory exam of a congress's deputies (每年1次理论考核), scores entered or imported."""

	def validate(self):
		if frappe.db.exists(
			"Deputy Theory Exam",
			{"congress": self.congress, "year": self.year, "name": ("!=", self.name or "")},
		):
			frappe.throw(f"年度：本届人民代表大会{self.year}年已有理论考核", title="无法保存")
		seen = set()
		for row in self.scores:
			if row.deputy in seen:
				frappe.throw(f"成绩第{row.idx}行：该代表重复", title="无法保存")
			seen.add(row.deputy)
			if row.absent:
				row.score = None
				continue
			try:
				exam_score(row.score, self.full_marks)
			except ValueError as e:
				frappe.throw(f"成绩第{row.idx}行：{e}", title="无法保存")
