"""A teller's entry of one paper sheet. Each sheet is entered by two tellers independently;
only sheets whose two entries agree are counted, the others are listed for re-entry."""

import frappe
from frappe.model.document import Document

from sanyou_app.core import voting
from sanyou_app.voting import ballot_box
from sanyou_app.voting.officers import is_officer


class PaperBallotEntry(Document):
	def before_validate(self):
		if self.is_new():
			self.teller = frappe.session.user
		vote = self.vote_doc()
		if not self.marks:
			for row in vote.items:
				self.append("marks", {"item_label": row.item_label})

	def vote_doc(self):
		if not getattr(self, "_vote", None):
			self._vote = frappe.get_doc("Secret Vote", self.vote)
		return self._vote

	def validate(self):
		vote = self.vote_doc()
		if vote.mode != voting.PAPER:
			frappe.throw("该表决为电子投票，不录入纸质选票", title="不能录入")
		if vote.status != voting.COUNTING:
			frappe.throw(f"表决处于“{vote.status}”状态；纸质选票在投票结束后、计票前录入", title="不能录入")
		if self.teller != frappe.session.user and not self.is_new():
			frappe.throw("只能修改本人录入的选票", frappe.PermissionError)
		if not is_officer(vote, self.teller, (voting.TELLER,)):
			frappe.throw("只有本次表决的计票人可以录入纸质选票", frappe.PermissionError)
		if self.sheet_no is None or self.sheet_no < 1:
			frappe.throw("选票序号应为正整数", title="无法保存")
		if frappe.db.exists(
			"Paper Ballot Entry",
			{"vote": self.vote, "sheet_no": self.sheet_no, "teller": self.teller, "name": ("!=", self.name)},
		):
			frappe.throw(f"您已录入第{self.sheet_no}张选票，请修改原录入记录", title="重复录入")
		labels = [row.item_label for row in self.marks]
		if sorted(labels) != sorted(vote.item_labels()):
			frappe.throw("录入的事项与表决事项不一致，请重新新建录入", title="无法保存")
		try:
			ballot_box.read_sheet(vote, self.sheet())
		except ValueError as e:
			frappe.throw(f"第{self.sheet_no}张：{e}", title="无法保存")

	def sheet(self) -> dict:
		return {row.item_label: row.choice or None for row in self.marks}

	def on_update(self):
		reconcile(self.vote, self.sheet_no)

	def on_trash(self):
		if frappe.db.get_value("Secret Vote", self.vote, "status") != voting.COUNTING:
			frappe.throw("计票结束后，录入记录不能删除", title="不能删除")
		if self.teller != frappe.session.user:
			frappe.throw("只能删除本人录入的选票", frappe.PermissionError, title="不能删除")

	def after_delete(self):
		reconcile(self.vote, self.sheet_no)


def _entries(vote: str, sheet_no: int | None = None) -> list:
	filters = {"vote": vote}
	if sheet_no is not None:
		filters["sheet_no"] = sheet_no
	return [
		frappe.get_doc("Paper Ballot Entry", name)
		for name in frappe.get_all(
			"Paper Ballot Entry", filters=filters, pluck="name", order_by="sheet_no, creation"
		)
	]


def reconcile(vote: str, sheet_no: int) -> None:
	"""Compare the entries of one sheet and mark them 一致 / 不一致 / 待核对."""
	entries = _entries(vote, sheet_no)
	status, differences = "待核对", ""
	if len(entries) == 2:
		diff = voting.compare_entries(entries[0].sheet(), entries[1].sheet())
		status = "不一致" if diff else "一致"
		differences = "、".join(diff)
	elif len(entries) > 2:
		status, differences = "不一致", "该张选票录入超过两次"
	for entry in entries:
		frappe.db.set_value(
			"Paper Ballot Entry",
			entry.name,
			{"status": status, "differences": differences},
			update_modified=False,
		)


def agreed_sheets(vote_doc) -> tuple[list[tuple[dict, bool]], list[str]]:
	"""The sheets to count [(marks, void)] and, if any sheet is not settled, what to fix."""
	by_sheet: dict[int, list] = {}
	for entry in _entries(vote_doc.name):
		by_sheet.setdefault(entry.sheet_no, []).append(entry)
	sheets, problems = [], []
	for number in sorted(by_sheet):
		entries = by_sheet[number]
		if len(entries) < 2:
			problems.append(f"第{number}张只有一名计票人录入，需另一名计票人录入")
		elif entries[0].status != "一致" or len(entries) > 2:
			problems.append(f"第{number}张两次录入不一致（{entries[0].differences}），请核对后重新录入")
		else:
			sheets.append(ballot_box.read_sheet(vote_doc, entries[0].sheet()))
	if not by_sheet:
		problems.append("尚未录入任何纸质选票")
	return sheets, problems


def has_permission(doc, ptype=None, user=None):
	"""Entries are read only by the vote's tellers and scrutineers (nobody else, the office and
	System Manager included); changed or deleted only by the teller who made them, while the
	count is open."""
	user = user or frappe.session.user
	vote = frappe.get_cached_doc("Secret Vote", doc.vote) if doc.vote else None
	if not vote or not is_officer(vote, user, voting.OFFICER_ROLES):
		return False
	if ptype in ("write", "delete", "cancel", "submit", "amend"):
		if getattr(doc, "is_new", None) and doc.is_new():
			return True  # validate() checks that the user is one of the vote's tellers
		return doc.teller == user and vote.status == voting.COUNTING
	return True


def query_conditions(user=None, doctype=None):
	user = user or frappe.session.user
	return (
		"exists (select 1 from `tabSecret Vote Officer` o where o.parent = `tabPaper Ballot Entry`.vote "
		f"and o.parenttype = 'Secret Vote' and o.user = {frappe.db.escape(user)})"
	)
