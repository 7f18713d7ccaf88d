import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core import proposal as rules

# Fields whose change is an edit of the proposal (the workflow state itself is moved by actions).
_NOT_CONTENT = {"workflow_state", "naming_series"}


class LivelihoodProposal(Document):
	def before_validate(self):
		if self.is_new() and is_public_submission():
			self.channel = rules.WEB_CHANNEL
			self.cycle = open_cycle_for_public()
			check_public_throttle(self.cycle)

	def validate(self):
		self.check_edit_allowed()
		self.clean_values()
		throw_field_errors(rules.missing_for_state(self.workflow_state, self.as_dict()))
		self.check_merge()

	def clean_values(self):
		values, errors = rules.clean_proposal(self.as_dict())
		throw_field_errors(errors)
		if values["estimated_cost"] is not None:
			values["estimated_cost"] = float(values["estimated_cost"])
		self.update(values)
		for field in ("content", "implementing_body", "rejection_reason", "screening_note"):
			self.set(field, rules.clean_text(self.get(field)) or None)
		if self.investment is not None:
			try:
				rules.parse_amount(self.investment)
			except ValueError as e:
				throw_field_errors([rules.FieldError("investment", str(e))])

	def onload(self):
		# the form offers editable only what this user may change in this state
		self.set_onload("writable_fields", sorted(self.writable_fields(self.workflow_state)))

	def writable_fields(self, state: str | None) -> set[str]:
		fields = [
			df.fieldname
			for df in self.meta.get("fields")
			if df.fieldname not in _NOT_CONTENT and df.fieldtype not in frappe.model.no_value_fields
		]
		return rules.writable_fields(state, frappe.get_roles(), fields)

	def check_edit_allowed(self):
		before = self.get_doc_before_save()
		if not before:
			return
		changed = [
			df.fieldname
			for df in self.meta.get("fields")
			if df.fieldname not in _NOT_CONTENT
			and df.fieldtype not in frappe.model.no_value_fields
			and _plain(df, self.get(df.fieldname)) != _plain(df, before.get(df.fieldname))
		]
		refused = [f for f in changed if f not in self.writable_fields(before.workflow_state)]
		if refused:
			labels = "、".join(frappe._(self.meta.get_label(f)) for f in refused)
			frappe.throw(
				f"项目处于“{before.workflow_state}”状态，您不能修改：{labels}",
				frappe.PermissionError,
				title="不能修改",
			)
		throw_field_errors(
			rules.opinion_missing(before.workflow_state, self.workflow_state, self.as_dict()),
			title="不能决定",
		)

	def check_merge(self):
		if not self.merged_into:
			return
		target_state = frappe.db.get_value("Livelihood Proposal", self.merged_into, "workflow_state")
		throw_field_errors(rules.check_merge(self.name, self.merged_into, target_state))


def _plain(df, value):
	"""A value as compared for a change: the form sends dates and numbers as text."""
	if value in (None, ""):
		return None
	if df.fieldtype in ("Date", "Datetime"):
		return str(frappe.utils.getdate(value))
	if df.fieldtype in ("Int", "Float", "Currency", "Percent", "Check"):
		return frappe.utils.flt(value)
	return str(value)


def is_public_submission() -> bool:
	return frappe.session.user == "Guest" or bool(frappe.flags.in_web_form)


def open_cycle_name() -> str | None:
	"""The cycle now collecting public proposals, if any."""
	cycles = [
		rules.CycleWindow(c.name, c.collection_start, c.collection_end)
		for c in frappe.get_all(
			"Livelihood Cycle", fields=["name", "collection_start", "collection_end"], ignore_permissions=True
		)
	]
	return rules.open_cycle(cycles, frappe.utils.getdate(frappe.utils.nowdate()))


def open_cycle_for_public() -> str:
	name = open_cycle_name()
	if not name:
		frappe.throw("当前不在民生实事项目征集期内，暂不能提交建议", title="暂停征集")
	return name


def check_public_throttle(cycle: str) -> None:
	"""At most N public submissions an hour from one address (N is a rule of the cycle).

	Counted in Redis, so every web worker sees the same count.
	"""
	limit = frappe.db.get_value("Livelihood Cycle", cycle, "guest_submissions_per_hour") or 0
	address = frappe.local.request_ip or "unknown"
	key = frappe.cache.make_key(f"sanyou:proposal-submissions:{address}")
	count = int(frappe.cache.get(key) or 0)  # raw counter, not a pickled value
	if not rules.throttle_allows(count, limit):
		frappe.throw(f"同一网络地址每小时最多提交{limit}条建议，请稍后再试", title="提交过于频繁")
	if frappe.cache.incr(key) == 1:
		frappe.cache.expire(key, 3600)
