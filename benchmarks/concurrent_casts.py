"""200 deputies cast at once through HTTP, against a plain API call.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/concurrent_casts.py --site SITE [--deputies 200]

The site must be served at its host_name (e.g. gunicorn on 127.0.0.1). Creates a throwaway town
with deputies who have API keys (kept, named bench-…), opens an electronic vote, and sends every
cast at once from a thread pool. Prints wall time, errors, median and 95th-percentile latency of a
cast, and the median of a plain GET for comparison.
"""

import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import frappe
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site, town  # noqa: E402

with site(
	__doc__,
	("--deputies", {"type": int, "default": 200}),
	("--alone", {"type": int, "default": 20}),
	("--workers", {"type": int, "default": 50}),
) as args:
	from sanyou_app.tests.fixtures import deputy_logins

	t = town(args.deputies + args.alone)
	logins = deputy_logins(t.congress, f"bench-{frappe.generate_hash(length=8)}-", api_keys=True)
	keys = [f"token {key}:{secret}" for _, key, secret in logins]
	vote = frappe.get_doc(
		{
			"doctype": "Secret Vote",
			"title": "并发投票基准",
			"vote_type": "项目票决",
			"mode": "电子投票",
			"cycle": t.cycle,
			"seats": 1,
			"items": [{"item_label": "甲"}, {"item_label": "乙"}],
		}
	).insert()
	for row in vote.voters:
		row.signed_in = 1
	vote.save()
	vote.open_voting()
	frappe.db.commit()  # nosemgrep: the server reads committed rows

	url = frappe.utils.get_url("/api/method/sanyou_app.voting.api.cast")
	ping = frappe.utils.get_url("/api/method/ping")
	session = requests.Session()
	session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=args.workers))
	plain = []
	for _ in range(50):
		t0 = time.perf_counter()
		session.get(ping, timeout=30)
		plain.append(time.perf_counter() - t0)

	def cast(auth):
		t0 = time.perf_counter()
		r = session.post(
			url,
			json={"vote": vote.name, "marks": {"甲": "赞成"}},
			headers={"Authorization": auth},
			timeout=300,
		)
		return r.status_code, time.perf_counter() - t0

	alone = sorted(cast(auth)[1] for auth in keys[: args.alone])
	keys = keys[args.alone :]
	t0 = time.perf_counter()
	with ThreadPoolExecutor(max_workers=args.workers) as pool:
		results = list(pool.map(cast, keys))
	wall = time.perf_counter() - t0
	latencies = sorted(d for _, d in results)
	errors = sum(code != 200 for code, _ in results)
	ballots = frappe.db.count("Secret Ballot", {"vote": vote.name}) - args.alone
	print(
		f"{len(keys)} concurrent casts ({args.workers} client threads): wall {wall:.2f} s, errors {errors}, ballots {ballots}"
	)
	print(
		f"cast latency: median {statistics.median(latencies) * 1000:.0f} ms, p95 {latencies[int(0.95 * len(latencies)) - 1] * 1000:.0f} ms"
	)
	print(
		f"a cast alone (one at a time, {args.alone} deputies): median {statistics.median(alone) * 1000:.0f} ms"
	)
	print(f"plain GET /api/method/ping: median {statistics.median(plain) * 1000:.0f} ms")
	print(f"throughput: {len(keys) / wall:.0f} casts/s")
