import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.deputy_work import checklist_errors, meets_standard, missing_items
from sanyou_app.core.fields import clean_text


def active_items() -> list[str]:
	"""The "六有" standard as the administrator keeps it (Room Standard Item), in its order."""
	return frappe.get_all(
		"Room Standard Item", filters={"active": 1}, pluck="name", order_by="sort_order asc, name asc"
	)


class DeputyActivityRoom(Document):
	"""A deputy activity room (代表活动室), its deputies, reception schedule and "六有" checklist."""

	def before_validate(self):
		self.room_name = clean_text(self.room_name)
		items = active_items()
		for item in missing_items(items, [c.item for c in self.checklist]):
			self.append("checklist", {"item": item, "met": 0})
		self.meets_standard = int(meets_standard(items, {c.item: bool(c.met) for c in self.checklist}))

	def validate(self):
		throw_field_errors(checklist_errors([c.item for c in self.checklist]))
		if (
			self.deputy_group
			and frappe.db.get_value("Deputy Group", self.deputy_group, "congress") != self.congress
		):
			frappe.throw("代表小组：不属于本活动室所在的人民代表大会", title="无法保存")
		others = frappe.get_all(
			"Congress Deputy",
			filters={"name": ("in", [d.deputy for d in self.deputies]), "congress": ("!=", self.congress)},
			pluck="full_name",
		)
		if others:
			frappe.throw(f"进驻代表：{'、'.join(others)}不是本届人民代表大会的代表", title="无法保存")
