import frappe
from frappe.model.document import Document

from sanyou_app.core.congress import session_title
from sanyou_app.core.cycle import check_cycle, cycle_name, default_report_title


class LivelihoodCycle(Document):
	def autoname(self):
		self.name = cycle_name(self.town or self._town(), self.year)

	def _town(self) -> str:
		return frappe.db.get_value("Congress", self.congress, "region")

	def validate(self):
		from sanyou_app.common.errors import throw_field_errors

		self.town = self._town()
		throw_field_errors(check_cycle(self.as_dict()))
		term_no = frappe.db.get_value("Congress", self.congress, "term_no")
		self.session_title = session_title(self.town, term_no, self.session_no) if self.session_no else ""
		if not self.report_title:
			self.report_title = default_report_title(self.year)
