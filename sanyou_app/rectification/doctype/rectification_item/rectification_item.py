import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.rectification import (
	CLOSED,
	OWNER_FIELDS,
	closing_errors,
	is_overdue,
	item_errors,
	owner_change_errors,
	problem_key,
)
from sanyou_app.rectification.owners import grant_owner_role, unit_branch, unit_user


class RectificationItem(Document):
	def before_validate(self):
		self.set_owner_facts()
		self.problem_key = problem_key(self.source_doctype, self.source_name, self.problem)
		self.title = (self.problem or "").strip().splitlines()[0][:60] if self.problem else ""
		self.is_overdue = int(is_overdue(self.as_dict(), getdate()))
		self.closed_on = (self.closed_on or getdate()) if self.status == CLOSED else None

	def validate(self):
		self.check_fields()
		self.check_closed_item_unchanged()
		self.check_owner_writes_in_their_steps()
		self.check_closing()
		self.check_not_listed_twice()

	def on_update(self):
		grant_owner_role(self.owner_user)

	def set_owner_facts(self):
		"""The branch a unit belongs to (for branch scope), and its responsible user when none is named."""
		self.party_branch = unit_branch(self.owner_doctype, self.owner_name)
		if not self.owner_user:
			self.owner_user = unit_user(self.owner_doctype, self.owner_name)
		# the person is shown by name (the login is set here, after Frappe fetched linked values)
		self.owner_user_full_name = (
			frappe.db.get_value("User", self.owner_user, "full_name") if self.owner_user else None
		)

	def check_fields(self):
		values, errors = item_errors(self.as_dict(), today=getdate() if self.is_new() else None)
		if (
			self.owner_doctype
			and self.owner_name
			and not frappe.db.exists(self.owner_doctype, self.owner_name)
		):
			errors.append(f"责任单位：{self.owner_name}不存在")
		throw_field_errors(errors)
		self.problem, self.plan = values["problem"], values["plan"] or self.plan

	def check_closed_item_unchanged(self):
		before = self.get_doc_before_save()
		if before and before.status == CLOSED:
			frappe.throw("已销号的整改事项不能再修改", title="无法保存")

	def check_owner_writes_in_their_steps(self):
		"""The person answering for an item writes its plan, progress and evidence while it waits or
		is under way; after 提交验收 only the supervisor (who writes the item's own fields) changes it."""
		before = self.get_doc_before_save()
		if not before or 1 in frappe.get_meta(self.doctype).get_permlevel_access("write"):
			return
		changed = [f for f in OWNER_FIELDS if _value(self, f) != _value(before, f)]
		throw_field_errors(owner_change_errors(before.status, changed), title="无法保存")

	def check_closing(self):
		if self.status == CLOSED:
			throw_field_errors(closing_errors(self.as_dict()), title="不能销号")

	def check_not_listed_twice(self):
		other = frappe.db.get_value(
			"Rectification Item", {"problem_key": self.problem_key, "name": ("!=", self.name)}, "name"
		)
		if other:
			frappe.throw(f"问题：同一来源的同一问题已列入整改清单（{other}）", title="无法保存")


def _value(doc, fieldname: str):
	if fieldname == "evidence":
		return [(row.file, row.file_description or "") for row in doc.get("evidence") or ()]
	return (doc.get(fieldname) or "").strip()
