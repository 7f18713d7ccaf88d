"""A year-end pre-evaluation form (项目预评估表): one evaluator's scores on the cycle's criteria."""

import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core import projects as rules
from sanyou_app.project_supervision.doctype.evaluation_group.evaluation_group import members_of
from sanyou_app.project_supervision.permissions import is_manager


class Preevaluation(Document):
	def before_validate(self):
		project = frappe.db.get_value("Livelihood Project", self.project, ["cycle", "town"], as_dict=True)
		self.cycle, self.town = project.cycle, project.town
		if self.is_new() and not self.evaluator and not is_manager():
			self.evaluator = frappe.session.user  # the office may enter a form for a professional
		if not self.evaluator_name and self.evaluator:
			self.evaluator_name = frappe.db.get_value("User", self.evaluator, "full_name")
		criteria = frappe.get_all(  # the criteria are the cycle's: rows are set from them, keeping scores
			"Cycle Evaluation Criterion",
			filters={"parent": self.cycle, "parenttype": "Livelihood Cycle"},
			fields=["criterion", "max_score"],
			order_by="idx asc",
		)
		self.set("scores", rules.score_rows(criteria, [r.as_dict() for r in self.scores]))

	def validate(self):
		if not self.scores:
			frappe.throw("本年度尚未设定预评估指标，请先在民生实事项目年度中填写", title="无法保存")
		self.total_score, errors = rules.evaluation_score([r.as_dict() for r in self.scores])
		throw_field_errors(errors)
		if not is_manager() and self.evaluator not in members_of(self.cycle):
			frappe.throw("只有本年度评估小组成员可以填写预评估表", frappe.PermissionError)
		if not self.evaluator_name:
			frappe.throw("评估人姓名：必填", title="无法保存")
		if frappe.db.exists(
			"Pre-evaluation",
			{"project": self.project, "evaluator_name": self.evaluator_name, "name": ("!=", self.name)},
		):
			frappe.throw(f"{self.evaluator_name}已填写过该项目的预评估表", title="无法保存")
