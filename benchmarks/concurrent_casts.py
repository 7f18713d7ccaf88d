"""500 deputies cast sealed ballots at once over HTTP; then each scrutineer opens their layer in
chromium, as the vote form does, and the tellers count.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/concurrent_casts.py --site SITE [--deputies 500]

Casting. Starts its own gunicorn (gthread workers, the app's assets served too) on a free port,
creates a throwaway town with deputies who have API keys (logins written in bulk, bench-…), a vote
with two scrutineers whose keys are made as their browsers make them, and seals every deputy's
ballot as the cast dialog does (libsodium's sealed box; PyNaCl here, since 500 browsers do not fit
on one machine). Then every deputy casts at the same moment, one client thread each (a few
deputies tap twice at once, with a second ballot). Prints errors, wall time and latencies, and
holds the box to account: sealed ballots stored, 200 answers and 已电子投票 flags must be equal,
each deputy accepted exactly once (0 lost, 0 doubled), every tracker answered is in the box.

Opening. For each scrutineer in turn: chromium (Playwright, Debian's package) logs in on the
served site, opens the vote in the desk, loads the app's bundle (frappe.require), fetches the
sealed ballots (ballots_to_open), opens its layer with sanyou.sealing.open_layer — timed in the
page with performance.now() — and submits it (submit_layer). Compared, in the same run and on the
same ballots, with the naive ways: PyNaCl opening them in Python, as a server process would (what
the app does not do: the key would reach the server), and one request per ballot from the same
page (each ballot opened alone and POSTed alone). After the last layer the count runs, and the
receipt codes listed and the ballots written must be exactly those of the casts accepted.

Clean-up. Whatever happens, everything the run wrote is removed at the end: every row of every
table that names the run's town, logins, deputies or vote (the town, congress, deputies, cycle,
the logins and their roles, keys, sessions and activity, the vote, its roll, Versions, the sealed
and opened ballots), then the tables are searched again and must hold none.
"""

import base64
import random
import shutil
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import frappe
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site, town  # noqa: E402

PASSWORD = "Sanyou@Bench2026"
ITEMS = ["甲", "乙", "丙", "丁", "戊", "己"]
MARKS = ("赞成", "反对", "弃权")
CAST = "/api/method/sanyou_app.voting.api.cast"
# what a second tap of the same deputy is refused with: the roll row is taken, or the same ballot
REFUSED_AGAIN = ("已投票", "已经投入过票箱")
TOTALS = ("User", "Congress", "Congress Deputy", "Livelihood Cycle", "Secret Vote", "Sealed Ballot")


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
			"insert into `__Auth` (doctype, name, fieldname, password, encrypted)"
			" values (%s, %s, %s, %s, %s)",
			row,
		)
	return out


# --- what the run leaves behind ---------------------------------------------------------------


def _text_columns() -> dict[str, list[tuple[str, bool]]]:
	"""{table: [(column, short)]} of every base table of the site: its character columns (short:
	varchar/char, which can hold a record's name)."""
	rows = frappe.db.sql(
		"""select c.table_name, c.column_name, c.data_type
		from information_schema.columns c join information_schema.tables t
			on t.table_schema = c.table_schema and t.table_name = c.table_name
		where c.table_schema = database() and t.table_type = 'BASE TABLE'
			and c.data_type in ('varchar', 'char', 'tinytext', 'text', 'mediumtext', 'longtext')
		order by c.table_name, c.ordinal_position"""
	)
	out: dict[str, list[tuple[str, bool]]] = {}
	for table, column, kind in rows:
		out.setdefault(table, []).append((column, kind in ("varchar", "char")))
	return out


def run_names(t) -> tuple[list[str], list[str]]:
	"""What names the run's rows: (marks found in any text: its town, the prefix of its logins;
	names of records named by series: its deputies and votes)."""
	tag = t.town.removeprefix("基准").removesuffix("镇")
	names = []
	if t.congress:
		names = frappe.get_all("Congress Deputy", filters={"congress": t.congress}, pluck="name")
		names += frappe.get_all("Secret Vote", filters={"congress": t.congress}, pluck="name")
	return [t.town, f"bench-{tag}-"], names


