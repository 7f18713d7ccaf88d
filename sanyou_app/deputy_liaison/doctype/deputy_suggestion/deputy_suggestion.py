import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.fields import clean_text
from sanyou_app.core.liaison import (
	REPLIED,
	SATISFIED,
	SUBMITTED,
	UNSATISFIED,
	reply_due,
	suggestion_errors,
)
from sanyou_app.deputy_liaison.doctype.research_report.research_report import refresh_conversion


class DeputySuggestion(Document):
	"""A deputy's motion or suggestion (代表议案/建议), handled through 已提交 → 已办复 → 代表满意/不满意;
	an unsatisfactory reply goes back for another handling."""

	def before_validate(self):
		for field in ("number", "title", "handling_unit"):
			self.set(field, clean_text(self.get(field)))
		if self.submitted_on:
			self.year = getdate(self.submitted_on).year
			if not self.reply_due:
				self.reply_due = reply_due(getdate(self.submitted_on))
		self.handling_round = self.handling_round or 1
		self.follow_the_workflow()

	def follow_the_workflow(self):
		before = self.get_doc_before_save()
		old, new = (before.workflow_state if before else None), self.workflow_state
		if old == new:
			return
		if old == REPLIED and new in (SATISFIED, UNSATISFIED):
			self.check_rater()
			self.satisfaction = new
			self.append(
				"handlings",
				{
					"handling_round": self.handling_round,
					"reply": self.reply,
					"replied_on": self.replied_on,
					"satisfaction": new,
				},
			)
		elif old == UNSATISFIED and new == SUBMITTED:
			self.handling_round += 1
			self.reply = self.replied_on = self.satisfaction = None
			self.reply_due = reply_due(getdate())

	def check_rater(self):
		"""The satisfaction is the deputies' word: only a deputy who submitted it rates the reply."""
		user = frappe.session.user
		if user == "Administrator":
			return
		deputies = [d.deputy for d in self.deputies]
		if not frappe.db.exists("Congress Deputy", {"name": ("in", deputies), "user": user}):
			frappe.throw("只有提出本件议案/建议的代表可以评价办复结果", frappe.PermissionError)

	def validate(self):
		data = {**self.as_dict(), "deputies": [d.deputy for d in self.deputies]}
		throw_field_errors(suggestion_errors(data, today=getdate()))
		if self.research_report:
			conversion = frappe.db.get_value("Research Report", self.research_report, "conversion")
			if conversion and conversion != self.kind:
				frappe.throw(f"类别：调研报告的转化方式为“{conversion}”", title="无法保存")

	def on_update(self):
		before = self.get_doc_before_save()
		if self.research_report and not frappe.db.get_value(
			"Research Report", self.research_report, "conversion"
		):
			frappe.db.set_value(
				"Research Report", self.research_report, "conversion", self.kind, update_modified=False
			)
		for report in {self.research_report, before and before.research_report} - {None, ""}:
			refresh_conversion(report)
		if self.room_activity:
			frappe.db.set_value(
				"Room Activity", self.room_activity, "suggestion", self.name, update_modified=False
			)

	def on_trash(self):
		self.flags.report = self.research_report

	def after_delete(self):
		if self.flags.report:
			refresh_conversion(self.flags.report)
