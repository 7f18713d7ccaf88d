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

from sanyou_app.core import sealing, voting
from sanyou_app.setup.users import insert_users_in_bulk
from sanyou_app.voting.table_guard import engine

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


def _head(stamp) -> tuple:
	"""The standard columns of a ballot row (COLUMNS): a random name, the ballot box, one time."""
	return (frappe.generate_hash(length=16), BALLOT_BOX, BALLOT_BOX, stamp, stamp, 0, 0)


def item_labels(vote_doc) -> list[str]:
	return [row.item_label for row in sorted(vote_doc.get("items"), key=lambda row: row.idx)]


def write(vote_doc, sheets: list[tuple[dict, bool]], entry_mode: str) -> int:
	"""Store sheets [(marks per item, void)] of a vote. Returns how many were written."""
	items = item_labels(vote_doc)
	rows = [
		(
			*_head(vote_doc.opened_at),
			vote_doc.name,
			entry_mode,
			int(void),
			voting.encode_sheet(vote_doc.vote_type, items, sheet),
		)
		for sheet, void in sheets
	]
	with engine():
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
	box as owner, every row stamped with the moment voting opened, and each ballot's digest,
	which a unique index on (vote, digest) holds to one row: the same sealed ballot cannot be
	stored twice in a vote (frappe.UniqueValidationError / IntegrityError on a replay)."""
	rows = [
		(
			*_head(stamp),
			vote,
			base64.b64encode(blob).decode("ascii") if blob is not None else "",
			sealing.digest(blob) if blob is not None else None,
		)
		for blob in blobs
	]
	with engine():
		frappe.db.bulk_insert(SEALED, [*COLUMNS, "vote", "sealed", "digest"], rows)


def sealed_rows(vote: str, lock: bool = False) -> list[tuple[str, bytes | None]]:
	"""(digest, sealed ballot or None) of every sealed ballot of a vote, in the order of their
	random names (no order of casting), as committed: a locking read, since the step reading them
	may have begun before the previous layer was committed."""
	with engine():
		rows = frappe.db.sql(
			"select digest, sealed from `tabSealed Ballot` where vote = %s order by name"
			+ (" for update" if lock else " lock in share mode"),
			(vote,),
			as_list=True,
		)
	return [(d, base64.b64decode(sealed) if sealed else None) for d, sealed in rows]


def count_sealed(vote: str) -> int:
	"""How many sealed ballots the vote's box holds, as committed (a locking read)."""
	with engine():
		return frappe.db.sql(
			"select count(*) from `tabSealed Ballot` where vote = %s lock in share mode", (vote,)
		)[0][0]


def count_ballots(vote: str) -> int:
	"""How many opened ballots a vote has, as committed (a locking read)."""
	with engine():
		return frappe.db.sql(
			"select count(*) from `tabSecret Ballot` where vote = %s lock in share mode", (vote,)
		)[0][0]


def sql(query: str, values=(), **kwargs):
	"""A statement of the count (voting/tally.py) on the ballot tables (locking reads: the count
	sees what is committed, whenever its request began)."""
	with engine():
		return frappe.db.sql(query, values, **kwargs)


def replace_sealed(vote: str, stamp, blobs: list[bytes | None]) -> None:
	"""A layer opened: the vote's sealed ballots replaced by what came back."""
	drop_sealed(vote)
	write_sealed(vote, stamp, blobs)


def drop_sealed(vote: str) -> None:
	with engine():
		frappe.db.sql("delete from `tabSealed Ballot` where vote = %s", (vote,))
