"""Ballot secrecy, tried as an attacker would.

Deputies cast known, distinct ballots over HTTP against a real gunicorn server with threads (at
least 50 casts in flight at once). Then an attacker holding the whole database, every log file
written during the vote, the Recorder and the Redis cache tries to tie a deputy to their marks:
by value, by time, by row or index order, by log line. The stored ballots must equal the cast
ones as a multiset. A second test injects faults — a lock wait timeout in the database, a worker
killed while casts are in flight — and checks that no ballot is lost or doubled and nothing
leaks.

The server is started by these tests (gunicorn, gthread workers), on a port of its own, with its
own access and error logs.
"""

import base64
import glob
import itertools
import json
import os
import random
import re
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import frappe
import pymysql
import redis
import requests
from frappe.recorder import RECORDER_INTERCEPT_FLAG, RECORDER_REQUEST_HASH
from frappe.tests.utils import FrappeTestCase

from sanyou_app.core import sealing, voting
from sanyou_app.tests.fixtures import deputy_logins, make_town, make_vote, register_keys, user_for
from sanyou_app.tests.http import Server
from sanyou_app.voting.ballot_box import BALLOT_BOX

ITEMS = ["村庄扶贫路", "连心小院", "丁楼村张庄路", "陈集新村下水道", "返乡创业园", "村卫生室"]
MARKS = voting.marks_for(voting.PROJECT_VOTE)
CODES = voting.mark_codes(voting.PROJECT_VOTE)
ALL_SHEETS = list(itertools.product(MARKS, repeat=len(ITEMS)))  # 729 distinct ballots


def sheet_of(i: int) -> dict:
	return dict(zip(ITEMS, ALL_SHEETS[(i * 37) % len(ALL_SHEETS)], strict=True))


def code_of(sheet: dict) -> str:
	return "".join(CODES[sheet[item]] for item in ITEMS)


def log_files() -> list[str]:
	"""Every log file Frappe and the bench write."""
	bench = frappe.utils.get_bench_path()
	site_logs = os.path.join(os.path.abspath(frappe.local.sites_path), frappe.local.site, "logs")
	return sorted(
		set(glob.glob(os.path.join(bench, "logs", "*"))) | set(glob.glob(os.path.join(site_logs, "*")))
	)


class LogWatch:
	"""What was appended to every log file between start and read (and the server's own logs)."""

	def __init__(self, server):
		self.server = server
		self.sizes = {path: os.path.getsize(path) for path in log_files() if os.path.isfile(path)}

	def read(self) -> dict[str, str]:
		out = {}
		for path in [*log_files(), self.server.access_log, self.server.error_log]:
			if not os.path.isfile(path):
				continue
			with open(path, "rb") as f:
				f.seek(self.sizes.get(path, 0))
				out[path] = f.read().decode("utf-8", "replace")
		return out


def cache_mentioning(needles: list[str]) -> list[str]:
	"""Keys of the Redis cache (strings and hashes, raw bytes) holding one of `needles`."""
	cache = frappe.cache
	wanted = [n.encode() for n in needles]
	hits = []
	for key in cache.scan_iter("*"):
		kind = cache.type(key)
		if kind == b"string":
			raw = redis.Redis.get(cache, key) or b""
		elif kind == b"hash":
			raw = b" ".join(k + b" " + v for k, v in redis.Redis.hgetall(cache, key).items())
		else:
			continue
		if any(w in raw for w in wanted):
			hits.append(key)
	return hits


def message(response) -> str:
	return json.loads(json.loads(response.json()["_server_messages"])[0])["message"]


def db_connect(root=False):
	conf = frappe.conf
	return pymysql.connect(
		host=conf.db_host or "127.0.0.1",
		port=int(conf.db_port or 3306),
		user="root" if root else (conf.db_user or conf.db_name),
		password=os.environ.get("SANYOU_DB_ROOT_PASSWORD", "root") if root else conf.db_password,
		database=None if root else conf.db_name,
		autocommit=False,
	)


