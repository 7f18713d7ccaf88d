"""Counting in the database: one GROUP BY over the marks of a vote's valid ballots."""

import frappe

from sanyou_app.core import voting


def counts(vote: str) -> tuple[dict[str, dict[str, int]], int, int]:
	"""({item: {mark: n}} over valid ballots, valid ballots, void ballots) of a vote."""
	rows = frappe.db.sql(
		"""select item_label, choice, count(*) from `tabSecret Ballot Mark`
		where vote = %s and valid = 1 group by item_label, choice""",
		vote,
	)
	table: dict[str, dict[str, int]] = {}
	for item, choice, n in rows:
		table.setdefault(item, {})[choice] = int(n)
	by_void = dict(
		frappe.db.sql("select void, count(*) from `tabSecret Ballot` where vote = %s group by void", vote)
	)
	return table, int(by_void.get(0, 0)), int(by_void.get(1, 0))


def decide(doc) -> object:
	"""Count a vote's ballots and decide the round with the vote's own rules."""
	table, valid, void = counts(doc.name)
	items = [row.item_label for row in doc.items]
	return voting.decide(
		voting.rules_from(doc.as_dict()),
		items,
		table,
		issued=doc.issued,
		returned=valid + void,
		valid=valid,
		void=void,
		total=doc.total_voters,
		present=doc.present,
	)
