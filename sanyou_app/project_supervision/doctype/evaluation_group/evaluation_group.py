"""A cycle's evaluation group (评估小组): deputies and professionals who pre-evaluate the projects."""

import frappe
from frappe.model.document import Document

from sanyou_app.core.projects import MEMBER_DEPUTY, MEMBER_PROFESSIONAL
from sanyou_app.project_supervision.doctype.livelihood_project.livelihood_project import grant_role

EVALUATOR_ROLE = "Evaluator"


class EvaluationGroup(Document):
	def before_validate(self):
		self.town = frappe.db.get_value("Livelihood Cycle", self.cycle, "town")
		for row in self.members:
			if row.member_type == MEMBER_DEPUTY and row.deputy:
				row.member_name, deputy_user = frappe.db.get_value(
					"Congress Deputy", row.deputy, ["full_name", "user"]
				)
				row.user = row.user or deputy_user
		self.deputy_count = sum(1 for r in self.members if r.member_type == MEMBER_DEPUTY)
		self.professional_count = sum(1 for r in self.members if r.member_type == MEMBER_PROFESSIONAL)

	def validate(self):
		congress = frappe.db.get_value("Livelihood Cycle", self.cycle, "congress")
		for row in self.members:
			if row.member_type == MEMBER_DEPUTY:
				if (
					not row.deputy
					or frappe.db.get_value("Congress Deputy", row.deputy, "congress") != congress
				):
					frappe.throw(f"成员第{row.idx}行：请选择本届人大代表", title="无法保存")
			elif not (row.member_name and row.profession):
				frappe.throw(f"成员第{row.idx}行：专业人员请填写姓名和专业领域", title="无法保存")

	def on_update(self):
		for row in self.members:
			if row.user:
				grant_role(row.user, EVALUATOR_ROLE)


def members_of(cycle: str) -> set[str]:
	"""Logins of a cycle's evaluation group."""
	group = frappe.db.get_value("Evaluation Group", {"cycle": cycle}, "name")
	if not group:
		return set()
	return set(
		frappe.get_all(
			"Evaluation Group Member",
			filters={"parent": group, "parenttype": "Evaluation Group", "user": ("is", "set")},
			pluck="user",
		)
	)
