import frappe
from frappe.model.document import Document

from sanyou_app.core.congress import congress_title, level_of_region


class Congress(Document):
	"""A people's congress of one term, at any level (市/县/区/乡镇)."""

	def autoname(self):
		self.name = congress_title(self.region, self.term_no)

	def before_validate(self):
		if not self.level:
			self.level = level_of_region(self.region)

	def validate(self):
		if self.term_no is None or self.term_no < 1:
			frappe.throw("届次应为正整数", title="无法保存")
		self.congress_name = congress_title(self.region, self.term_no)
		if not self.is_new() and self.congress_name != self.name:
			frappe.throw(
				"行政区域和届次决定了人民代表大会的名称，保存后不能修改；请新建一届人民代表大会",
				title="无法保存",
			)
		self.deputies_count = deputies_in_office(self.name)


def deputies_in_office(congress: str) -> int:
	return frappe.db.count("Congress Deputy", {"congress": congress, "active": 1})


def refresh_deputies_count(congress: str) -> None:
	frappe.db.set_value(
		"Congress", congress, "deputies_count", deputies_in_office(congress), update_modified=False
	)
