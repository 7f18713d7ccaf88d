from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.deputy_work import visit_errors


class DeputyVisit(Document):
	"""Deputies' visit to a community, park, plant or firm (进社区、进园区、进厂区、进企业)."""

	def before_validate(self):
		if self.visit_date:
			self.year = getdate(self.visit_date).year
		self.person_times = len({d.deputy for d in self.deputies})

	def validate(self):
		data = {**self.as_dict(), "deputies": [d.deputy for d in self.deputies]}
		throw_field_errors(visit_errors(data, today=getdate()))
