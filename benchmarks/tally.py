"""Counting 100,000 electronic ballots × 10 items in MariaDB, against counting in Python.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/tally.py --site SITE [--ballots 100000]

Writes the ballots through the ballot box and commits them, as casting does, then times the app's
count (one pass over the vote's ballots in MariaDB: a SUM per item and mark, through the index on
vote, void, marks; then the decision and the result rows) and the naive way (read every ballot into
Python and count). The benchmark's rows are deleted at the end.
"""

import random
import sys
import time
from collections import Counter
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site, town  # noqa: E402

ITEMS = [f"候选项目{i + 1}" for i in range(10)]

with site(
	__doc__, ("--ballots", {"type": int, "default": 100_000}), ("--keep", {"action": "store_true"})
) as args:
	from sanyou_app.core import voting
	from sanyou_app.voting import ballot_box, tally

	t = town()
	vote = frappe.get_doc(
		{
			"doctype": "Secret Vote",
			"title": "基准表决",
			"vote_type": "项目票决",
			"mode": "电子投票",
			"seats": 5,
			"items": [{"item_label": i} for i in ITEMS],
			"voters": [],  # the roll is not needed to time the count
		}
	).insert()
	n = args.ballots
	vote.db_set({"status": "投票中", "opened_at": frappe.utils.now_datetime().replace(microsecond=0)})
	vote.reload()
	rng = random.Random(7)
	t0 = time.perf_counter()
	for start in range(0, n, 5000):
		sheets = []
		for _ in range(min(5000, n - start)):
			marks = {item: rng.choice(("赞成", "反对", "弃权", None)) for item in ITEMS}
			sheets.append(ballot_box.read_sheet(vote, marks))
		ballot_box.write(vote, sheets, voting.ELECTRONIC)
	written = time.perf_counter() - t0
	vote.db_set({"status": "计票中", "total_voters": n, "present": n, "issued": n})
	vote.reload()
	frappe.db.commit()  # nosemgrep: ballots are committed one by one as deputies cast
	rows = frappe.db.count("Secret Ballot", {"vote": vote.name})
	print(f"{rows:,} ballots × {len(ITEMS)} items written in {written:.1f} s")

	t0 = time.perf_counter()
	result = tally.decide(vote)
	rows_out = voting.result_rows(result)
	app = time.perf_counter() - t0
	print(
		f"app count (SQL + decide + result rows): {app:.3f} s; valid {result.valid:,}, void {result.void:,}"
	)

	t0 = time.perf_counter()
	counts = Counter()
	for (marks,) in frappe.db.sql(
		"select marks from `tabSecret Ballot` where vote = %s and void = 0", vote.name
	):
		for item, code in zip(ITEMS, marks, strict=True):
			counts[item, code] += 1
	naive = time.perf_counter() - t0
	assert all(counts[r["item_label"], "赞"] == r["votes_for"] for r in rows_out)
	print(
		f"reading every ballot row into Python and counting there: {naive:.3f} s ({naive / app:.1f}x the app)"
	)
	sample = frappe.get_all("Secret Ballot", filters={"vote": vote.name}, pluck="name", limit=2000)
	t0 = time.perf_counter()
	for name in sample:
		frappe.get_doc("Secret Ballot", name)
	per_doc = (time.perf_counter() - t0) / len(sample)
	print(
		f"a Python loop over documents (get_doc per ballot, timed on {len(sample):,}): "
		f"{per_doc * n:.1f} s for {n:,} ({per_doc * n / app:.0f}x the app)"
	)
	plan = frappe.db.sql(
		"explain select count(*) from `tabSecret Ballot` where vote = %s and void = 0",
		vote.name,
		as_dict=True,
	)
	print("index used:", plan[0].get("key"), "| extra:", plan[0].get("Extra"))
	if args.keep:
		print(f"kept: vote {vote.name}")
		sys.exit(0)
	frappe.db.sql("delete from `tabSecret Ballot` where vote = %s", vote.name)
	for doctype, name in (
		("Secret Vote", vote.name),
		("Livelihood Cycle", t.cycle),
		("Congress", t.congress),
	):
		frappe.db.sql(f"delete from `tab{doctype}` where name = %s", name)
	frappe.db.commit()  # nosemgrep
