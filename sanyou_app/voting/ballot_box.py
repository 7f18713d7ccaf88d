"""Writing ballots so that nothing ties one to the deputy who cast it.

A ballot row and its marks carry: a random name (no order), the vote, the marks, and
owner = modified_by = the ballot box (a disabled user that never logs in), creation = modified =
the moment voting opened (the same for every ballot of the vote). They are written with plain
INSERTs: no controller hooks, no Version, no timeline, no realtime event, no log line. Who took
part is recorded separately, on the roll, as a flag without a time.
"""

import frappe

from sanyou_app.core import voting

BALLOT_BOX = "ballot.box@sanyou.local"
BALLOT = "Secret Ballot"
MARK = "Secret Ballot Mark"


def ensure_ballot_box_user() -> None:
	if frappe.db.exists("User", BALLOT_BOX):
		return
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": BALLOT_BOX,
			"first_name": "投票箱",
			"enabled": 0,
			"user_type": "Website User",
			"send_welcome_email": 0,
		}
	)
	user.flags.no_welcome_mail = True
	user.insert(ignore_permissions=True)


def write(vote_doc, sheets: list[tuple[dict, bool]], entry_mode: str) -> int:
	"""Store sheets [(marks per item, void)] of a vote. Returns how many were written."""
	stamp = vote_doc.opened_at
	order = {row.item_label: row.idx for row in vote_doc.items}
	ballots, marks = [], []
	for sheet, void in sheets:
		name = frappe.generate_hash(length=16)
		ballots.append(
			(name, BALLOT_BOX, BALLOT_BOX, stamp, stamp, 0, 0, vote_doc.name, entry_mode, int(void))
		)
		for item, choice in sheet.items():
			marks.append(
				(
					frappe.generate_hash(length=16),
					BALLOT_BOX,
					BALLOT_BOX,
					stamp,
					stamp,
					0,
					order[item],
					name,
					BALLOT,
					"marks",
					vote_doc.name,
					item,
					choice,
					int(not void),
				)
			)
	common = ["name", "owner", "modified_by", "creation", "modified", "docstatus", "idx"]
	frappe.db.bulk_insert(BALLOT, [*common, "vote", "entry_mode", "void"], ballots)
	frappe.db.bulk_insert(
		MARK, [*common, "parent", "parenttype", "parentfield", "vote", "item_label", "choice", "valid"], marks
	)
	return len(ballots)


def read_sheet(vote_doc, marks: dict) -> tuple[dict, bool]:
	items = [row.item_label for row in vote_doc.items]
	return voting.read_sheet(
		vote_doc.vote_type, items, vote_doc.seats or 0, marks, void_if_over_seats=vote_doc.void_if_over_seats
	)