def run_rows(marks: list[str], delete: bool = False) -> dict[str, int]:
	"""{table: rows} of every row, in every table, with a character column that contains one of
	`marks` or a short column equal to a name in `bench_run_names` (see keep_names). With
	`delete`, those rows are deleted."""
	from sanyou_app.voting.table_guard import engine

	values = {f"m{i}": f"%{m}%" for i, m in enumerate(marks)}
	found = {}
	with engine():  # the ballot tables are among them
		for table, columns in _text_columns().items():
			test = []
			for column, short in columns:
				test += [f"`{column}` like %({key})s" for key in values]
				if short:
					test.append(f"`{column}` in (select n from `bench_run_names`)")
			where = " or ".join(test)
			count = frappe.db.sql(f"select count(*) from `{table}` where {where}", values)[0][0]
			if count:
				found[table] = count
				if delete:
					frappe.db.sql(f"delete from `{table}` where {where}", values)
	return found


def keep_names(names: list[str]) -> None:
	"""The run's series-named records, in a temporary table of this connection (made before any
	write of the transaction: MariaDB would commit it implicitly)."""
	frappe.db.sql("create temporary table if not exists `bench_run_names` (n varchar(140) primary key)")
	frappe.db.sql("delete from `bench_run_names`")
	for i in range(0, len(names), 500):
		chunk = names[i : i + 500]
		frappe.db.sql("insert into `bench_run_names` (n) values " + ", ".join(["(%s)"] * len(chunk)), chunk)


def series_numbers(names: list[str]) -> dict[str, int]:
	"""{series prefix: highest number the run took} (BJ-2030-00001 → {"BJ-2030-": 1})."""
	out: dict[str, int] = {}
	for name in names:
		prefix = name.rstrip("0123456789")
		if prefix != name:
			out[prefix] = max(out.get(prefix, 0), int(name[len(prefix) :]))
	return out


def clean_up(t, series_before: dict[str, int] | None) -> None:
	"""Remove every row naming the run, in every table; give back the series numbers it took when
	nobody took one since (`series_before`: the series as they were; None: not known, then only a
	vote series no vote uses any more is removed). Prints what it found and what is left."""
	frappe.db.rollback()
	frappe.set_user("Administrator")
	marks, names = run_names(t)
	keep_names(names)
	removed = run_rows(marks, delete=True)
	returned = []
	for prefix, ours in series_numbers(names).items():
		if series_before is not None:
			was = series_before.get(prefix)
			if was is None:
				frappe.db.sql("delete from `tabSeries` where name = %s and current = %s", (prefix, ours))
			else:
				frappe.db.sql(
					"update `tabSeries` set current = %s where name = %s and current = %s",
					(was, prefix, ours),
				)
		elif prefix.startswith("BJ-") and not frappe.db.exists(
			"Secret Vote", {"name": ("like", f"{prefix}%")}
		):
			frappe.db.sql("delete from `tabSeries` where name = %s", (prefix,))
		now = frappe.db.sql("select current from `tabSeries` where name = %s", (prefix,))
		now = now[0][0] if now else None
		returned.append(f"{prefix} {'removed' if now is None else now}")
	frappe.db.commit()  # nosemgrep: the clean-up is kept
	for doctype, name in (("Congress", t.congress), ("Livelihood Cycle", t.cycle)):
		frappe.clear_document_cache(doctype, name)
	for key in ("users_for_mentions", "enabled_users"):
		frappe.cache.delete_key(key)
	left = run_rows(marks)
	print(f"clean-up: removed {sum(removed.values())} rows naming the run ({show(removed)})")
	print(f"  series afterwards: {', '.join(returned) or 'none'}")
	print(f"  rows naming the run left after clean-up: {sum(left.values())} ({show(left)})")
	frappe.db.sql("delete from `bench_run_names`")
	frappe.db.commit()  # nosemgrep


def totals() -> dict[str, int]:
	from sanyou_app.voting.table_guard import engine

	with engine():
		return {doctype: frappe.db.count(doctype) for doctype in TOTALS}


