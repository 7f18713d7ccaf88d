import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.fields import clean_text
from sanyou_app.core.liaison import pairing_errors


class LiaisonPairing(Document):
	"""A party group's pairing with deputy groups (结对联系) for one year, with its 1–2 topics."""

	def autoname(self):
		self.validate_one_pairing_a_year()
		self.name = f"{self.year}·{self.party_group}"

	def before_validate(self):
		for row in self.topics:
			row.topic = clean_text(row.topic)

	def validate(self):
		self.validate_rules()
		self.validate_one_pairing_a_year()
		self.validate_topics_in_use()

	def validate_rules(self):
		leads = [g.deputy_lead for g in self.deputy_groups if g.deputy_lead]
		groups_of = dict(
			frappe.get_all(
				"Congress Deputy",
				filters={"name": ("in", leads)},
				fields=["name", "deputy_group"],
				as_list=True,
			)
		)
		data = {
			"year": self.year,
			"party_group": self.party_group,
			"party_lead": self.party_lead,
			"topics": [t.topic for t in self.topics],
			"deputy_groups": [g.as_dict() for g in self.deputy_groups],
		}
		throw_field_errors(pairing_errors(data, deputy_groups_of=groups_of))

	def validate_one_pairing_a_year(self):
		other = frappe.db.exists(
			"Liaison Pairing",
			{"year": self.year, "party_group": self.party_group, "name": ("!=", self.name or "")},
		)
		if other:
			frappe.throw(
				f"党小组“{self.party_group}”{self.year}年已有结对（{other}），请在其中修改", title="无法保存"
			)

	def validate_topics_in_use(self):
		"""A topic that activities or reports already name cannot be renamed or removed."""
		if self.is_new():
			return
		topics = {t.topic for t in self.topics}
		for doctype in ("Joint Activity", "Research Report"):
			used = set(frappe.get_all(doctype, filters={"pairing": self.name}, pluck="topic", distinct=True))
			missing = sorted(used - topics)
			if missing:
				frappe.throw(
					f"调研课题：“{'、'.join(missing)}”已有活动或报告，不能删除或改名", title="无法保存"
				)


def pairing_topics(pairing: str) -> list[str]:
	return frappe.get_all(
		"Liaison Topic",
		filters={"parent": pairing, "parenttype": "Liaison Pairing"},
		pluck="topic",
		order_by="idx",
	)
