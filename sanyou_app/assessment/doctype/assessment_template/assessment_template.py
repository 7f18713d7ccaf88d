from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.assessment import MEMBER, points, template_errors


class AssessmentTemplate(Document):
	def before_validate(self):
		self.total_score = float(points(sum(h.max_score or 0 for h in self.headings)))

	def validate(self):
		self.check_rulebook()

	def check_rulebook(self):
		weights = (
			(self.self_weight, self.group_weight, self.branch_weight)
			if self.assessee_kind == MEMBER
			else None
		)
		errors = template_errors(
			self.assessee_kind,
			[h.as_dict() for h in self.headings],
			[c.as_dict() for c in self.criteria],
			weights=weights,
			bonus_cap=self.bonus_cap,
		)
		throw_field_errors(errors, title="考核实施细则有误")
