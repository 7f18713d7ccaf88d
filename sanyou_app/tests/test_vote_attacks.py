"""The vote attacked over HTTP by its own users, with simultaneous requests.

Each test is an attack that succeeded before its guard existed: a deputy replaying another's
sealed ballot, two identical opening requests, casts racing the close, a teller entering a sheet
twice at once or re-saving another teller's entry, the office pointing a roll row at its own login,
a key nobody can seal with, the office destroying the ballots by declaring a key lost, counting,
signing off and calling the next round twice at once, the box and the roll disagreeing. After each,
the invariant a scrutineer would sign for is checked: nothing lost, nothing doubled, nothing
destroyed.
"""

import base64
import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.core import sealing, voting
from sanyou_app.tests.fixtures import deputy_logins, make_town, make_vote, register_keys, user_for
from sanyou_app.tests.http import Server
from sanyou_app.voting.api import scrutineer_keys

ITEMS = ["村庄扶贫路", "连心小院", "丁楼村张庄路"]
F, A, X = "赞成", "反对", "弃权"
API = "/api/method/"


def message(response) -> str:
	try:
		return json.loads(json.loads(response.json()["_server_messages"])[0])["message"]
	except (KeyError, ValueError, IndexError):
		return response.text[:300]


def at_once(calls):
	"""Run the calls in threads released together by a barrier; their results, in order."""
	barrier = threading.Barrier(len(calls))

	def run(call):
		barrier.wait()
		return call()

	with ThreadPoolExecutor(max_workers=len(calls)) as pool:
		return list(pool.map(run, calls))


def with_api_key(user: str) -> tuple[str, str, str]:
	key, secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
	doc = frappe.get_doc("User", user)
	doc.api_key, doc.api_secret = key, secret
	doc.save(ignore_permissions=True)
	return user, key, secret


