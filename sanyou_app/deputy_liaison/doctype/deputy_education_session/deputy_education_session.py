import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.core.deputy_work import half_of


class DeputyEducationSession(Document):
	"""A political education session for deputies (每半年1次) and who attended."""

	def before_validate(self):
		if self.session_date:
			day = getdate(self.session_date)
			self.year, self.half = day.year, half_of(day)
		self.attendee_count = len({a.deputy for a in self.attendees})

	def validate(self):
		if self.session_date and getdate(self.session_date) > getdate():
			frappe.throw("教育日期：尚未举行，不能登记出席", title="无法保存")
		names = [a.deputy for a in self.attendees]
		if len(names) != len(set(names)):
			frappe.throw("出席代表：有代表重复登记", title="无法保存")
		outside = frappe.get_all(
			"Congress Deputy",
			filters={"name": ("in", names or [""]), "congress": ("!=", self.congress)},
			pluck="full_name",
		)
		if outside:
			frappe.throw(f"出席代表：{'、'.join(outside)}不是本届人民代表大会的代表", title="无法保存")
