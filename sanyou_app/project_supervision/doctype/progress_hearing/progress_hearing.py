"""The presidium hears the government's report on the projects' progress (主席团听取进展情况汇报)."""

import frappe
from frappe.model.document import Document

from sanyou_app.project_supervision.doctype.project_inspection.project_inspection import (
	check_projects_of_cycle,
)


class ProgressHearing(Document):
	def before_validate(self):
		self.town = frappe.db.get_value("Livelihood Cycle", self.cycle, "town")
		for row in self.projects:
			if row.progress_reported is None or row.progress_reported == "":
				row.progress_reported = frappe.db.get_value("Livelihood Project", row.project, "progress")

	def validate(self):
		check_projects_of_cycle(self.cycle, self.projects, "汇报项目")
