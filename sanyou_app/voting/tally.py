"""Counting in the database: one pass over a vote's ballots, one SUM per item and mark."""

from sanyou_app.core import voting
from sanyou_app.voting import ballot_box
from sanyou_app.voting.ballot_box import item_labels


def counts(vote_doc) -> tuple[dict[str, dict[str, int]], int, int]:
	"""({item: {mark: n}} over valid ballots, valid ballots, void ballots) of a vote.

	A ballot stores one character per item, so the count reads each ballot row once (through the
	index on vote, void, marks) instead of a row per item and mark.
	"""
	items = item_labels(vote_doc)
	codes = list(voting.mark_codes(vote_doc.vote_type).values())
	cells = [(i, code) for i in range(1, len(items) + 1) for code in codes]
	sums = ", ".join(f"sum(substring(marks, {i}, 1) = %s)" for i, _ in cells)
	row = ballot_box.sql(
		f"select count(*), {sums} from `tabSecret Ballot` where vote = %s and void = 0 lock in share mode",  # noqa: S608
		(*(code for _, code in cells), vote_doc.name),
	)[0]
	valid = int(row[0])
	table = voting.decode_counts(
		vote_doc.vote_type, items, dict(zip(cells, (int(n or 0) for n in row[1:]), strict=True))
	)
	void = ballot_box.sql(
		"select count(*) from `tabSecret Ballot` where vote = %s and void = 1 lock in share mode",
		(vote_doc.name,),
	)[0][0]
	return table, valid, void


def decide(doc) -> object:
	"""Count a vote's ballots and decide the round with the vote's own rules."""
	table, valid, void = counts(doc)
	return voting.decide(
		voting.rules_from(doc.as_dict()),
		item_labels(doc),
		table,
		issued=doc.issued,
		returned=valid + void,
		valid=valid,
		void=void,
		total=doc.total_voters,
		present=doc.present,
	)
