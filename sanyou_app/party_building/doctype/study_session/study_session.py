import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.common.naming import dated
from sanyou_app.core.education import study_errors
from sanyou_app.party_building.common import branch_members, check_leaf_branch, member_names, today


class StudySession(Document):
	def autoname(self):
		if self.session_date and self.topic:
			self.name = dated(self, "session_date")

	def validate(self):
		check_leaf_branch(self.party_branch)
		if self.party_branch:
			eligible = set(branch_members(self.party_branch))
		else:
			eligible = set(frappe.get_all("Party Member", filters={"status": "在册"}, pluck="name"))
		before = self.get_doc_before_save()
		if before:
			eligible |= {row.member for row in before.attendees}
		attendees = [row.member for row in self.attendees]
		throw_field_errors(
			study_errors(
				self.as_dict(), attendees, eligible=eligible, today=today(), names=member_names(attendees)
			)
		)
		self.attendee_count = len(attendees)
