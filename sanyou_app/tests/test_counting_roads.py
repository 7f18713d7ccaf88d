"""Every counting and aggregating road a Frappe v15 client can call, called as every role.

Each road is a whitelisted method (or the REST API) that counts, groups, lists, exports or
searches records. Over HTTP, as real users with API keys, the tests check that:

- ballots (Secret Ballot, Sealed Ballot) are refused to everyone, Administrator included;
- paper entries are counted and listed only by the vote's tellers and scrutineers;
- nobody filters or counts by a field they may not read: the roll's 已电子投票 flag (only the
  office) and a proposer's phone (only the office), on every road.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.core import voting
from sanyou_app.setup.users import insert_users_in_bulk
from sanyou_app.tests.fixtures import (
	deputy_logins,
	make_town,
	make_vote,
	proposal,
	register_keys,
	sealed_ballot,
	user_for,
)
from sanyou_app.tests.http import Server

ROLES = (
	"System Manager",
	"Town Congress Office",
	"Presidium Member",
	"Party Committee Approver",
	"Congress Deputy",
	"Organ Party Committee Officer",
	"Branch Secretary",
	"Party Group Leader",
	"Party Member",
)


def roads(doctype: str, filters: dict, field: str, parent: str | None = None) -> dict[str, tuple]:
	"""{road: (method, path, params)}: every way a client asks Frappe v15 to count or aggregate."""
	f = json.dumps(filters)
	p = {"parent": parent} if parent else {}  # frappe.client takes `parent`, the report view `parent_doctype`
	pd = {"parent_doctype": parent} if parent else {}
	return {
		"client.get_count": (
			"GET",
			"/api/method/frappe.client.get_count",
			{"doctype": doctype, "filters": f, **p},
		),
		"reportview.get_count": (
			"GET",
			"/api/method/frappe.desk.reportview.get_count",
			{"doctype": doctype, "filters": f, **pd},
		),
		"reportview.get (group by)": (
			"GET",
			"/api/method/frappe.desk.reportview.get",
			{
				"doctype": doctype,
				"fields": json.dumps([f"`tab{doctype}`.`{field}`", f"count(`tab{doctype}`.`name`) as n"]),
				"filters": f,
				"group_by": f"`tab{doctype}`.`{field}`",
				**pd,
			},
		),
		"client.get_list": (
			"GET",
			"/api/method/frappe.client.get_list",
			{"doctype": doctype, "fields": json.dumps(["name"]), "filters": f, **p},
		),
		"client.get_value": (
			"GET",
			"/api/method/frappe.client.get_value",
			{"doctype": doctype, "fieldname": "name", "filters": f, **p},
		),
		"REST resource": (
			"GET",
			f"/api/resource/{doctype}",
			{"filters": f, "fields": json.dumps(["name"]), **({"parent": parent} if parent else {})},
		),
		"listview.get_group_by_count": (
			"GET",
			"/api/method/frappe.desk.listview.get_group_by_count",
			{"doctype": doctype, "current_filters": f, "field": "owner"},
		),
		"assigned-to counts": (
			"GET",
			"/api/method/frappe.desk.listview.get_group_by_count",
			{"doctype": doctype, "current_filters": f, "field": "assigned_to"},
		),
		"sidebar stats": (
			"GET",
			"/api/method/frappe.desk.reportview.get_sidebar_stats",
			{"doctype": doctype, "stats": json.dumps([field]), "filters": f},
		),
		"filter dashboard": (
			"POST",
			"/api/method/frappe.desk.reportview.get_filter_dashboard_data",
			{"doctype": doctype, "stats": json.dumps([{"name": field, "type": "Data"}]), "filters": f},
		),
		"number card": (
			"POST",
			"/api/method/frappe.desk.doctype.number_card.number_card.get_result",
			{
				"doc": json.dumps({"document_type": doctype, "function": "Count", "filters_json": f}),
				"filters": f,
			},
		),
		"dashboard chart (heatmap)": (
			"POST",
			"/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			{
				"chart": json.dumps(
					{
						"document_type": doctype,
						"chart_type": "Count",
						"type": "Heatmap",
						"based_on": "creation",
						"filters_json": f,
						"timeseries": 1,
					}
				),
				"filters": f,
			},
		),
		"link search": (
			"POST",
			"/api/method/frappe.desk.search.search_link",
			{"doctype": doctype, "txt": "", "filters": f, "ignore_user_permissions": 1},
		),
		"export": (
			"POST",
			"/api/method/frappe.desk.reportview.export_query",
			{
				"doctype": doctype,
				"file_format_type": "CSV",
				"fields": json.dumps([f"`tab{doctype}`.`name`"]),
				"filters": f,
				"title": doctype,
			},
		),
	}


def learned(response) -> int:
	"""How many records a response reveals (0 for a refusal or an empty answer)."""
	if response.status_code != 200:
		return 0
	ctype = response.headers.get("content-type", "")
	if "json" not in ctype:  # an export: count the CSV's data lines
		return max(len([line for line in response.text.splitlines() if line.strip()]) - 1, 0)
	body = response.json()
	data = body.get("message", body.get("data"))
	if isinstance(data, bool) or data is None:
		return 0
	if isinstance(data, int | float):
		return int(data)
	if isinstance(data, dict):
		if "values" in data:  # reportview.get, compressed
			return sum(int(v[-1]) if str(v[-1]).isdigit() else 1 for v in data["values"])
		if "dataPoints" in data:
			return sum(int(v) for v in data["dataPoints"].values())
		if "stats" in data:
			return sum(int(n) for rows in data["stats"].values() for _, n in rows)
		if "name" in data:
			return 1
		return sum(int(n) for rows in data.values() if isinstance(rows, list) for _, n in rows)
	if isinstance(data, list):
		return sum(int(r["count"]) if isinstance(r, dict) and "count" in r else 1 for r in data)
	return 0


class TestCountingRoads(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = Server(workers=1, threads=8)
		cls.town = make_town(deputies=9)
		deputies = deputy_logins(cls.town.congress, f"road-{frappe.generate_hash(length=5)}-", api_keys=True)
		cls.keys = {}
		for role in ROLES:
			email = f"road-{frappe.scrub(role)}-{frappe.generate_hash(length=5)}@sanyou.test"
			key, secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": "测试" + frappe._(role, lang="zh"),
					"send_welcome_email": 0,
					"roles": [{"role": role}],
					"api_key": key,
					"api_secret": secret,
				}
			)
			user.flags.no_welcome_mail = True
			insert_users_in_bulk(user)
			cls.keys[role] = (key, secret)
		admin_key, admin_secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
		frappe.db.set_value("User", "Administrator", "api_key", admin_key)
		from frappe.utils.password import set_encrypted_password

		set_encrypted_password("User", "Administrator", admin_secret, "api_secret")
		cls.keys["Administrator"] = (admin_key, admin_secret)
		roll = frappe.get_all(
			"Congress Deputy",
			filters={"congress": cls.town.congress},
			pluck="name",
			order_by="full_name, name",
		)
		teller, other_teller = deputies[0], deputies[1]
		cls.keys["teller"] = teller[1:]
		cls.keys["other deputy"] = deputies[5][1:]
		officers = [("计票人", roll[0]), ("计票人", roll[1]), ("总监票人", roll[2])]
		office = user_for("Town Congress Office")

		def as_office(fn):
			frappe.set_user(office)
			try:
				return fn()
			finally:
				frappe.set_user("Administrator")

		# a paper vote being counted, with entries by its tellers
		def paper():
			doc = make_vote(
				cls.town,
				officers=officers,
				seats=1,
				items=[{"item_label": "连心小院"}, {"item_label": "村庄扶贫路"}],
			)
			for row in doc.voters:
				row.signed_in = 1
			doc.save()
			doc.open_voting()
			doc.close_voting()
			return doc.name

		cls.paper = as_office(paper)
		for user in (teller[0], other_teller[0]):
			frappe.set_user(user)
			entry = frappe.new_doc("Paper Ballot Entry")
			entry.update({"vote": cls.paper, "sheet_no": 1})
			entry.run_method("before_validate")
			entry.marks[0].choice = "赞成"
			entry.insert()
		frappe.set_user("Administrator")

		# an electronic vote under way, with sealed ballots
		def electronic():
			doc = make_vote(
				cls.town,
				mode=voting.ELECTRONIC,
				officers=officers,
				seats=1,
				items=[{"item_label": "村卫生室"}, {"item_label": "路灯安装"}],
			)
			for row in doc.voters:
				row.signed_in = 1
			doc.save()
			return doc.name

		cls.electronic = as_office(electronic)
		register_keys(cls.electronic)
		as_office(lambda: frappe.get_doc("Secret Vote", cls.electronic).open_voting())
		from sanyou_app.voting import api

		for user in (deputies[3][0], deputies[4][0]):
			frappe.set_user(user)
			api.cast(cls.electronic, sealed_ballot(cls.electronic, {"村卫生室": "赞成"}))
		frappe.set_user("Administrator")
		cls.proposal = proposal(cls.town.cycle, title="路灯安装", contact_phone="13912340000")
		frappe.db.commit()  # nosemgrep: the server reads committed rows

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		super().tearDownClass()

	def call(self, who: str, road: tuple):
		method, path, params = road
		key, secret = self.keys[who]
		if method == "GET":
			return self.server.get(path, key, secret, **params)
		return self.server.post(path, key, secret, **params)

	def everyone(self):
		return [*ROLES, "Administrator", "teller", "other deputy"]

	def test_ballots_are_counted_by_nobody_on_any_road(self):
		for doctype in voting.BALLOT_DOCTYPES:
			vote = self.electronic if doctype == "Sealed Ballot" else self.paper
			for road, spec in roads(doctype, {"vote": vote}, "vote").items():
				for who in self.everyone():
					r = self.call(who, spec)
					self.assertNotEqual(r.status_code, 200, f"{doctype} · {road} · {who}: {r.text[:200]}")
					self.assertEqual(learned(r), 0)
		# and the desk cannot even open their form or list
		r = self.call(
			"Administrator",
			("GET", "/api/method/frappe.desk.form.load.getdoctype", {"doctype": "Secret Ballot"}),
		)
		self.assertEqual(r.status_code, 403)

	def test_paper_entries_are_counted_only_by_the_votes_tellers_and_scrutineers(self):
		for road, spec in roads("Paper Ballot Entry", {"vote": self.paper}, "vote").items():
			for who in self.everyone():
				r = self.call(who, spec)
				n = learned(r)
				if who == "teller" and road in (
					"client.get_count",
					"reportview.get_count",
					"client.get_list",
				):
					self.assertEqual(n, 2, f"{road} · teller: {r.text[:200]}")
				elif who != "teller":
					self.assertEqual(n, 0, f"{road} · {who}: {r.text[:300]}")

	def test_nobody_counts_by_a_field_they_may_not_read(self):
		cases = [
			# the roll's 已电子投票: only the office reads it
			("Secret Vote Voter", {"parent": self.electronic, "cast": 1}, "cast", "Secret Vote", 2),
			# a proposer's phone: only the office reads it
			("Livelihood Proposal", {"contact_phone": ["like", "139%"]}, "contact_phone", None, 1),
		]
		for doctype, filters, field, parent, office_sees in cases:
			for road in (
				"client.get_count",
				"reportview.get_count",
				"client.get_list",
				"reportview.get (group by)",
			):
				spec = roads(doctype, filters, field, parent)[road]
				r = self.call("Town Congress Office", spec)
				self.assertGreaterEqual(
					learned(r),
					office_sees if road != "reportview.get (group by)" else 1,
					f"{doctype} · {road} · office: {r.text[:300]}",
				)
				for who in ("Congress Deputy", "Presidium Member", "Party Member", "other deputy"):
					r = self.call(who, spec)
					self.assertEqual(learned(r), 0, f"{doctype} · {road} · {who}: {r.text[:300]}")
