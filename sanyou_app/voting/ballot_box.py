"""Writing ballots so that nothing ties one to the deputy who cast it.

An electronic ballot arrives sealed (see core.sealing) and is kept as a Sealed Ballot until the
scrutineers open it at the count; only then is it written as a Secret Ballot, in shuffled order.

A ballot is one row: a random name (no order), the vote, whether it is void, and its marks as one
character per item in the items' order (see core.voting.encode_sheet). owner = modified_by = the
ballot box (a disabled user that never logs in); creation = modified = the moment voting opened,
the same for every ballot of the vote. Rows are written with a plain INSERT: no controller hooks,
no Version, no timeline, no realtime event, no log line. Who took part is recorded separately, on
the roll, as a flag without a time.
"""

import base64

import frappe

from sanyou_app.core import voting
from sanyou_app.setup.users import insert_users_in_bulk

BALLOT_BOX = "ballot.box@sanyou.local"
BALLOT = "Secret Ballot"
SEALED = "Sealed Ballot"
COLUMNS = ["name", "owner", "modified_by", "creation", "modified", "docstatus", "idx"]


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
	insert_users_in_bulk(user)


def item_labels(vote_doc) -> list[str]:
	return [row.item_label for row in sorted(vote_doc.get("items"), key=lambda row: row.idx)]


def write(vote_doc, sheets: list[tuple[dict, bool]], entry_mode: str) -> int:
	"""Store sheets [(marks per item, void)] of a vote. Returns how many were written."""
	stamp = vote_doc.opened_at
	items = item_labels(vote_doc)
	rows = [
		(
			frappe.generate_hash(length=16),
			BALLOT_BOX,
			BALLOT_BOX,
			stamp,
			stamp,
			0,
			0,
			vote_doc.name,
			entry_mode,
			int(void),
			voting.encode_sheet(vote_doc.vote_type, items, sheet),
		)
		for sheet, void in sheets
	]
	frappe.db.bulk_insert(BALLOT, [*COLUMNS, "vote", "entry_mode", "void", "marks"], rows)
	return len(rows)


def read_sheet(vote_doc, marks: dict) -> tuple[dict, bool]:
	return voting.read_sheet(
		vote_doc.vote_type,
		item_labels(vote_doc),
		vote_doc.seats or 0,
		marks,
		void_if_over_seats=vote_doc.void_if_over_seats,
	)


def write_sealed(vote: str, stamp, blobs: list[bytes | None]) -> None:
	"""Store sealed ballots of a vote ("" for one that did not open): random names, the ballot
	box as owner, every row stamped with the moment voting opened."""
	rows = [
		(
			frappe.generate_hash(length=16),
			BALLOT_BOX,
			BALLOT_BOX,
			stamp,
			stamp,
			0,
			0,
			vote,
			base64.b64encode(blob).decode("ascii") if blob is not None else "",
		)
		for blob in blobs
	]
	frappe.db.bulk_insert(SEALED, [*COLUMNS, "vote", "sealed"], rows)


def take_sealed(vote: str) -> list[bytes | None]:
	"""Every sealed ballot of a vote, locked and removed (the caller writes what replaces them)."""
	rows = frappe.db.sql(
		"select name, sealed from `tabSealed Ballot` where vote = %s for update", (vote,), as_list=True
	)
	frappe.db.sql("delete from `tabSealed Ballot` where vote = %s", (vote,))
	return [base64.b64decode(sealed) if sealed else None for _, sealed in rows]


def drop_sealed(vote: str) -> None:
	frappe.db.sql("delete from `tabSealed Ballot` where vote = %s", (vote,))
