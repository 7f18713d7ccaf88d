import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.tasks import task_errors
from sanyou_app.party_building.common import today


class PartyTask(Document):
	def validate(self):
		checklist = frappe.db.get_value(
			"Party Task Checklist", self.checklist, ["party_branch", "year"], as_dict=True
		)
		if not checklist:
			frappe.throw("党建任务清单：必填", title="无法保存")
		self.party_branch, self.year = checklist.party_branch, checklist.year
		values, errors = task_errors(self.as_dict(), year=self.year, today=today())
		throw_field_errors(errors)
		self.update(values)
		before = self.get_doc_before_save()
		if not before or before.responsible != self.responsible:
			if frappe.db.get_value("Party Member", self.responsible, "party_branch") != self.party_branch:
				frappe.throw("责任人：应为本支部党员", title="无法保存")

	def on_update(self):
		frappe.get_doc("Party Task Checklist", self.checklist).refresh_counts()

	def after_delete(self):
		if frappe.db.exists("Party Task Checklist", self.checklist):
			frappe.get_doc("Party Task Checklist", self.checklist).refresh_counts()
