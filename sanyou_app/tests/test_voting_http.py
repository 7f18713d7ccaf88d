"""Electronic casting through HTTP against the served site, and the secrecy of what it leaves.

These tests talk to the site as a browser would (`host_name`, which `.ci/run` serves with
gunicorn), so every record Frappe writes for a request is written, and then look through the
whole database for anything that ties a ballot to the deputy who cast it.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from sanyou_app.tests.fixtures import deputy_logins, make_town, make_vote, user_for
from sanyou_app.voting.ballot_box import BALLOT_BOX

BALLOT_TABLE = "tabSecret Ballot"
ITEMS = [("村庄扶贫路", 286.5), ("连心小院", 45.8), ("丁楼村张庄路", 92)]


def api_users(congress: str, tag: str) -> list[tuple[str, str, str]]:
	"""(user, api key, api secret) for every deputy of a congress, in roll order."""
	return deputy_logins(congress, f"http-{tag}-", api_keys=True)


def open_vote(town, users, officers=()) -> str:
	frappe.set_user(user_for("Town Congress Office"))
	try:
		doc = make_vote(
			town, mode="电子投票", seats=2, items=[{"item_label": t} for t, _ in ITEMS], officers=officers
		)
		for row in doc.voters:
			row.signed_in = 1
		doc.save()
		doc.open_voting()
	finally:
		frappe.set_user("Administrator")
	frappe.db.commit()  # nosemgrep: the web server reads committed rows
	return doc.name


def cast_url() -> str:
	return frappe.utils.get_url("/api/method/sanyou_app.voting.api.cast")


def cast(session, key: str, secret: str, vote: str, marks: dict, url: str | None = None) -> requests.Response:
	"""POST a cast as the deputy holding the API key (threads pass `url`: frappe.local is per thread)."""
	return session.post(
		url or cast_url(),
		json={"vote": vote, "marks": marks},
		headers={"Authorization": f"token {key}:{secret}", "Accept": "application/json"},
		timeout=120,
	)


def server_message(response: requests.Response) -> str:
	"""The message Frappe sends with a refused request."""
	messages = json.loads(response.json()["_server_messages"])
	return json.loads(messages[0])["message"]


def marks_for(i: int) -> dict:
	"""Different deputies mark differently, so a leak would show who chose what."""
	choices = ("赞成", "反对", "弃权")
	return {title: choices[(i + j) % 3] for j, (title, _) in enumerate(ITEMS)}


class TestCastingOverHttp(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		try:
			requests.get(frappe.utils.get_url("/api/method/ping"), timeout=5).raise_for_status()
		except requests.RequestException as e:
			raise AssertionError(
				f"the site must be served at its host_name ({frappe.utils.get_url()}) for these tests: {e}"
			) from None

	def test_200_concurrent_casts_make_200_ballots_and_a_double_cast_counts_once(self):
		town = make_town(deputies=200)
		users = api_users(town.congress, frappe.generate_hash(length=5))
		vote = open_vote(town, users)
		session = requests.Session()
		session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=50))
		with ThreadPoolExecutor(max_workers=50) as pool:
			url = cast_url()
			responses = list(
				pool.map(
					lambda iu: cast(session, iu[1][1], iu[1][2], vote, marks_for(iu[0]), url),
					enumerate(users),
				)
			)
		self.assertEqual([r.status_code for r in responses], [200] * 200)
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": vote}), 200)
		self.assertEqual(frappe.db.count("Secret Vote Voter", {"parent": vote, "cast": 1}), 200)

		# ten other deputies each send two casts at the same instant: one of each pair counts
		town2 = make_town(deputies=10)
		pairs = api_users(town2.congress, frappe.generate_hash(length=5))
		vote2 = open_vote(town2, pairs)
		barrier = threading.Barrier(20)
		url = cast_url()

		def twice(user):
			barrier.wait()
			return cast(requests.Session(), user[1], user[2], vote2, marks_for(0), url)

		with ThreadPoolExecutor(max_workers=20) as pool:
			results = list(pool.map(twice, [u for u in pairs for _ in range(2)]))
		codes = sorted(r.status_code for r in results)
		self.assertEqual(codes.count(200), 10, [r.text[:200] for r in results if r.status_code != 200][:3])
		refused = [r for r in results if r.status_code != 200]
		self.assertEqual(len(refused), 10)
		self.assertEqual({server_message(r) for r in refused}, {"您已投票，不能重复投票"})
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": vote2}), 10)

	def test_nothing_ties_a_ballot_to_its_deputy(self):
		town = make_town(deputies=12)
		users = api_users(town.congress, frappe.generate_hash(length=5))
		deputies = frappe.get_all(
			"Congress Deputy", filters={"congress": town.congress}, fields=["name", "full_name", "user"]
		)
		officers = [("计票人", deputies[0].name), ("总监票人", deputies[1].name)]
		vote = open_vote(town, users, officers)
		session = requests.Session()
		for i, (_user, key, secret) in enumerate(users):
			response = cast(session, key, secret, vote, marks_for(i))
			self.assertEqual(response.status_code, 200, response.text[:300])
			self.assertEqual(response.json(), {"message": {"message": "投票成功"}})  # no ballot name returned
		# a refused cast too: errors must not log the ballot with the user
		refused = cast(session, users[0][1], users[0][2], vote, marks_for(0))
		self.assertEqual((refused.status_code, server_message(refused)), (417, "您已投票，不能重复投票"))

		ballots = frappe.db.sql("select * from `tabSecret Ballot` where vote = %s", vote, as_dict=True)
		self.assertEqual(len(ballots), 12)
		self.assertEqual(sorted(b.marks for b in ballots), sorted(["赞反弃", "反弃赞", "弃赞反"] * 4))
		opened_at = frappe.db.get_value("Secret Vote", vote, "opened_at")
		# every ballot row looks the same but for its random name and its marks
		for column in set(ballots[0]) - {"name", "marks"}:
			self.assertEqual(len({b[column] for b in ballots}), 1, column)
		self.assertEqual((ballots[0].owner, ballots[0].modified_by), (BALLOT_BOX, BALLOT_BOX))
		self.assertEqual((ballots[0].creation, ballots[0].modified), (opened_at, opened_at))
		# stored order (by random name) is not the order of casting (chance of a match: 1 in 34,650)
		codes = {"赞成": "赞", "反对": "反", "弃权": "弃"}
		in_cast_order = ["".join(codes[m] for m in marks_for(i).values()) for i in range(12)]
		self.assertNotEqual([b.marks for b in sorted(ballots, key=lambda b: b.name)], in_cast_order)

		# no value that names a deputy stands in any ballot row
		identity = set()
		for d in deputies:
			identity |= {d.name, d.full_name, d.user}
		identity |= set(frappe.get_all("Secret Vote Voter", filters={"parent": vote}, pluck="name"))
		identity |= {u[1] for u in users}
		for row in ballots:
			leaked = {str(v) for v in row.values()} & identity
			self.assertFalse(leaked, leaked)

		# and no ballot's name stands anywhere else in the database
		names = [b.name for b in ballots]
		self.assertEqual(self.tables_mentioning(names), [])

		# the roll records who took part, with nothing that orders the casts
		roll = frappe.db.sql(
			"select cast, modified, modified_by from `tabSecret Vote Voter` where parent = %s",
			vote,
			as_dict=True,
		)
		self.assertEqual(sum(r.cast for r in roll), 12)
		self.assertEqual(len({(r.modified, r.modified_by) for r in roll}), 1)

		# Frappe's own trails hold nothing about ballots
		for doctype, column in (
			("Version", "ref_doctype"),
			("Comment", "reference_doctype"),
			("Activity Log", "reference_doctype"),
			("Access Log", "export_from"),
			("View Log", "reference_doctype"),
			("Error Log", "reference_doctype"),
			("Deleted Document", "deleted_doctype"),
		):
			self.assertEqual(
				frappe.db.count(doctype, {column: ("in", ["Secret Ballot", "Secret Ballot Mark"])}),
				0,
				doctype,
			)
		self.assertEqual(frappe.db.count("Route History", {"route": ("like", "%secret-ballot%")}), 0)

		# nobody reads ballots through the desk, reports or the REST API; a System Manager neither
		for user in (users[3][0], user_for("Town Congress Office")):
			frappe.set_user(user)
			try:
				self.assertFalse(frappe.has_permission("Secret Ballot", "read"))
				with self.assertRaises(frappe.PermissionError):
					frappe.get_list("Secret Ballot", fields=["name"])
			finally:
				frappe.set_user("Administrator")
		response = requests.get(
			frappe.utils.get_url("/api/resource/Secret Ballot"),
			headers={"Authorization": f"token {users[3][1]}:{users[3][2]}"},
			timeout=30,
		)
		self.assertEqual(response.status_code, 403)

	def tables_mentioning(self, names: list[str]) -> list[str]:
		"""Every table.column outside the ballot tables whose values contain one of `names`."""
		pattern = "|".join(names)
		columns = frappe.db.sql(
			"""select table_name, column_name from information_schema.columns
			where table_schema = database()
			and data_type in ('varchar', 'char', 'text', 'mediumtext', 'longtext', 'tinytext', 'json')""",
		)
		hits = []
		for table, column in columns:
			if table == BALLOT_TABLE:
				continue
			found = frappe.db.sql(
				f"select 1 from `{table}` where `{column}` regexp %s limit 1",  # noqa: S608 - names from the schema
				pattern,
			)
			if found:
				hits.append(f"{table}.{column}")
		return hits
