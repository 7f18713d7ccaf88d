"""A teller's entry of one paper sheet. Each sheet is entered by two tellers independently;
only sheets whose two entries agree are counted, the others are listed for re-entry."""

import frappe
from frappe.model.document import Document

from sanyou_app.core import voting
from sanyou_app.voting import ballot_box
from sanyou_app.voting.officers import is_officer


class PaperBallotEntry(Document):
	def before_validate(self):
		# the teller is whoever created the entry, fixed then: a save never names another teller
		# (whatever the request sends), so nobody re-saves another teller's entry as their own
		if self.is_new():
			self.teller = frappe.session.user
		else:
			stored = frappe.db.get_value("Paper Ballot Entry", self.name, ["teller", "vote", "sheet_no"])
			if stored:
				self.teller = stored[0]
				if (self.vote, self.sheet_no) != (stored[1], stored[2]):
					frappe.throw("录入记录的表决和选票序号不能修改，请删除后重新录入", title="不能修改")
		vote = self.vote_doc()
		if not self.marks:
			for row in vote.items:
				self.append("marks", {"item_label": row.item_label})

	def vote_doc(self):
		if not getattr(self, "_vote", None):
			self._vote = frappe.get_doc("Secret Vote", self.vote)
		return self._vote

	def validate(self):
		# the vote's row under a shared lock until this entry commits: counting (which locks the
		# row to change it) waits for entries in flight, and an entry after counting sees it counted
		vote = self.vote_doc()
		vote.status = _locked_status(self.vote)
		if vote.mode != voting.PAPER:
			frappe.throw("该表决为电子投票，不录入纸质选票", title="不能录入")
		if vote.status != voting.COUNTING:
			frappe.throw(f"表决处于“{vote.status}”状态；纸质选票在投票结束后、计票前录入", title="不能录入")
		if self.teller != frappe.session.user:
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
		if _locked_status(self.vote) != voting.COUNTING:
			frappe.throw("计票结束后，录入记录不能删除", title="不能删除")
		if frappe.db.get_value("Paper Ballot Entry", self.name, "teller") != frappe.session.user:
			frappe.throw("只能删除本人录入的选票", frappe.PermissionError, title="不能删除")

	def after_delete(self):
		reconcile(self.vote, self.sheet_no)


def _locked_status(vote: str) -> str | None:
	"""The vote's status, read under a shared lock held until the request commits."""
	rows = frappe.db.sql("select status from `tabSecret Vote` where name = %s lock in share mode", vote)
	return rows[0][0] if rows else None


def _entries(vote: str, sheet_no: int | None = None, lock: bool = False) -> list:
	"""The entries of a vote (or of one sheet). With `lock`, read as committed (the count runs
	once the entries in flight have committed, and must see them)."""
	where, values = "vote = %s", [vote]
	if sheet_no is not None:
		where, values = where + " and sheet_no = %s", [*values, sheet_no]
	names = frappe.db.sql(
		f"select name from `tabPaper Ballot Entry` where {where} order by sheet_no, creation"
		+ (" for update" if lock else ""),
		values,
		pluck=True,
	)
	return [frappe.get_doc("Paper Ballot Entry", name, for_update=lock) for name in names]


def settle(entries: list) -> tuple[str, str]:
	"""(status, differences) of one sheet's entries: it agrees only when two different tellers
	entered it, the same."""
	tellers = {e.teller for e in entries}
	if len(entries) > 2:
		return "不一致", "该张选票录入超过两次"
	if len(entries) < 2:
		return "待核对", ""
	if len(tellers) < 2:
		return "不一致", "两次录入出自同一名计票人"
	diff = voting.compare_entries(entries[0].sheet(), entries[1].sheet())
	return ("不一致" if diff else "一致"), "、".join(diff)


def reconcile(vote: str, sheet_no: int) -> None:
	"""Compare the entries of one sheet and mark them 一致 / 不一致 / 待核对 (shown to the tellers;
	the count settles every sheet again from the entries themselves)."""
	entries = _entries(vote, sheet_no)
	status, differences = settle(entries)
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
	for entry in _entries(vote_doc.name, lock=True):
		by_sheet.setdefault(entry.sheet_no, []).append(entry)
	sheets, problems = [], []
	for number in sorted(by_sheet):
		entries = by_sheet[number]
		status, differences = settle(entries)
		if status == "待核对":
			problems.append(f"第{number}张只有一名计票人录入，需另一名计票人录入")
		elif status != "一致":
			problems.append(f"第{number}张两次录入不一致（{differences}），请核对后重新录入")
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


def on_doctype_update():
	# one entry per teller and sheet of a vote, held by the database against simultaneous saves
	frappe.db.add_unique(
		"Paper Ballot Entry", ["vote", "sheet_no", "teller"], constraint_name="vote_sheet_teller"
	)