def show(found: dict[str, int]) -> str:
	return ", ".join(f"{t.removeprefix('tab')} {n}" for t, n in sorted(found.items())) or "none"


# --- casting --------------------------------------------------------------------------------------


def cast_wave(server, vote: str, jobs: list[tuple], logins, clients: int):
	"""Send every job [(deputy, second tap?, sealed)] as its own request, all released at the same
	moment (`clients` at a time). Returns ([(deputy, second, status, answer, seconds)], wall)."""
	width = min(clients or len(jobs), len(jobs))
	ready, go = threading.Semaphore(0), threading.Event()

	def cast(job):
		deputy, second, sealed = job
		_, key, secret = logins[deputy]
		ready.release()
		go.wait()
		t0 = time.perf_counter()
		try:
			r = requests.post(
				server.url + CAST,
				data={"vote": vote, "sealed": sealed},
				headers=server.headers(key, secret),
				timeout=300,
			)
			status, body = r.status_code, r.json() if r.content else {}
		except (requests.RequestException, ValueError) as e:
			status, body = None, {"exception": repr(e)}
		return deputy, second, status, body, time.perf_counter() - t0

	with ThreadPoolExecutor(max_workers=width) as pool:
		futures = [pool.submit(cast, job) for job in jobs]
		for _ in range(width):
			ready.acquire()
		t0 = time.perf_counter()
		go.set()
		results = [f.result() for f in futures]
		wall = time.perf_counter() - t0
	return results, wall


def answer_text(body: dict) -> str:
	"""What a refusal says (Frappe puts it in _server_messages, JSON in JSON)."""
	import json

	text = body.get("exception", "") or body.get("exc_type", "")
	for m in json.loads(body.get("_server_messages") or "[]"):
		text += " " + (json.loads(m).get("message", "") if m.startswith("{") else m)
	return text


def percentile(values: list[float], p: float) -> float:
	values = sorted(values)
	return values[max(0, min(len(values) - 1, round(p * len(values)) - 1))]


# --- opening in chromium --------------------------------------------------------------------------

OPEN_IN_PAGE = """async ({vote, secret, naive}) => {
	const since = (t0) => performance.now() - t0;
	let t0 = performance.now();
	await frappe.require("sealing.bundle.js");
	await sanyou.sealing.ready();
	const load = since(t0);
	const mine = await sanyou.sealing.public_key_of(secret);
	t0 = performance.now();
	const { message: box } = await frappe.call({
		method: "sanyou_app.voting.sealing.ballots_to_open",
		type: "POST",
		args: { vote },
	});
	const fetched = since(t0);
	if (box.public_key !== mine) throw new Error("the key does not match the registered one");
	t0 = performance.now();
	const opened = await sanyou.sealing.open_layer(secret, box.ballots);
	const opening = since(t0);
	t0 = performance.now();
	const { message: answer } = await frappe.call({
		method: "sanyou_app.voting.sealing.submit_layer",
		type: "POST",
		args: { vote, layer: box.layer, ballots: JSON.stringify(opened) },
	});
	const submit = since(t0);
	let per_request = null;
	if (naive) {
		// the naive way, on the same ballots: each one opened alone and sent in a request of its own
		// (to a no-op method: a lower bound of what an endpoint per ballot would cost)
		t0 = performance.now();
		for (const ballot of box.ballots) {
			const [one] = await sanyou.sealing.open_layer(secret, [ballot]);
			const r = await window.fetch("/api/method/ping", {
				method: "POST",
				headers: {
					"Content-Type": "application/json",
					Accept: "application/json",
					"X-Frappe-CSRF-Token": frappe.csrf_token,
				},
				body: JSON.stringify({ ballot: one }),
			});
			if (!r.ok) throw new Error(`one ballot per request: ${r.status}`);
		}
		per_request = since(t0);
	}
	return {
		layer: box.layer,
		sent: box.ballots.length,
		opened: opened.filter(Boolean).length,
		load,
		fetch: fetched,
		open: opening,
		submit,
		per_request,
		message: answer.message,
	};
}"""


