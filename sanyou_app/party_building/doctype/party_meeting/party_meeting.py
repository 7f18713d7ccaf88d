from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.common.naming import dated
from sanyou_app.core.meetings import GROUP_MEETING, attendance_counts, meeting_errors, percent
from sanyou_app.party_building.common import (
	branch_groups,
	branch_members,
	check_leaf_branch,
	member_names,
	today,
)


class PartyMeeting(Document):
	def autoname(self):
		# named as people say it: the date and the topic
		if self.meeting_date and self.topic:
			self.name = dated(self, "meeting_date")

	def validate(self):
		check_leaf_branch(self.party_branch)
		if self.meeting_type != GROUP_MEETING and not self.party_group:
			self.party_group = None
		group = self.party_group if self.meeting_type == GROUP_MEETING else None
		branch_people = set(branch_members(self.party_branch)) if self.party_branch else set()
		eligible = set(branch_members(self.party_branch, group)) if group else set(branch_people)
		before = self.get_doc_before_save()
		if before:  # people named before (since transferred) stay valid on the old record
			eligible |= {row.member for row in before.attendance}
			branch_people |= {before.host, before.recorder} - {None}
		rows = [row.as_dict() for row in self.attendance]
		throw_field_errors(
			meeting_errors(
				self.as_dict(),
				rows,
				eligible=eligible,
				branch_groups=branch_groups(self.party_branch),
				today=today(),
				names=member_names([*(r.get("member") for r in rows), self.host, self.recorder]),
				branch_people=branch_people,
			)
		)
		self.expected_count, self.present_count = attendance_counts(rows)
		rate = percent(self.present_count, self.expected_count)
		self.attendance_rate = float(rate) if rate is not None else 0
