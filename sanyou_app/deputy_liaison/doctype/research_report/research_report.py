import frappe
from frappe.model.document import Document
from frappe.model.mapper import get_mapped_doc

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.fields import clean_text
from sanyou_app.core.liaison import SUGGESTION_KINDS, is_converted, report_errors, suggestion_title
from sanyou_app.deputy_liaison.doctype.liaison_pairing.liaison_pairing import pairing_topics


class ResearchReport(Document):
	"""A research report (调研报告) drawn from joint activities, and what it was converted into."""

	def before_validate(self):
		self.title = clean_text(self.title)
		self.topic = clean_text(self.topic)
		self.suggestion_count = suggestions_of(self.name) if not self.is_new() else 0
		self.converted = int(is_converted(self.conversion, self.measure, self.suggestion_count))

	def validate(self):
		activities = [r.joint_activity for r in self.activities]
		activity_pairings = dict(
			frappe.get_all(
				"Joint Activity",
				filters={"name": ("in", activities)},
				fields=["name", "pairing"],
				as_list=True,
			)
		)
		data = {**self.as_dict(), "activities": activities}
		throw_field_errors(
			report_errors(data, topics=pairing_topics(self.pairing), activity_pairings=activity_pairings)
		)
		self.validate_conversion_kept()

	def validate_conversion_kept(self):
		if self.suggestion_count and self.conversion not in SUGGESTION_KINDS:
			frappe.throw("转化方式：本报告已转化为代表议案或建议，不能改为其他方式", title="无法保存")


def suggestions_of(report: str) -> int:
	return frappe.db.count("Deputy Suggestion", {"research_report": report})


def refresh_conversion(report: str) -> None:
	"""Called when a motion or suggestion made of the report is saved or deleted."""
	conversion, measure = frappe.db.get_value("Research Report", report, ["conversion", "measure"])
	count = suggestions_of(report)
	frappe.db.set_value(
		"Research Report",
		report,
		{"suggestion_count": count, "converted": int(is_converted(conversion, measure, count))},
		update_modified=False,
	)


@frappe.whitelist()
def make_suggestion(source_name: str, target_doc=None):
	"""A new 代表议案/建议 made of the report: its title, the deputies of its activities."""
	report = frappe.get_doc("Research Report", source_name)
	report.check_permission("read")

	def postprocess(source, target):
		target.kind = source.conversion if source.conversion in SUGGESTION_KINDS else "代表建议"
		target.title = suggestion_title(source.title, target.kind)  # its own title, not the report's
		deputies = frappe.get_all(
			"Joint Activity Deputy",
			filters={
				"parenttype": "Joint Activity",
				"parent": ("in", [r.joint_activity for r in source.activities]),
			},
			pluck="deputy",
			distinct=True,
		)
		for deputy in deputies:
			target.append("deputies", {"deputy": deputy})

	return get_mapped_doc(
		"Research Report",
		source_name,
		{
			"Research Report": {
				"doctype": "Deputy Suggestion",
				"field_map": {"name": "research_report", "summary": "content"},
				"field_no_map": ["outcome", "year", "title"],
			}
		},
		target_doc,
		postprocess,
	)
