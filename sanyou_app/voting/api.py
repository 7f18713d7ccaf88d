"""What a deputy calls to cast an electronic ballot, and the cast dialog's form."""

import json

import frappe

from sanyou_app.core import voting
from sanyou_app.voting import ballot_box


@frappe.whitelist(methods=["POST"])
def cast(vote: str, marks: str | dict):
	"""Cast the signed-in deputy's ballot, once.

	The roll row is claimed with one conditional UPDATE (cast = 0 → 1), so two casts by the same
	deputy at once cannot both pass; the ballot is written by the ballot box in the same
	transaction. Nothing returned, logged or published names the ballot.
	"""
	if isinstance(marks, str):
		marks = json.loads(marks)
	doc = casting_view(vote)
	if doc.mode != voting.ELECTRONIC:
		frappe.throw("本次表决使用纸质选票，不能在系统中投票", title="不能投票")
	if doc.status != voting.VOTING:
		frappe.throw(f"表决处于“{doc.status}”状态，现在不能投票", title="不能投票")
	row = frappe.db.get_value(
		"Secret Vote Voter",
		{"parent": vote, "parenttype": "Secret Vote", "user": frappe.session.user},
		["name", "signed_in"],
		as_dict=True,
	)
	if not row:
		frappe.throw("您不在本次表决的应到名单中", frappe.PermissionError, title="不能投票")
	if not row.signed_in:
		frappe.throw("您尚未签到领取选票，请先到会场签到", title="不能投票")
	try:
		sheet = ballot_box.read_sheet(doc, marks)
	except ValueError as e:
		frappe.throw(str(e), title="选票填写有误")
	frappe.db.sql(
		"""update `tabSecret Vote Voter` set cast = 1
		where parent = %s and parenttype = 'Secret Vote' and name = %s and signed_in = 1 and cast = 0""",
		(vote, row.name),
	)
	if frappe.db._cursor.rowcount != 1:
		frappe.throw("您已投票，不能重复投票", title="不能投票")
	ballot_box.write(doc, [sheet], voting.ELECTRONIC)
	return {"message": "投票成功"}


def casting_view(vote: str) -> frappe._dict:
	"""What casting needs of a vote, read without loading its roll (hundreds of rows)."""
	doc = frappe.db.get_value(
		"Secret Vote",
		vote,
		["name", "mode", "status", "vote_type", "seats", "void_if_over_seats", "opened_at"],
		as_dict=True,
	)
	if not doc:
		frappe.throw("没有这次表决", frappe.DoesNotExistError)
	doc["items"] = frappe.get_all(
		"Secret Vote Item",
		filters={"parent": vote, "parenttype": "Secret Vote"},
		fields=["item_label", "idx"],
		order_by="idx",
	)
	return doc


@frappe.whitelist()
def my_ballot_form(vote: str):
	"""What a deputy's cast dialog shows: the items and the marks allowed (no results)."""
	doc = frappe.get_doc("Secret Vote", vote)
	doc.check_permission("read")
	row = next((r for r in doc.voters if r.user == frappe.session.user), None)
	return {
		"items": doc.item_labels(),
		"marks": voting.marks_for(doc.vote_type),
		"seats": doc.seats,
		"status": doc.status,
		"on_roll": bool(row),
		"signed_in": bool(row and row.signed_in),
		"cast": bool(row and row.cast),
	}
