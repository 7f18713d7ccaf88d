import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.deputy_work import room_activity_errors


class RoomActivity(Document):
	"""An activity held in a deputy activity room: 学习研讨, 联系群众, 接待选民 or 向选民述职."""

	def before_validate(self):
		if self.activity_date:
			self.year = getdate(self.activity_date).year

	def validate(self):
		data = {**self.as_dict(), "deputies": [d.deputy for d in self.deputies]}
		throw_field_errors(room_activity_errors(data, today=getdate()))


@frappe.whitelist()
def make_suggestion(source_name: str, target_doc=None):
	"""A voter's request received in the room, carried into a new 代表建议 by the deputies present."""
	from frappe.model.mapper import get_mapped_doc

	frappe.get_doc("Room Activity", source_name).check_permission("read")

	def postprocess(source, target):
		target.kind = "代表建议"
		target.title = f"关于{(source.voter_request or '')[:40]}的建议"
		target.content = source.voter_request
		for row in source.deputies:
			target.append("deputies", {"deputy": row.deputy})

	return get_mapped_doc(
		"Room Activity",
		source_name,
		{
			"Room Activity": {
				"doctype": "Deputy Suggestion",
				"field_map": {"name": "room_activity"},
				"field_no_map": ["year"],
			}
		},
		target_doc,
		postprocess,
	)