def open_in_chromium(server, vote: str, officers: list[tuple[str, str]], secrets, naive_layer: int = 1):
	"""Each scrutineer in turn opens their layer in their own browser context. Returns one dict per
	layer (the page's timings, and PyNaCl's on the same ballots) and the page errors seen."""
	from playwright.sync_api import sync_playwright

	from sanyou_app.core import sealing
	from sanyou_app.tests.test_cast_in_browser import ARGS, CHROMIUM, ignorable
	from sanyou_app.voting import ballot_box

	layers, errors = [], []
	with sync_playwright() as pw:
		browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
		try:
			for i, (user, _name) in enumerate(officers, start=1):
				# the naive anchor on the same ballots: PyNaCl (the server's binding) opening them
				frappe.db.rollback()
				blobs = [blob for _, blob in ballot_box.sealed_rows(vote)]
				frappe.db.rollback()  # the locking read's locks go at once
				t0 = time.perf_counter()
				pynacl = sealing.open_layer(secrets[user], blobs, random.SystemRandom())
				pynacl_s = time.perf_counter() - t0

				context = browser.new_context(viewport={"width": 1280, "height": 900})
				context.set_extra_http_headers({"X-Frappe-Site-Name": frappe.local.site})
				page = context.new_page()
				page.set_default_timeout(300_000)
				page.on("pageerror", lambda e: errors.append(str(e)))
				page.on(
					"console",
					lambda m: (
						errors.append(m.text)
						if m.type == "error"
						and not ignorable(m.text)
						and not m.text.startswith("Failed to load resource")
						else None
					),
				)
				page.on(
					"response",
					lambda r: (
						errors.append(f"{r.status} {r.url}")
						if r.status >= 400 and not ignorable(r.url)
						else None
					),
				)
				r = context.request.post(
					server.url + "/api/method/login", form={"usr": user, "pwd": PASSWORD}
				)
				if not r.ok:
					raise AssertionError(f"login of {user}: {r.status}")
				page.goto(f"{server.url}/app/secret-vote/{vote}")
				page.wait_for_selector(".form-layout")
				got = page.evaluate(
					OPEN_IN_PAGE,
					{
						"vote": vote,
						"secret": base64.b64encode(secrets[user]).decode(),
						"naive": i == naive_layer,
					},
				)
				got.update(pynacl=pynacl_s, pynacl_opened=sum(b is not None for b in pynacl))
				layers.append(got)
				context.close()
		finally:
			browser.close()
	return layers, errors


# --- the run ------------------------------------------------------------------------------------


