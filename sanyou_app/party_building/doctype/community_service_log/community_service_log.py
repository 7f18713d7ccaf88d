from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.education import service_errors
from sanyou_app.core.fields import clean_text
from sanyou_app.party_building.common import copy_scope_from_member, today


class CommunityServiceLog(Document):
	def validate(self):
		copy_scope_from_member(self)
		self.community = clean_text(self.community)
		self.activity = clean_text(self.activity)
		throw_field_errors(service_errors(self.as_dict(), today=today()))