class SecretVoteOverHttp(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = Server()
		# one congress of 60 deputies with API keys for both tests (creating users is slow)
		cls.town = make_town(deputies=60)
		cls.users = deputy_logins(cls.town.congress, f"sec-{frappe.generate_hash(length=5)}-", api_keys=True)
		cls.roll = frappe.get_all(
			"Congress Deputy",
			filters={"congress": cls.town.congress},
			pluck="name",
			order_by="full_name, name",
		)
		frappe.db.commit()  # nosemgrep: the server reads committed rows

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		super().tearDownClass()

	def electronic_vote(self, seats: int = 3):
		"""An open electronic vote of the class's 60 deputies, all signed in; a teller, a chief
		scrutineer and a scrutineer with their keys."""
		town, users, roll = self.town, self.users, self.roll
		frappe.set_user(user_for("Town Congress Office"))
		try:
			doc = make_vote(
				town,
				mode=voting.ELECTRONIC,
				seats=seats,
				void_if_over_seats=0,
				items=[{"item_label": t} for t in ITEMS],
				officers=[("计票人", roll[0]), ("总监票人", roll[1]), ("监票人", roll[2])],
			)
			for row in doc.voters:
				row.signed_in = 1
			doc.save()
		finally:
			frappe.set_user("Administrator")
		secrets = register_keys(doc.name)
		frappe.set_user(user_for("Town Congress Office"))
		try:
			frappe.get_doc("Secret Vote", doc.name).open_voting()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep: the server reads committed rows
		return doc.name, users, secrets

	def seal(self, vote, sheet) -> str:
		keys = [sealing.decode_key(k) for k in self.keys(vote)]
		digits = sealing.plaintext(voting.PROJECT_VOTE, ITEMS, sheet)
		return sealing.encode(sealing.seal(keys, sealing.envelope(vote, sealing.new_code(), digits)))

	def keys(self, vote):
		from sanyou_app.voting.api import scrutineer_keys

		return scrutineer_keys(vote)

	def cast(self, vote, user, sealed, session=None):
		_, key, secret = user
		return self.server.post(
			"/api/method/sanyou_app.voting.api.cast", key, secret, session=session, vote=vote, sealed=sealed
		)

	def close_and_open(self, vote, users, secrets):
		frappe.db.commit()  # nosemgrep
		frappe.set_user(user_for("Town Congress Office"))
		try:
			frappe.get_doc("Secret Vote", vote).close_voting()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep
		by_user = {u: (u, k, s) for u, k, s in users}
		from sanyou_app.voting.officers import scrutineers

		for row in scrutineers(frappe.get_doc("Secret Vote", vote)):
			_, key, secret = by_user[row.user]
			# the scrutineer's browser: fetch the ballots, remove its layer with the key file, shuffle,
			# send them back; the key itself never travels
			r = self.server.post(
				"/api/method/sanyou_app.voting.sealing.ballots_to_open", key, secret, vote=vote
			)
			self.assertEqual(r.status_code, 200, r.text[:300])
			box = r.json()["message"]
			sealed = [base64.b64decode(b) if b else None for b in box["ballots"]]
			opened = sealing.open_layer(secrets[row.user], sealed, random.SystemRandom())
			back = [base64.b64encode(b).decode() if b is not None else "" for b in opened]
			r = self.server.post(
				"/api/method/sanyou_app.voting.sealing.submit_layer",
				key,
				secret,
				vote=vote,
				layer=box["layer"],
				ballots=json.dumps(back),
			)
			self.assertEqual(r.status_code, 200, r.text[:300])
		frappe.db.rollback()  # read what the server committed

	# --- the attack ----------------------------------------------------------------------------

	def test_an_attacker_with_the_database_and_every_log_cannot_tie_a_deputy_to_a_ballot(self):
		vote, users, secrets = self.electronic_vote()
		frappe.recorder.start()  # an administrator has turned the Recorder on
		frappe.db.commit()  # nosemgrep
		errors_before = frappe.db.count("Error Log")
		watch = LogWatch(self.server)
		sheets = [sheet_of(i) for i in range(len(users))]
		sealed = [self.seal(vote, s) for s in sheets]
		self.assertEqual(len(set(map(code_of, sheets))), len(users))  # every deputy marks differently

		barrier = threading.Barrier(len(users))
		finished: list[tuple[float, int]] = []
		lock = threading.Lock()

		def cast(i):
			barrier.wait()  # all 60 casts in flight together
			r = self.cast(vote, users[i], sealed[i], session=requests.Session())
			with lock:
				finished.append((time.monotonic(), i))
			return r

		with ThreadPoolExecutor(max_workers=len(users)) as pool:
			responses = list(pool.map(cast, range(len(users))))
		self.assertEqual([r.status_code for r in responses], [200] * len(users), responses[0].text[:300])
		self.assertEqual({r.json()["message"]["message"] for r in responses}, {"投票成功"})
		again = self.cast(vote, users[0], sealed[0])
		self.assertEqual((again.status_code, message(again)), (417, "您已投票，不能重复投票"))
		cast_order = [i for _, i in sorted(finished)]

		# during the vote the database holds sealed ballots only: nothing in it reads as marks
		frappe.db.rollback()
		during = frappe.db.sql("select sealed from `tabSealed Ballot` where vote = %s", vote, pluck=True)
		self.assertEqual(len(during), len(users))
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": vote}), 0)
		self.assertEqual(sorted(during), sorted(sealed))  # exactly what the browsers sent, nothing more
		for blob, sheet in zip(sealed, sheets, strict=True):
			self.assertNotIn(
				sealing.plaintext(voting.PROJECT_VOTE, ITEMS, sheet),
				sealing.check_sealed(blob, sealing.envelope_length(vote, len(ITEMS)), 2),
			)
		# and nobody can count them by content, whatever their role
		deputy = users[5]
		for doctype in voting.BALLOT_DOCTYPES:
			r = self.server.get(
				"/api/method/frappe.client.get_count",
				deputy[1],
				deputy[2],
				doctype=doctype,
				filters=json.dumps({"vote": vote}),
			)
			self.assertEqual(r.status_code, 403, r.text[:200])

		self.close_and_open(vote, users, secrets)
		frappe.cache.delete_value(RECORDER_INTERCEPT_FLAG)  # the administrator turns it off again
		frappe.set_user(users[0][0])
		try:
			frappe.get_doc("Secret Vote", vote).count()
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep

		# 1. the stored ballots are the cast ones, as a multiset
		ballots = frappe.db.sql(
			"select * from `tabSecret Ballot` where vote = %s order by name", vote, as_dict=True
		)
		self.assertEqual(Counter(b.marks for b in ballots), Counter(code_of(s) for s in sheets))
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), 0)  # the sealed copies are gone

		# 2. by value and by time: every ballot row is the same but for its random name and marks
		# (and whether those marks make it void)
		opened_at = frappe.db.get_value("Secret Vote", vote, "opened_at")
		for column in set(ballots[0]) - {"name", "marks", "void"}:
			self.assertEqual(len({b[column] for b in ballots}), 1, column)
		self.assertEqual((ballots[0].owner, ballots[0].creation), (BALLOT_BOX, opened_at))
		roll = frappe.db.sql(
			"select cast, modified, modified_by from `tabSecret Vote Voter` where parent = %s",
			vote,
			as_dict=True,
		)
		self.assertEqual(sum(r.cast for r in roll), len(users))
		self.assertEqual(len({(r.modified, r.modified_by) for r in roll}), 1)  # casting left no time

		# 3. by order: matching the n-th cast (or the n-th deputy) to the n-th stored row, in any
		# order the database offers, guesses no better than chance (expected 1 of 60 right)
		orders = {
			"by name": [b.marks for b in ballots],
			"as stored": frappe.db.sql(
				"select marks from `tabSecret Ballot` where vote = %s", vote, pluck=True
			),
			"by the index": frappe.db.sql(
				"select marks from `tabSecret Ballot` force index (vote_void_marks) where vote = %s",
				vote,
				pluck=True,
			),
		}
		for basis, sequence in (("casting", cast_order), ("roll", list(range(len(users))))):
			truth = [code_of(sheets[i]) for i in sequence]
			for how, stored in orders.items():
				right = sum(a == b for a, b in zip(stored, truth, strict=True))
				self.assertLess(right, 10, f"{how} order matches the {basis} order for {right} ballots")

		# 4. by value anywhere else: no marks, sealed ballot or scrutineer's key in any other table
		needles = [code_of(s) for s in sheets] + [b[:40] for b in sealed]
		needles += [sealing.encode(k) for k in secrets.values()]
		self.assertEqual(self.tables_mentioning(needles, skip={"tabSecret Ballot"}), [])

		# 5. by log line: nothing of a ballot or key in any log written during the vote
		logs = watch.read()
		self.assertTrue(any("sanyou_app.voting.api.cast" in text for text in logs.values()))  # logs were kept
		for path, text in logs.items():
			for needle in needles:
				self.assertNotIn(needle, text, f"{needle[:12]}… in {path}")
		self.assertEqual(frappe.db.count("Error Log"), errors_before)

		# 6. the Recorder was on, but recorded no cast and no key
		recorded = json.dumps(list((frappe.cache.hgetall(RECORDER_REQUEST_HASH) or {}).values()), default=str)
		self.assertNotIn("voting.api.cast", recorded)
		self.assertNotIn("submit_layer", recorded)
		self.assertNotIn("ballots_to_open", recorded)
		for needle in needles:
			self.assertNotIn(needle, recorded)

		# 7. nor the cache
		self.assertEqual(cache_mentioning(needles), [])

		# 8. and Frappe's trails hold nothing of ballots
		for doctype, column in (
			("Version", "ref_doctype"),
			("Comment", "reference_doctype"),
			("Activity Log", "reference_doctype"),
			("Access Log", "export_from"),
			("View Log", "reference_doctype"),
			("Error Log", "reference_doctype"),
			("Deleted Document", "deleted_doctype"),
		):
			self.assertEqual(frappe.db.count(doctype, {column: ("in", voting.BALLOT_DOCTYPES)}), 0, doctype)

	def tables_mentioning(self, needles: list[str], skip=frozenset()) -> list[str]:
		"""Every table.column whose values contain one of `needles`."""
		columns = frappe.db.sql(
			"""select table_name, column_name from information_schema.columns
			where table_schema = database()
			and data_type in ('varchar', 'char', 'text', 'mediumtext', 'longtext', 'tinytext', 'json')""",
		)
		hits = []
		by_table: dict[str, list[str]] = {}
		for table, column in columns:
			if table not in skip:
				by_table.setdefault(table, []).append(column)
		for chunk in range(0, len(needles), 40):
			pattern = "|".join(re.escape(n) for n in needles[chunk : chunk + 40])
			for table, cols in by_table.items():
				text = ", ".join(f"ifnull(`{c}`, '')" for c in cols)
				found = frappe.db.sql(
					f"select 1 from `{table}` where concat_ws(' ', {text}) regexp %s limit 1",  # noqa: S608 - names from the schema
					pattern,
				)
				if found:
					hits.append(table)
		return sorted(set(hits))

	# --- faults ---------------------------------------------------------------------------------

	def test_a_failed_cast_leaves_nothing_and_no_ballot_is_lost_or_doubled(self):
		vote, users, secrets = self.electronic_vote()
		errors_before = frappe.db.count("Error Log")
		watch = LogWatch(self.server)
		sheets = [sheet_of(i + 3) for i in range(len(users))]
		sealed = [self.seal(vote, s) for s in sheets]

		# a database error: the deputy's roll row is locked elsewhere and the lock wait times out
		row = frappe.db.get_value("Secret Vote Voter", {"parent": vote, "user": users[0][0]}, "name")
		root = db_connect(root=True)
		holder = db_connect()
		try:
			with root.cursor() as c:
				c.execute("set global innodb_lock_wait_timeout = 2")
			with holder.cursor() as c:
				c.execute("select name from `tabSecret Vote Voter` where name = %s for update", (row,))
			failed = self.cast(vote, users[0], sealed[0])
		finally:
			holder.rollback()
			holder.close()
			with root.cursor() as c:
				c.execute("set global innodb_lock_wait_timeout = 50")
			root.close()
		self.assertEqual(failed.status_code, 417, failed.text[:300])
		self.assertEqual(message(failed), "投票未能完成，选票没有保存，请稍后重新投票")
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), 0)
		self.assertEqual(frappe.db.get_value("Secret Vote Voter", row, "cast"), 0)
		self.assertEqual(frappe.db.count("Error Log"), errors_before)
		retried = self.cast(vote, users[0], sealed[0])
		self.assertEqual(retried.status_code, 200, retried.text[:300])

		# a worker killed while casts are in flight: every deputy retries until the server says
		# the ballot is in (200) or already in (已投票); each ends with exactly one ballot
		outcomes: dict[int, list] = {i: [] for i in range(1, len(users))}

		def cast_until_done(i):
			session = requests.Session()
			for _ in range(20):
				try:
					r = self.cast(vote, users[i], sealed[i], session=session)
				except requests.RequestException as e:
					outcomes[i].append(type(e).__name__)
					time.sleep(0.2)
					continue
				outcomes[i].append(r.status_code)
				if r.status_code == 200 or (r.status_code == 417 and "已投票" in message(r)):
					return
				time.sleep(0.2)

		with ThreadPoolExecutor(max_workers=len(users)) as pool:
			futures = [pool.submit(cast_until_done, i) for i in range(1, len(users))]
			time.sleep(0.05)
			victim = self.server.workers()[0]
			os.kill(victim, signal.SIGKILL)
			for f in futures:
				f.result()

		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), len(users))
		self.assertEqual(frappe.db.count("Secret Vote Voter", {"parent": vote, "cast": 1}), len(users))
		self.assertTrue(all(o and (o[-1] in (200, 417)) for o in outcomes.values()), outcomes)

		self.close_and_open(vote, users, secrets)
		stored = frappe.db.sql("select marks from `tabSecret Ballot` where vote = %s", vote, pluck=True)
		self.assertEqual(Counter(stored), Counter(code_of(s) for s in sheets))
		logs = watch.read()
		for text in logs.values():
			for blob in sealed:
				self.assertNotIn(blob[:40], text)
		self.assertEqual(frappe.db.count("Error Log"), errors_before)
