import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.fields import clean_text
from sanyou_app.core.liaison import activity_errors, person_times
from sanyou_app.deputy_liaison.doctype.liaison_pairing.liaison_pairing import pairing_topics


class JointActivity(Document):
	"""A research visit, inspection or symposium (调研/视察/座谈) a party group joins with its deputy groups."""

	def before_validate(self):
		self.topic = clean_text(self.topic)
		self.person_times = person_times(self._members(), self._deputies())
		self.title = f"{self.activity_date} {self.activity_type}：{self.topic}"

	def validate(self):
		year = frappe.db.get_value("Liaison Pairing", self.pairing, "year")
		data = {**self.as_dict(), "party_members": self._members(), "deputies": self._deputies()}
		throw_field_errors(
			activity_errors(data, pairing_year=year, topics=pairing_topics(self.pairing), today=getdate())
		)

	def _members(self) -> list[str]:
		return [r.party_member for r in self.party_members]

	def _deputies(self) -> list[str]:
		return [r.deputy for r in self.deputies]
