import frappe
from frappe.model.document import Document
from frappe.utils import cint

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.education import quarterly_test_errors
from sanyou_app.party_building.common import today


class QuarterlyTest(Document):
	def validate(self):
		data = {**self.as_dict(), "quarter": cint(self.quarter)}
		throw_field_errors(quarterly_test_errors(data, today=today()))
		if self.score_file and not self.score_file.lower().endswith(".xlsx"):
			frappe.throw(
				"成绩文件(.xlsx)：请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）", title="文件格式不对"
			)
		before = self.get_doc_before_save()
		if before and before.score_file != self.score_file and self.score_file:
			self.import_status = "待导入"
		if (
			before
			and before.full_marks != self.full_marks
			and frappe.db.exists("Quarterly Test Score", {"test": self.name, "score": (">", self.full_marks)})
		):
			frappe.throw("满分：已有成绩高于新的满分", title="无法保存")

	def refresh_stats(self):
		rows = frappe.get_all("Quarterly Test Score", filters={"test": self.name}, fields=["score", "absent"])
		scores = [r.score for r in rows if not r.absent]
		self.db_set(
			{
				"scored_count": len(rows),
				"average_score": round(sum(scores) / len(scores), 1) if scores else 0,
			},
			update_modified=False,
		)
