"""500 deputies cast sealed ballots at once over HTTP; then the scrutineers open and count them.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/concurrent_casts.py --site SITE [--deputies 500]

Starts its own gunicorn (gthread workers) on a free port, creates a throwaway town with deputies
who have API keys (logins written in bulk, named bench-…), a vote with two scrutineers whose keys
are made as their browsers make them, and sends every sealed cast from a pool of client threads.
Prints wall time, errors, median and 95th-percentile latency of a cast, a plain GET for
comparison, and the time to open (two layers) and count the sealed ballots.
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


def bulk_logins(congress: str, prefix: str) -> list[tuple[str, str, str]]:
	"""Logins with API keys for every deputy of a congress, written in bulk (a benchmark's set-up;
	the app's own path is User.insert, one at a time)."""
	from frappe.utils.password import encrypt

	deputies = frappe.get_all(
		"Congress Deputy", filters={"congress": congress}, pluck="name", order_by="full_name, name"
	)
	now = frappe.utils.now()
	users, roles, auth, out = [], [], [], []
	for i, deputy in enumerate(deputies):
		email = f"{prefix}{i}@sanyou.bench"
		key, secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
		users.append(
			(email, now, now, "Administrator", "Administrator", email, f"代表{i}", 1, "System User", key)
		)
		roles.append(
			(frappe.generate_hash(length=10), now, now, email, "User", "roles", 1, "Congress Deputy")
		)
		auth.append(("User", email, "api_secret", encrypt(secret), 1))
		out.append((email, key, secret))
		frappe.db.set_value("Congress Deputy", deputy, "user", email, update_modified=False)
	frappe.db.bulk_insert(
		"User",
		[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"email",
			"first_name",
			"enabled",
			"user_type",
			"api_key",
		],
		users,
	)
	frappe.db.bulk_insert(
		"Has Role",
		["name", "creation", "modified", "parent", "parenttype", "parentfield", "idx", "role"],
		roles,
	)
	for row in auth:
		frappe.db.sql(
			"insert into `__Auth` (doctype, name, fieldname, password, encrypted) values (%s, %s, %s, %s, %s)",
			row,
		)
	return out


with site(
	__doc__,
	("--deputies", {"type": int, "default": 500}),
	("--clients", {"type": int, "default": 50}),
	("--workers", {"type": int, "default": 2}),
	("--threads", {"type": int, "default": 16}),
) as args:
	from sanyou_app.core import sealing
	from sanyou_app.tests.fixtures import register_keys
	from sanyou_app.tests.http import Server
	from sanyou_app.voting.api import scrutineer_keys
	from sanyou_app.voting.officers import scrutineers

	t = town(args.deputies)
	logins = bulk_logins(t.congress, f"bench-{frappe.generate_hash(length=6)}-")
	roll = frappe.get_all(
		"Congress Deputy", filters={"congress": t.congress}, pluck="name", order_by="full_name, name"
	)
	items = ["甲", "乙", "丙", "丁", "戊", "己"]
	vote = frappe.get_doc(
		{
			"doctype": "Secret Vote",
			"title": "并发投票基准",
			"vote_type": "项目票决",
			"mode": "电子投票",
			"cycle": t.cycle,
			"seats": 3,
			"items": [{"item_label": i} for i in items],
			"officers": [
				{"officer_role": "计票人", "deputy": roll[0]},
				{"officer_role": "总监票人", "deputy": roll[1]},
				{"officer_role": "监票人", "deputy": roll[2]},
			],
		}
	).insert()
	for row in vote.voters:
		row.signed_in = 1
	vote.save()
	secrets = register_keys(vote.name)
	vote.reload()
	vote.open_voting()
	frappe.db.commit()  # nosemgrep: the server reads committed rows

	keys = [sealing.decode_key(k) for k in scrutineer_keys(vote.name)]
	marks = ("赞成", "反对", "弃权")
	t0 = time.perf_counter()
	sealed = [
		sealing.encode(
			sealing.seal(
				keys,
				sealing.envelope(
					vote.name,
					sealing.new_code(),
					sealing.plaintext(
						"项目票决", items, {it: marks[(i + j) % 3] for j, it in enumerate(items)}
					),
				),
			)
		)
		for i in range(len(logins))
	]
	seal_ms = (time.perf_counter() - t0) / len(logins) * 1000

	server = Server(workers=args.workers, threads=args.threads)
	try:
		session = requests.Session()
		session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=args.clients))
		plain = []
		for _ in range(30):
			t0 = time.perf_counter()
			session.get(server.url + "/api/method/ping", headers=server.headers(), timeout=30)
			plain.append(time.perf_counter() - t0)

		def cast(i):
			_, key, secret = logins[i]
			t0 = time.perf_counter()
			r = server.post(
				"/api/method/sanyou_app.voting.api.cast",
				key,
				secret,
				session=session,
				vote=vote.name,
				sealed=sealed[i],
			)
			return r.status_code, time.perf_counter() - t0

		t0 = time.perf_counter()
		with ThreadPoolExecutor(max_workers=args.clients) as pool:
			results = list(pool.map(cast, range(len(logins))))
		wall = time.perf_counter() - t0
	finally:
		server.stop()

	latencies = sorted(d for _, d in results)
	errors = sum(code != 200 for code, _ in results)
	frappe.db.rollback()
	stored = frappe.db.count("Sealed Ballot", {"vote": vote.name})
	print(
		f"{len(logins)} sealed casts, {args.clients} client threads, gunicorn {args.workers}×{args.threads} threads:"
	)
	print(
		f"  wall {wall:.1f} s ({'within' if wall <= 60 else 'OVER'} one minute), errors {errors}, sealed ballots stored {stored}"
	)
	print(
		f"  cast latency: median {statistics.median(latencies) * 1000:.0f} ms, "
		f"p95 {latencies[int(0.95 * len(latencies)) - 1] * 1000:.0f} ms; plain GET ping median "
		f"{statistics.median(plain) * 1000:.0f} ms; throughput {len(logins) / wall:.0f} casts/s"
	)
	print(f"  sealing one ballot for 2 scrutineers (PyNaCl, as the browser does): {seal_ms:.2f} ms")

	from sanyou_app.tests.fixtures import open_layer_as_browser

	vote.reload()
	vote.close_voting()
	vote.reload()
	timings = []
	for row in scrutineers(vote):
		frappe.set_user(row.user)
		t0 = time.perf_counter()
		open_layer_as_browser(vote.name, secrets[row.user])
		timings.append(time.perf_counter() - t0)
	frappe.set_user(logins[0][0])
	t0 = time.perf_counter()
	frappe.get_doc("Secret Vote", vote.name).count()
	count_s = time.perf_counter() - t0
	frappe.set_user("Administrator")
	total = sum(timings) + count_s
	print(
		f"opening {stored} sealed ballots: layer 1 {timings[0]:.2f} s, layer 2 (and writing the ballots) "
		f"{timings[1]:.2f} s; count {count_s:.2f} s; total {total:.2f} s "
		f"({total / max(stored, 1) * 1000:.1f} ms a ballot)"
	)
	frappe.db.rollback()