def run(args, t) -> None:
	from frappe.desk.doctype.notification_settings.notification_settings import create_notification_settings
	from frappe.utils.password import update_password

	from sanyou_app.core import sealing, voting
	from sanyou_app.tests.fixtures import register_keys
	from sanyou_app.tests.http import Server
	from sanyou_app.voting import ballot_box
	from sanyou_app.voting.api import scrutineer_keys
	from sanyou_app.voting.officers import scrutineers

	logins = bulk_logins(t.congress, run_names(t)[0][1])
	roll = frappe.get_all(
		"Congress Deputy", filters={"congress": t.congress}, pluck="name", order_by="full_name, name"
	)
	vote = frappe.get_doc(
		{
			"doctype": "Secret Vote",
			"title": "并发投票基准",
			"vote_type": voting.PROJECT_VOTE,
			"mode": voting.ELECTRONIC,
			"cycle": t.cycle,
			"seats": 3,
			"items": [{"item_label": i} for i in ITEMS],
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
	officers = [(row.user, row.officer_name) for row in scrutineers(vote)]
	for user, _ in officers:  # they open their layer in the desk
		update_password(user, PASSWORD)
		create_notification_settings(user)  # what User.after_insert makes; the desk boots with it
	vote.open_voting()
	frappe.db.commit()  # nosemgrep: the server reads committed rows

	# every deputy's ballot sealed as the cast dialog seals it; a few deputies tap twice at once,
	# the second time with another ballot
	keys = [sealing.decode_key(k) for k in scrutineer_keys(vote.name)]
	n, taps = len(logins), min(args.double_taps, len(logins))

	def ballot(i: int, shift: int = 0) -> tuple[str, str, str]:
		code = sealing.new_code()
		sheet = {it: MARKS[(i + j + shift) % 3] for j, it in enumerate(ITEMS)}
		plain = sealing.plaintext(voting.PROJECT_VOTE, ITEMS, sheet)
		sealed = sealing.encode(sealing.seal(keys, sealing.envelope(vote.name, code, plain)))
		return sealed, code, voting.encode_sheet(voting.PROJECT_VOTE, ITEMS, sheet)

	t0 = time.perf_counter()
	first = [ballot(i) for i in range(n)]
	seal_ms = (time.perf_counter() - t0) / n * 1000
	again = [ballot(i, 1) for i in range(taps)]
	jobs = []
	for i in range(n):
		jobs.append((i, False, first[i][0]))
		if i < taps:
			jobs.append((i, True, again[i][0]))

	print(
		f"{n} deputies cast at once ({taps} of them tap twice at once, with another ballot), "
		f"{args.clients or len(jobs)} client threads, gunicorn {args.workers}×{args.threads} threads:"
	)
	server = Server(workers=args.workers, threads=args.threads, statics=True)
	try:
		plain = []
		for _ in range(30):
			t0 = time.perf_counter()
			server.get("/api/method/ping")
			plain.append(time.perf_counter() - t0)
		results, wall = cast_wave(server, vote.name, jobs, logins, args.clients)

		frappe.db.rollback()
		accepted = Counter(d for d, _, status, _, _ in results if status == 200)
		lost = sum(1 for i in range(n) if not accepted[i])
		doubled = sum(1 for c in accepted.values() if c > 1)
		sent = {(d, s): sealed for d, s, sealed in jobs}
		winners, errors, refused_again, wrong_tracker = {}, [], 0, 0
		for d, second, status, body, _ in results:
			if status == 200:
				winners[d] = second
				blob = base64.b64decode(sent[(d, second)])
				wrong_tracker += body["message"]["tracker"] != sealing.tracker(blob)
			elif status == 417 and d < taps and any(w in answer_text(body) for w in REFUSED_AGAIN):
				refused_again += 1
			else:
				errors.append((status, answer_text(body)[:200]))
		stored_rows = ballot_box.sealed_rows(vote.name)
		frappe.db.rollback()
		stored = len(stored_rows)
		distinct = len({d for d, _ in stored_rows})
		flags = frappe.db.count(
			"Secret Vote Voter", {"parent": vote.name, "parenttype": "Secret Vote", "cast": 1}
		)
		answered = {sealing.tracker(base64.b64decode(sent[(d, s)])) for d, s in winners.items()}
		boxed = {sealing.tracker(blob) for _, blob in stored_rows if blob is not None}
		latencies = [sec for *_, sec in results]
		ok = sum(accepted.values())
		print(
			f"  errors {len(errors)}; 200 answers {ok}, sealed ballots stored {stored} "
			f"({distinct} distinct), "
			f"已电子投票 flags {flags}; deputies lost {lost}, doubled {doubled}; second taps refused "
			f"{refused_again}/{taps}; trackers answered = trackers in the box: {answered == boxed} "
			f"(wrong tracker in an answer: {wrong_tracker})"
		)
		for status, text in errors[:5]:
			print(f"    error: {status} {text}")
		print(
			f"  wall {wall:.1f} s, {len(jobs) / wall:.0f} requests/s; cast latency median "
			f"{statistics.median(latencies) * 1000:.0f} ms, p95 {percentile(latencies, 0.95) * 1000:.0f} ms, "
			f"max {max(latencies) * 1000:.0f} ms; a plain GET ping alone: median "
			f"{statistics.median(plain) * 1000:.0f} ms"
		)
		print(
			f"  sealing one ballot for {len(keys)} scrutineers (PyNaCl, as the browser does): "
			f"{seal_ms:.2f} ms"
		)

		vote.reload()
		vote.close_voting()
		frappe.db.commit()  # nosemgrep: the scrutineers' browsers read the closed vote

		layers, page_errors = open_in_chromium(server, vote.name, officers, secrets)
	finally:
		server.stop()
		tracebacks = Path(server.error_log).read_text(errors="replace").count("Traceback")
		shutil.rmtree(server.dir, ignore_errors=True)

	print(f"opening {stored} sealed ballots in chromium, scrutineer after scrutineer:")
	for got in layers:
		target = "under" if got["open"] < 2000 else "OVER"
		print(
			f"  layer {got['layer']}: open_layer in the page {got['open']:.0f} ms for {got['sent']} ballots "
			f"({target} the 2 s target; {got['opened']} opened); PyNaCl (the server's binding) in this "
			f"process {got['pynacl'] * 1000:.0f} ms ({got['pynacl_opened']} opened), the page takes "
			f"{got['open'] / (got['pynacl'] * 1000):.1f}× as long"
		)
		print(
			f"    bundle loaded and libsodium ready {got['load']:.0f} ms; "
			f"ballots_to_open {got['fetch']:.0f} ms; "
			f"submit_layer (the server checks, shuffles and stores the layer) {got['submit']:.0f} ms"
			f" — {got['message']}"
		)
		if got["per_request"] is not None:
			print(
				f"    naive, one ballot per request from the same page: {got['per_request']:.0f} ms, "
				f"{got['per_request'] / got['open']:.0f}× the batch open "
				f"({got['per_request'] / got['sent']:.1f} ms "
				f"a ballot)"
			)
	print(f"  page errors {len(page_errors)}; server tracebacks {tracebacks}")
	for e in page_errors[:5]:
		print(f"    page error: {e[:200]}")

	teller = frappe.db.get_value("Congress Deputy", roll[0], "user")
	frappe.set_user(teller)
	try:
		t0 = time.perf_counter()
		frappe.get_doc("Secret Vote", vote.name).count()
		count_s = time.perf_counter() - t0
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()  # nosemgrep: as the count's request would
	counted = frappe.get_doc("Secret Vote", vote.name)
	codes = set((counted.receipt_codes or "").split())
	won = {first[d][1] if not s else again[d][1] for d, s in winners.items()}
	written = ballot_box.sql("select marks, void from `tabSecret Ballot` where vote = %s", (vote.name,))
	frappe.db.rollback()
	marks_cast = Counter(first[d][2] if not s else again[d][2] for d, s in winners.items())
	print(
		f"count (as the teller): {count_s:.2f} s, {counted.returned} ballots returned, "
		f"{counted.void_ballots} void; receipt codes listed {len(codes)}, exactly the accepted casts' "
		f"{codes == won}; ballots written {len(written)}, their marks exactly those cast "
		f"{Counter(m for m, _ in written) == marks_cast}"
	)


with site(
	__doc__,
	("--deputies", {"type": int, "default": 500}),
	("--double-taps", {"type": int, "default": 20}),
	("--clients", {"type": int, "default": 0, "help": "client threads (0: one per request, all at once)"}),
	("--workers", {"type": int, "default": 2}),
	("--threads", {"type": int, "default": 16}),
	("--remove-run", {"metavar": "TOWN", "help": "only remove what a run that was killed left (基准…镇)"}),
) as args:
	if args.remove_run:
		congress = frappe.db.get_value("Congress", {"region": args.remove_run})
		cycle = frappe.db.get_value("Livelihood Cycle", {"congress": congress}) if congress else None
		clean_up(frappe._dict(town=args.remove_run, congress=congress, cycle=cycle), None)
		sys.exit()
	before = totals()
	series_before = dict(frappe.db.sql("select name, current from `tabSeries`"))
	t = town(args.deputies)
	try:
		run(args, t)
	finally:
		clean_up(t, series_before)
		after = totals()
		print(
			"  table totals before → after (other sessions' tests may change them meanwhile): "
			+ ", ".join(f"{d} {before[d]} → {after[d]}" for d in TOTALS)
		)
