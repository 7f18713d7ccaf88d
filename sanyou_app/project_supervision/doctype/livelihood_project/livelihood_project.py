"""An adopted livelihood project (正式项目): what the vote picked, carried out under a leader."""

import frappe
from frappe.model.document import Document
from frappe.utils import getdate

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core import projects as rules

LEADER_ROLE = "Project Leader"


class LivelihoodProject(Document):
	def before_validate(self):
		cycle = frappe.db.get_value("Livelihood Cycle", self.cycle, ["town", "year"], as_dict=True)
		if cycle:
			self.town, self.year = cycle.town, cycle.year
		for row in self.liaison_deputies:
			row.deputy_name, row.user = frappe.db.get_value(
				"Congress Deputy", row.deputy, ["full_name", "user"]
			)
		self.liaison_names = "、".join(r.deputy_name for r in self.liaison_deputies if r.deputy_name)
		user_name = frappe.db.get_value("User", self.leader_user, "full_name") if self.leader_user else None
		self.leader_display = rules.leader_display(user_name, self.leader_name, self.leader_title)
		milestones = [m.as_dict() for m in self.milestones]
		self.progress = rules.overall_progress(milestones)
		self.overdue_milestones = sum(1 for m in milestones if rules.is_overdue(m, getdate()))
		if self.workflow_state == rules.IN_PROGRESS and not self.started_on:
			self.started_on = getdate()

	def onload(self):
		# the form offers editable only what this user may change on this project
		self.set_onload("writable_fields", sorted(self.writable_fields()))

	def writable_fields(self) -> set[str]:
		own = bool(self.leader_user) and self.leader_user == frappe.session.user
		return rules.project_writable_fields(frappe.get_roles(), own, [f for f, _df in self.kept_fields()])

	def kept_fields(self):
		"""The fields people write, tables too (the server derives the read-only ones)."""
		for df in self.meta.get("fields"):
			if df.read_only:
				continue
			if df.fieldtype in frappe.model.table_fields or df.fieldtype not in frappe.model.no_value_fields:
				yield df.fieldname, df

	def check_edit_allowed(self):
		before = self.get_doc_before_save()
		if not before or frappe.flags.in_install or frappe.flags.in_migrate:
			return
		writable = self.writable_fields()
		refused = [
			df.label
			for field, df in self.kept_fields()
			if field not in writable and _value(self, df) != _value(before, df)
		]
		if refused:
			frappe.throw(
				"您不能修改本项目的：" + "、".join(frappe._(label) for label in refused),
				frappe.PermissionError,
				title="不能修改",
			)

	def validate(self):
		self.check_edit_allowed()
		data = self.as_dict()
		throw_field_errors(rules.check_project(data))
		self.check_liaison_deputies()
		throw_field_errors(rules.missing_for_state(self.workflow_state, data))

	def check_liaison_deputies(self):
		deputies = [r.deputy for r in self.liaison_deputies]
		if len(set(deputies)) != len(deputies):
			frappe.throw("联系代表：同一名代表不能重复列入", title="无法保存")
		congress, low, high = frappe.db.get_value(
			"Livelihood Cycle", self.cycle, ["congress", "liaison_min", "liaison_max"]
		)
		throw_field_errors(rules.check_liaison_range(len(deputies), low, high))
		for row in self.liaison_deputies:
			if frappe.db.get_value("Congress Deputy", row.deputy, "congress") != congress:
				frappe.throw(f"联系代表第{row.idx}行：应为本届人大代表", title="无法保存")

	def on_update(self):
		if self.leader_user:
			grant_role(self.leader_user, LEADER_ROLE)


def _value(doc, df):
	"""A field's value as compared for a change: a table by its rows' values (those people write;
	the server derives the read-only ones), a date or a number
	by what it means (the form sends text, the database gives typed values)."""
	if df.fieldtype in frappe.model.table_fields:
		meta = frappe.get_meta(df.options)
		return [
			[
				_plain(row_df, row.get(row_df.fieldname))
				for row_df in meta.get("fields")
				if not row_df.read_only and row_df.fieldtype not in frappe.model.no_value_fields
			]
			for row in doc.get(df.fieldname) or []
		]
	return _plain(df, doc.get(df.fieldname))


def _plain(df, value):
	if value in (None, ""):
		return None
	if df.fieldtype in ("Date", "Datetime"):
		return str(getdate(value))
	if df.fieldtype in ("Int", "Float", "Currency", "Percent", "Check"):
		return frappe.utils.flt(value)
	return str(value)


def grant_role(user: str, role: str) -> None:
	"""A leader (or an evaluator) named on a record gets the role that lets them act on it."""
	if role in frappe.get_roles(user) or frappe.db.get_value("User", user, "user_type") != "System User":
		return
	doc = frappe.get_doc("User", user)
	doc.append_roles(role)
	doc.save(ignore_permissions=True)  # only this role, only for the person the record names