class VoteAttacks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = Server()
		cls.town = make_town(deputies=12)
		cls.deputies = deputy_logins(
			cls.town.congress, f"atk-{frappe.generate_hash(length=5)}-", api_keys=True
		)
		cls.roll = frappe.get_all(
			"Congress Deputy",
			filters={"congress": cls.town.congress},
			pluck="name",
			order_by="full_name, name",
		)
		cls.office = with_api_key(user_for("Town Congress Office"))
		# a deputy of another town: reads votes by role, is on no roll here
		other = make_town(deputies=1)
		cls.outsider = deputy_logins(other.congress, f"out-{frappe.generate_hash(length=5)}-", api_keys=True)[
			0
		]
		frappe.db.commit()  # nosemgrep: the server reads committed rows

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		super().tearDownClass()

	# --- requests as the desk sends them ---------------------------------------------------------

	def post(self, who, _method, **data):
		_, key, secret = who
		return self.server.post(API + _method, key, secret, **data)

	def step(self, who, vote, method):
		"""A form button: frm.call(method) → run_doc_method with the document's name."""
		return self.post(who, "run_doc_method", dt="Secret Vote", dn=vote, method=method)

	def load(self, who, doctype, name) -> dict:
		_, key, secret = who
		r = self.server.get(API + "frappe.desk.form.load.getdoc", key, secret, doctype=doctype, name=name)
		self.assertEqual(r.status_code, 200, r.text[:300])
		return r.json()["docs"][0]

	def save(self, who, doc: dict):
		return self.post(who, "frappe.desk.form.save.savedocs", doc=json.dumps(doc), action="Save")

	# --- set-up --------------------------------------------------------------------------------

	def new_vote(self, mode=voting.ELECTRONIC, open_it=True, **values) -> tuple[str, dict]:
		frappe.set_user(self.office[0])
		try:
			doc = make_vote(
				self.town,
				mode=mode,
				seats=2,
				items=[{"item_label": t} for t in ITEMS],
				officers=[
					("计票人", self.roll[0]),
					("计票人", self.roll[1]),
					("总监票人", self.roll[2]),
					("监票人", self.roll[3]),
				],
				**values,
			)
			for row in doc.voters:
				row.signed_in = 1
			doc.save()
		finally:
			frappe.set_user("Administrator")
		secrets = register_keys(doc.name) if mode == voting.ELECTRONIC else {}
		if open_it:
			frappe.set_user(self.office[0])
			try:
				frappe.get_doc("Secret Vote", doc.name).open_voting()
			finally:
				frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep
		return doc.name, secrets

	def sealed(self, vote, marks, code=None, envelope_vote=None) -> str:
		keys = [sealing.decode_key(k) for k in scrutineer_keys(vote)]
		digits = sealing.plaintext(voting.PROJECT_VOTE, ITEMS, marks)
		data = sealing.envelope(envelope_vote or vote, code or sealing.new_code(), digits)
		return sealing.encode(sealing.seal(keys, data))

	def cast(self, i, vote, sealed):
		return self.post(self.deputies[i], "sanyou_app.voting.api.cast", vote=vote, sealed=sealed)

	def fetch_layer(self, who, vote):
		r = self.post(who, "sanyou_app.voting.sealing.ballots_to_open", vote=vote)
		self.assertEqual(r.status_code, 200, message(r))
		return r.json()["message"]

	def opened(self, box, secret) -> str:
		"""What the scrutineer's browser sends back: its layer removed, shuffled."""
		sealed = [base64.b64decode(b) if b else None for b in box["ballots"]]
		out = sealing.open_layer(secret, sealed, random.SystemRandom())
		return json.dumps([base64.b64encode(b).decode() if b is not None else "" for b in out])

	def open_all(self, vote, secrets):
		for who in (self.deputies[2], self.deputies[3]):  # chief scrutineer, then the scrutineer
			box = self.fetch_layer(who, vote)
			r = self.post(
				who,
				"sanyou_app.voting.sealing.submit_layer",
				vote=vote,
				layer=box["layer"],
				ballots=self.opened(box, secrets[who[0]]),
			)
			self.assertEqual(r.status_code, 200, message(r))

	def vote_row(self, vote) -> frappe._dict:
		frappe.db.rollback()  # read what the server committed
		return frappe.db.get_value("Secret Vote", vote, "*", as_dict=True)

	def casts(self, vote) -> int:
		frappe.db.rollback()  # read what the server committed
		return frappe.db.count("Secret Vote Voter", {"parent": vote, "parenttype": "Secret Vote", "cast": 1})

	# --- replay, binding, inclusion -------------------------------------------------------------

	def test_a_sealed_ballot_counts_once_and_only_in_its_own_vote(self):
		vote, secrets = self.new_vote()
		mine = self.sealed(vote, {ITEMS[0]: F}, code="MYCQDE22")
		first = self.cast(4, vote, mine)
		self.assertEqual(first.status_code, 200, message(first))
		tracker = first.json()["message"]["tracker"]
		# the same sealed string from other deputies at once: refused every time, nobody flagged
		replays = at_once([lambda i=i: self.cast(i, vote, mine) for i in range(5, 9)])
		self.assertEqual([r.status_code for r in replays], [417] * 4)
		self.assertTrue(all("已经投入过票箱" in message(r) for r in replays), message(replays[0]))
		self.assertEqual(self.casts(vote), 1)
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), 1)
		# a ballot sealed for these keys but naming another vote of the same length: void at the count
		other = vote[:-1] + ("0" if vote[-1] != "0" else "1")
		self.assertEqual(
			self.cast(5, vote, self.sealed(vote, {ITEMS[1]: F}, envelope_vote=other)).status_code, 200
		)
		self.assertEqual(self.step(self.office, vote, "close_voting").status_code, 200)
		row = self.vote_row(vote)
		self.assertEqual(len(row.trackers.split("\n")), 2)
		self.assertIn(tracker, row.trackers.split("\n"))
		self.open_all(vote, secrets)
		row = self.vote_row(vote)
		self.assertEqual(
			row.receipt_codes.split("\n"), ["MYCQDE22"]
		)  # the other ballot never opened as this vote's
		self.assertEqual(self.step(self.deputies[0], vote, "count").status_code, 200)
		row = self.vote_row(vote)
		self.assertEqual((row.returned, row.valid_ballots, row.void_ballots), (2, 1, 1))

		# every deputy of the vote sees the trackers and codes; a deputy of another town does not
		ok = self.post(self.deputies[7], "sanyou_app.voting.api.verification", vote=vote)
		self.assertEqual(ok.status_code, 200, message(ok))
		self.assertIn(tracker, ok.json()["message"]["trackers"])
		self.assertIn("MYCQDE22", ok.json()["message"]["codes"])
		self.assertEqual(
			self.post(self.outsider, "sanyou_app.voting.api.verification", vote=vote).status_code, 403
		)

	def test_the_box_must_hold_exactly_the_ballots_the_roll_says_were_cast(self):
		vote, secrets = self.new_vote()
		for i in range(4, 8):
			self.assertEqual(self.cast(i, vote, self.sealed(vote, {ITEMS[0]: F})).status_code, 200)
		self.assertEqual(self.step(self.office, vote, "close_voting").status_code, 200)
		frappe.db.rollback()
		# someone with the database removes one sealed ballot: nothing opens any more
		frappe.db.sql("delete from `tabSealed Ballot` where vote = %s limit 1", vote)
		frappe.db.commit()  # nosemgrep
		r = self.post(self.deputies[2], "sanyou_app.voting.sealing.ballots_to_open", vote=vote)
		self.assertEqual(r.status_code, 417)
		self.assertIn("不一致", message(r))

	# --- concurrency ---------------------------------------------------------------------------

	def test_two_identical_openings_at_once_open_the_layer_once(self):
		vote, secrets = self.new_vote()
		marks = [{ITEMS[0]: F, ITEMS[1]: F}, {ITEMS[2]: A}, {ITEMS[0]: F}, {}]
		for i, m in enumerate(marks, start=4):
			self.assertEqual(self.cast(i, vote, self.sealed(vote, m)).status_code, 200)
		self.step(self.office, vote, "close_voting")
		chief = self.deputies[2]
		box = self.fetch_layer(chief, vote)
		layer = self.opened(box, secrets[chief[0]])
		answers = at_once(
			[
				lambda: self.post(
					chief, "sanyou_app.voting.sealing.submit_layer", vote=vote, layer=1, ballots=layer
				)
				for _ in range(3)
			]
		)
		self.assertEqual(
			sorted(r.status_code for r in answers), [200, 417, 417], [message(r) for r in answers]
		)
		scrutineer = self.deputies[3]
		box = self.fetch_layer(scrutineer, vote)
		self.assertEqual(box["layer"], 2)
		last = self.opened(box, secrets[scrutineer[0]])
		answers = at_once(
			[
				lambda: self.post(
					scrutineer, "sanyou_app.voting.sealing.submit_layer", vote=vote, layer=2, ballots=last
				)
				for _ in range(3)
			]
		)
		self.assertEqual(sorted(r.status_code for r in answers), [200, 417, 417])
		# counting twice at once counts once
		answers = at_once([lambda i=i: self.step(self.deputies[i], vote, "count") for i in (0, 1, 2)])
		self.assertEqual(
			sorted(r.status_code for r in answers), [200, 417, 417], [message(r) for r in answers]
		)
		row = self.vote_row(vote)
		self.assertEqual((row.returned, row.valid_ballots, row.void_ballots), (4, 4, 0))
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": vote}), 4)
		counts = {r["item_label"]: r["votes_for"] for r in json.loads(row.count_json)}
		self.assertEqual(counts, {ITEMS[0]: 2, ITEMS[1]: 1, ITEMS[2]: 0})
		# both scrutineers sign at the same moment: both signatures kept, published once
		answers = at_once([lambda i=i: self.step(self.deputies[i], vote, "sign_off") for i in (2, 3)])
		self.assertEqual([r.status_code for r in answers], [200, 200], [message(r) for r in answers])
		row = self.vote_row(vote)
		self.assertEqual(row.status, "已公布")
		self.assertEqual(frappe.db.count("Secret Vote Result", {"parent": vote}), len(ITEMS))
		# the next round, asked for twice at once, is made once
		answers = at_once([lambda: self.step(self.office, vote, "make_next_round") for _ in range(2)])
		codes = sorted(r.status_code for r in answers)
		self.assertLessEqual(frappe.db.count("Secret Vote", {"previous_round": vote}), 1)
		if codes[0] == 200:  # only when the round calls for another one
			self.assertEqual(codes, [200, 417])

	def test_casts_racing_the_close_are_either_in_the_box_or_refused(self):
		vote, _ = self.new_vote()
		ballots = {i: self.sealed(vote, {ITEMS[i % 3]: F}) for i in range(4, 12)}
		calls = [lambda i=i: self.cast(i, vote, ballots[i]) for i in ballots]
		calls.append(lambda: self.step(self.office, vote, "close_voting"))
		answers = at_once(calls)
		self.assertEqual(answers[-1].status_code, 200, message(answers[-1]))
		accepted = sum(r.status_code == 200 for r in answers[:-1])
		refused = [message(r) for r in answers[:-1] if r.status_code != 200]
		self.assertTrue(all("现在不能投票" in m for m in refused), refused)
		row = self.vote_row(vote)
		self.assertEqual(row.status, "计票中")
		self.assertEqual(self.casts(vote), accepted)
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), accepted)
		self.assertEqual(len(row.trackers.split("\n")) if row.trackers else 0, accepted)

	def test_simultaneous_sign_ins_are_all_kept(self):
		vote, _ = self.new_vote(open_it=False)
		frappe.db.sql("update `tabSecret Vote Voter` set signed_in = 0 where parent = %s", vote)
		frappe.db.commit()  # nosemgrep
		answers = at_once(
			[
				lambda d=d: self.post(
					self.office, "sanyou_app.voting.api.sign_in", vote=vote, voters=json.dumps([d])
				)
				for d in self.roll
			]
			+ [
				lambda: self.post(
					self.office, "sanyou_app.voting.api.sign_in", vote=vote, voters=json.dumps(self.roll[:3])
				)
			]
		)
		self.assertEqual({r.status_code for r in answers}, {200}, message(answers[0]))
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.count("Secret Vote Voter", {"parent": vote, "signed_in": 1}), len(self.roll)
		)
		self.assertEqual(max(r.json()["message"]["present"] for r in answers), len(self.roll))
		# a deputy cannot sign anyone in
		r = self.post(
			self.deputies[5], "sanyou_app.voting.api.sign_in", vote=vote, voters=json.dumps(self.roll)
		)
		self.assertEqual(r.status_code, 403)

	# --- the roll, the keys ----------------------------------------------------------------------

	def test_a_roll_row_cannot_be_pointed_at_another_login(self):
		vote, _ = self.new_vote(open_it=False)
		doc = self.load(self.office, "Secret Vote", vote)
		victim = doc["voters"][5]
		victim["user"] = self.office[0]
		victim["voter_name"] = "镇人大办"
		r = self.save(self.office, doc)
		self.assertEqual(r.status_code, 200, message(r))
		frappe.db.rollback()
		deputy_user = frappe.db.get_value("Congress Deputy", victim["deputy"], "user")
		self.assertEqual(frappe.db.get_value("Secret Vote Voter", victim["name"], "user"), deputy_user)
		self.step(self.office, vote, "open_voting")
		r = self.post(self.office, "sanyou_app.voting.api.cast", vote=vote, sealed=self.sealed(vote, {}))
		self.assertEqual(r.status_code, 403)

	def test_keys_nobody_can_seal_with_are_refused_and_only_scrutineers_declare_one_lost(self):
		vote, secrets = self.new_vote(open_it=False)
		chief = self.deputies[2]
		for bad in (bytes(32), bytes([1] + [0] * 31)):
			r = self.post(
				chief, "sanyou_app.voting.sealing.register_key", vote=vote, public_key=sealing.encode(bad)
			)
			self.assertEqual(r.status_code, 417)
			self.assertIn("公钥无效", message(r))
		self.step(self.office, vote, "open_voting")
		for i in (4, 5, 6):
			self.cast(i, vote, self.sealed(vote, {ITEMS[0]: F}))
		self.step(self.office, vote, "close_voting")
		for who in (self.office, self.deputies[6], self.deputies[0]):  # office, a deputy, a teller
			r = self.post(who, "sanyou_app.voting.sealing.declare_key_lost", vote=vote)
			self.assertEqual(r.status_code, 403, message(r))
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), 3)  # nothing destroyed
		r = self.post(chief, "sanyou_app.voting.sealing.declare_key_lost", vote=vote)
		self.assertEqual(r.status_code, 200, message(r))
		row = self.vote_row(vote)
		self.assertEqual((row.status, row.key_lost_by), ("本轮无效", chief[0]))
		self.assertTrue(row.key_lost_at)

	# --- paper entries ---------------------------------------------------------------------------

	def new_entry(self, who, vote, sheet_no, marks) -> dict:
		"""A new entry as the desk's form sends it."""
		return {
			"doctype": "Paper Ballot Entry",
			"__islocal": 1,
			"name": f"new-paper-ballot-entry-{frappe.generate_hash(length=6)}",
			"vote": vote,
			"sheet_no": sheet_no,
			"marks": [
				{"doctype": "Paper Ballot Entry Mark", "item_label": label, "choice": marks.get(label)}
				for label in ITEMS
			],
		}

	def test_paper_entries_one_per_teller_and_sheet_and_never_another_tellers(self):
		vote, _ = self.new_vote(mode=voting.PAPER)
		self.step(self.office, vote, "close_voting")
		a, b = self.deputies[0], self.deputies[1]
		# teller A sends sheet 1 four times at once: one entry
		answers = at_once([lambda: self.save(a, self.new_entry(a, vote, 1, {ITEMS[0]: F})) for _ in range(4)])
		self.assertEqual(sum(r.status_code == 200 for r in answers), 1, [message(r) for r in answers])
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Paper Ballot Entry", {"vote": vote, "sheet_no": 1}), 1)
		# a sheet entered by one teller alone never agrees: the count refuses it
		r = self.step(a, vote, "count")
		self.assertEqual(r.status_code, 417)
		self.assertIn("第1张只有一名计票人录入", message(r))
		# teller B re-saves A's entry as their own, with other marks: refused, the entry unchanged
		name = frappe.db.get_value("Paper Ballot Entry", {"vote": vote, "sheet_no": 1}, "name")
		doc = self.load(a, "Paper Ballot Entry", name)
		doc["teller"] = b[0]
		for row in doc["marks"]:
			row["choice"] = A
		r = self.save(b, doc)
		self.assertIn(r.status_code, (403, 417), message(r))
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Paper Ballot Entry", name, "teller"), a[0])
		self.assertEqual(
			frappe.get_all("Paper Ballot Entry Mark", filters={"parent": name, "choice": A}, pluck="name"), []
		)
		# B enters the same sheet: it agrees, and is counted once however many count at once
		self.assertEqual(self.save(b, self.new_entry(b, vote, 1, {ITEMS[0]: F})).status_code, 200)
		answers = at_once([lambda i=i: self.step(self.deputies[i], vote, "count") for i in (0, 1, 2, 3)])
		self.assertEqual(
			sorted(r.status_code for r in answers), [200, 417, 417, 417], [message(r) for r in answers]
		)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": vote}), 1)
		# entries racing the count: none is saved once the count is done
		r = self.save(b, self.new_entry(b, vote, 2, {ITEMS[0]: F}))
		self.assertEqual(r.status_code, 417)

	# --- a System Manager's roads to SQL -----------------------------------------------------

	def test_a_system_manager_reaches_no_ballot_by_template_console_script_or_process_list(self):
		vote, secrets = self.new_vote()
		for i in (4, 5, 6):
			self.assertEqual(self.cast(i, vote, self.sealed(vote, {ITEMS[0]: F})).status_code, 200)
		self.step(self.office, vote, "close_voting")
		self.open_all(vote, secrets)
		self.assertEqual(self.step(self.deputies[0], vote, "count").status_code, 200)
		frappe.db.rollback()
		sm = with_api_key(user_for("System Manager"))
		frappe.db.commit()  # nosemgrep
		# what each road would print if it reached the table ("MARKS:" only ever comes from a row, never
		# from the request's own text, which an error message may echo)
		spellings = [
			"select concat('MA', 'RKS:', marks) from `tabSecret Ballot`",
			"select concat('MA', 'RKS:', m) from (select marks as m from `tabSecret Ballot`) t",
			"select concat('MA', 'RKS:', marks) from `tabSecret Ballot` where vote like '%'",
			"select concat('MA', 'RKS:', sealed) from `tabSealed Ballot`",
		]

		def leaked(response) -> bool:
			return "MARKS:" in response.text

		# 1. Jinja in a print format (frappe.db.sql and frappe.get_all are there), rendered on a record
		# the System Manager may read; the doctype's name is pieced together, so the request itself
		# names no ballot table
		name = f"攻击模板{frappe.generate_hash(length=5)}"
		fmt = self.post(
			sm,
			"frappe.client.insert",
			doc=json.dumps(
				{
					"doctype": "Print Format",
					"name": name,
					"doc_type": "Congress",
					"module": "Voting",
					"custom_format": 1,
					"print_format_type": "Jinja",
					"html": "{% set t = 'Secret' ~ ' ' ~ 'Ballot' %}"
					"{{ frappe.db.sql(\"select concat('MA', 'RKS:', marks) from `tab\" ~ t ~ \"`\") }}"
					"{% for b in frappe.get_all(t, fields=['marks']) %}{{ 'MA' ~ 'RKS:' ~ b.marks }}{% endfor %}",
				}
			),
		)
		self.assertEqual(fmt.status_code, 200, message(fmt))
		_, key, secret = sm
		page = self.server.get(
			API + "frappe.www.printview.get_html_and_style",
			key,
			secret,
			doc="Congress",
			name=self.town.congress,
			print_format=name,
		)
		self.assertFalse(leaked(page), page.text[:300])
		# 2. the System Console: SQL (named outright, or escaped inside the request's JSON) and Python
		for query in spellings:
			for doc in (
				json.dumps({"doctype": "System Console", "console": query, "type": "SQL"}),
				json.dumps({"doctype": "System Console", "console": query, "type": "SQL"}).replace(
					"Ballot", "\\u0042allot"
				),
			):
				r = self.post(sm, "frappe.desk.doctype.system_console.system_console.execute_code", doc=doc)
				self.assertFalse(leaked(r), r.text[:300])
		python = (
			"t = 'Secret' + ' ' + 'Ballot'\n"
			"for b in frappe.get_all(t, fields=['marks']):\n\tlog('MA' + 'RKS:' + b.marks)\n"
			"for n in frappe.get_all(t, pluck='name'):\n\tlog('MA' + 'RKS:' + frappe.get_doc(t, n).marks)"
		)
		r = self.post(
			sm,
			"frappe.desk.doctype.system_console.system_console.execute_code",
			doc=json.dumps({"doctype": "System Console", "console": python, "type": "Python"}),
		)
		self.assertFalse(leaked(r), r.text[:300])
		# 3. the server's process list (a cast's statements, live)
		r = self.post(sm, "frappe.desk.doctype.system_console.system_console.show_processlist")
		self.assertNotEqual(r.status_code, 200)
		# 4. a Client Script on the vote's form, which would run in every deputy's browser
		r = self.post(
			sm,
			"frappe.client.insert",
			doc=json.dumps(
				{
					"doctype": "Client Script",
					"name": f"攻击脚本{frappe.generate_hash(length=5)}",
					"dt": "Secret Vote",
					"enabled": 1,
					"script": "console.log(1)",
				}
			),
		)
		self.assertEqual(r.status_code, 403, message(r))
		# and the ballot engine itself still counts: the result is there
		row = self.vote_row(vote)
		self.assertEqual((row.returned, row.valid_ballots), (3, 3))
