import frappe
from frappe.model.document import Document


class LivelihoodImport(Document):
	def validate(self):
		if self.import_file and not self.import_file.lower().endswith(".xlsx"):
			frappe.throw("请上传 .xlsx 格式的 Excel 文件（可先下载导入模板）", title="文件格式不对")
		if self.import_type == "民生实事项目":
			self.congress = None
		else:
			self.cycle = None
