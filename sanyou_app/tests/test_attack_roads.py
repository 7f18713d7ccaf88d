"""Attacks over HTTP on the three classes of road closed by common/scope.py, common/query_guard.py
and common/history.py, as the roles that would make them, with real logins on a served site.

1. Child tables: every child table of every doctype the app scopes (enumerated from metadata at
   test time) listed through `/api/resource/<child>?parent=`, `frappe.client.get_list` with
   `parent`, the report view grouped by parent and the sidebar's group-by counts, by every role
   that reads the parent doctype: no row of a parent record the user may not read comes back.
2. Expressions: for every field of the app at a permission level above 0, sorting, grouping,
   aggregating or selecting an expression on it is refused to every role that reads the doctype
   but not that level, and allowed to a role that reads it.
3. History: the Version written when a vote's count awaits the scrutineers carries no count, read
   as System Manager over `/api/resource/Version`.
"""

import json
from concurrent.futures import ThreadPoolExecutor

import frappe
import requests
from frappe.model import no_value_fields, table_fields
from frappe.tests.utils import FrappeTestCase

from sanyou_app.common import scope
from sanyou_app.setup.users import insert_users_in_bulk
from sanyou_app.tests.fixtures import PASSWORD, deputy_logins, make_town, make_vote, tag, user_for
from sanyou_app.tests.http import Server

COUNT_FIELDS = ("count_json", "result_text", "returned", "valid_ballots", "void_ballots", "results")


def protected_parents() -> list[str]:
	"""The app's doctypes scoped by a has_permission or list-condition hook, that hold tables."""
	hooks = {*frappe.get_hooks("has_permission", {}), *frappe.get_hooks("permission_query_conditions", {})}
	return sorted(
		name
		for name, doc in scope.app_doctypes().items()
		if name in hooks and not doc.get("istable") and frappe.get_meta(name).get_table_fields()
	)


def hook_only(doctype: str) -> bool:
	return scope.hooked(doctype, "has_permission") and not scope.hooked(
		doctype, "permission_query_conditions"
	)


def read_roles(doctype: str, permlevel: int = 0) -> set[str]:
	return {
		p.role
		for p in frappe.get_meta(doctype).permissions
		if p.read and (p.permlevel or 0) == permlevel and not p.if_owner
	}


def high_fields() -> list[tuple[str, str, str | None, int]]:
	"""(doctype, field, parent doctype, permission level) of every value field of the app above
	level 0, children under each of their parents."""
	out = []
	for name, doc in scope.app_doctypes().items():
		if not frappe.db.exists("DocType", name):
			continue  # not migrated on this site yet
		meta = frappe.get_meta(name)
		parents = [p for p, _ in scope.child_parents().get(name, ())] if doc.get("istable") else [None]
		for df in meta.fields:
			if (
				(df.permlevel or 0) > 0
				and df.fieldtype not in no_value_fields
				and df.fieldtype not in table_fields
			):
				out += [(name, df.fieldname, parent, df.permlevel) for parent in dict.fromkeys(parents)]
	return out


class TestAttackRoads(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.server = Server(workers=2, threads=16)
		cls.made: list[tuple[str, str]] = []
		cls.attackers: dict[str, str] = {}
		roles = set()
		for parent in protected_parents():
			roles |= read_roles(parent)
		for doctype, _, parent, level in high_fields():
			roles |= read_roles(parent or doctype) | read_roles(parent or doctype, level)
		for role in sorted(roles - {"Administrator", "Guest", "All"}):
			cls.attackers[role] = cls.make_user(role)
		cls.town = make_town(deputies=6)
		cls.vote = cls.vote_being_counted()
		cls.add_rows_everywhere()
		frappe.db.commit()  # nosemgrep: the server reads committed rows
		cls.count_text = cls.count_over_http()
		cls.add_rows(frappe.get_doc("Secret Vote", cls.vote))
		frappe.db.commit()  # nosemgrep
		cls.sessions = {role: cls.login(user) for role, user in cls.attackers.items()}

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		for doctype, name in reversed(cls.made):
			frappe.db.delete(doctype, {"name": name})
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	@classmethod
	def make_user(cls, role: str) -> str:
		email = f"atk-{frappe.scrub(role)}-{frappe.generate_hash(length=6)}@sanyou.test"
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "攻击" + frappe._(role, lang="zh"),
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": role}],
			}
		)
		user.flags.no_welcome_mail = True
		insert_users_in_bulk(user)
		return email

	@classmethod
	def login(cls, user: str) -> requests.Session:
		session = requests.Session()
		r = session.post(
			cls.server.url + "/api/method/login",
			data={"usr": user, "pwd": PASSWORD},
			headers=cls.server.headers(),
			timeout=60,
		)
		assert r.status_code == 200, r.text[:300]
		return session

	@classmethod
	def vote_being_counted(cls) -> str:
		"""A paper vote whose sheets its tellers have entered, being counted."""
		tellers = deputy_logins(cls.town.congress, f"atk-{frappe.generate_hash(length=5)}-")
		roll = frappe.get_all(
			"Congress Deputy",
			filters={"congress": cls.town.congress},
			pluck="name",
			order_by="full_name, name",
		)
		frappe.set_user(user_for("Town Congress Office"))
		try:
			vote = make_vote(
				cls.town,
				officers=[("计票人", roll[0]), ("计票人", roll[1]), ("总监票人", roll[2])],
				seats=1,
				items=[{"item_label": "连心小院"}, {"item_label": "村庄扶贫路"}],
			)
			for row in vote.voters:
				row.signed_in = 1
			vote.save()
			vote.open_voting()
			vote.close_voting()
		finally:
			frappe.set_user("Administrator")
		for user in (tellers[0][0], tellers[1][0]):
			frappe.set_user(user)
			try:
				for sheet in (1, 2):
					entry = frappe.new_doc("Paper Ballot Entry")
					entry.update({"vote": vote.name, "sheet_no": sheet})
					entry.run_method("before_validate")
					entry.marks[0].choice = "赞成"
					entry.insert()
			finally:
				frappe.set_user("Administrator")
		from frappe.utils.password import update_password

		cls.teller = tellers[0][0]
		update_password(cls.teller, PASSWORD)
		return vote.name

	@classmethod
	def count_over_http(cls) -> str:
		"""The teller counts in their browser's request (a save in a test's own process keeps no
		Version): the vote then awaits the scrutineers' signatures."""
		r = cls.login(cls.teller).post(
			cls.server.url + "/api/method/run_doc_method",
			data={"dt": "Secret Vote", "dn": cls.vote, "method": "count"},
			headers=cls.server.headers(),
			timeout=120,
		)
		assert r.status_code == 200, r.text[:500]
		frappe.db.rollback()  # read what the server committed
		doc = frappe.get_doc("Secret Vote", cls.vote)
		assert doc.status == "待监票人确认", doc.status
		return doc.result_text

	@classmethod
	def add_rows_everywhere(cls):
		"""A bare record of every scoped doctype with a row in each of its tables: rows that every
		road below must keep from who may not read the record."""
		cls.records = {parent: [] for parent in protected_parents()}
		for parent in protected_parents():
			doc = frappe.new_doc(parent)
			doc.name = f"攻击测试{tag(8)}"  # digits only: browser tests look for English
			doc.db_insert()
			cls.made.append((parent, doc.name))
			cls.add_rows(doc)

	@classmethod
	def add_rows(cls, record):
		"""A row in each table of `record`."""
		cls.records[record.doctype].append(record.name)
		for df in record.meta.get_table_fields():
			row = record.append(df.fieldname, {})
			row.name = f"atk-{frappe.generate_hash(length=10)}"
			row.db_insert()
			cls.made.append((df.options, row.name))

	# --- helpers ------------------------------------------------------------------------------

	def get(self, role: str, path: str, **params):
		"""A request in the role's signed-in session, on a connection of its own (requests fired
		from many threads at once share no connection)."""
		return requests.get(
			self.server.url + path,
			params=params,
			headers=self.server.headers(),
			cookies=self.sessions[role].cookies.get_dict(),
			timeout=120,
		)

	def readable(self, user: str, doctype: str, name: str, cache: dict) -> bool:
		key = (user, doctype, name)
		if key not in cache:
			cache[key] = (
				not hook_only(doctype)
				and frappe.db.exists(doctype, name)
				and frappe.has_permission(doctype, "read", doc=frappe.get_doc(doctype, name), user=user)
			)
		return cache[key]

	# --- 1. child tables ----------------------------------------------------------------------

	def child_roads(self, child: str, parent: str) -> dict[str, tuple[str, dict]]:
		t = f"`tab{child}`"
		fields = json.dumps(["name", "parent", "parenttype"])
		return {
			"REST resource": (f"/api/resource/{child}", {"parent": parent, "fields": fields, "limit": 0}),
			"client.get_list": (
				"/api/method/frappe.client.get_list",
				{"doctype": child, "parent": parent, "fields": fields, "limit_page_length": 0},
			),
			"reportview.get group by": (
				"/api/method/frappe.desk.reportview.get",
				{
					"doctype": child,
					"parent_doctype": parent,
					"fields": json.dumps([f"{t}.`parent`", f"{t}.`parenttype`", f"count({t}.`name`) as n"]),
					"group_by": f"{t}.`parent`, {t}.`parenttype`",
					"page_length": 0,
				},
			),
			"reportview.get_list": (
				"/api/method/frappe.desk.reportview.get_list",
				{"doctype": child, "parent_doctype": parent, "fields": fields, "page_length": 0},
			),
			"group-by counts": (
				"/api/method/frappe.desk.listview.get_group_by_count",
				{"doctype": child, "current_filters": "[]", "field": "parent"},
			),
		}

	@staticmethod
	def listed(road: str, parent: str, response) -> list[tuple[str, str]]:
		"""(parenttype, parent) of every row a response reveals."""
		if response.status_code != 200:
			return []
		body = response.json()
		data = body.get("data", body.get("message"))
		if not data:
			return []
		if isinstance(data, dict) and "keys" in data:
			data = [dict(zip(data["keys"], v, strict=False)) for v in data["values"]]
		if road == "group-by counts":
			return [(parent, r["name"]) for r in data]
		return [(r.get("parenttype") or parent, r.get("parent")) for r in data]

	def setUp(self):
		frappe.db.rollback()  # a fresh read of what the server committed

	def test_child_tables_carry_their_parents_scope(self):
		cases = []
		for parent in protected_parents():
			for df in frappe.get_meta(parent).get_table_fields():
				for role in sorted(read_roles(parent) & set(self.attackers)):
					for road, (path, params) in self.child_roads(df.options, parent).items():
						cases.append((parent, df.options, role, road, path, params))
		with ThreadPoolExecutor(max_workers=16) as pool:  # fired together, as an attacker would
			responses = list(pool.map(lambda c: self.get(c[2], c[4], **c[5]), cases))
		cache: dict = {}
		covered, leaks, answered = set(), [], 0
		for (parent, child, role, road, _, _), response in zip(cases, responses, strict=True):
			self.assertNotEqual(response.status_code // 100, 5, f"{child} · {road}: {response.text[:300]}")
			user = self.attackers[role]
			answered += response.status_code == 200
			for parenttype, name in self.listed(road, parent, response):
				# the test's own records: other tests on the site change theirs meanwhile
				if name in self.records.get(parenttype, ()) and not self.readable(
					user, parenttype, name, cache
				):
					leaks.append(f"{child} · {road} · {role}: a row of {parenttype} {name}")
			# the attack is real when a record with rows of this table is closed to this user
			if any(not self.readable(user, parent, n, cache) for n in self.records[parent]):
				covered.add(child)
		self.assertEqual(leaks, [], "\n".join(leaks[:40]))
		children = {df.options for p in protected_parents() for df in frappe.get_meta(p).get_table_fields()}
		self.assertEqual(sorted(children - covered), [], "tables no attacker was kept from")
		self.assertGreater(answered, len(cases) // 4)  # the roads answer: the rows kept out are filtered

	def test_a_user_lists_the_rows_of_a_parent_they_may_read(self):
		"""The scope filters; it does not close the road: the vote's teller lists its roll."""
		session = self.login(self.teller)
		roll = {"parent": "Secret Vote", "filters": json.dumps({"parent": self.vote}), "limit": 0}
		r = session.get(
			self.server.url + "/api/resource/Secret Vote Voter",
			params=roll,
			headers=self.server.headers(),
			timeout=60,
		)
		self.assertEqual(r.status_code, 200, r.text[:300])
		rows = frappe.db.count("Secret Vote Voter", {"parent": self.vote, "parenttype": "Secret Vote"})
		self.assertEqual(len(r.json()["data"]), rows)
		self.assertGreater(rows, 0)
		for role in ("Congress Deputy", "System Manager", "Town Congress Office"):
			r = self.get(role, "/api/resource/Secret Vote Voter", **roll)
			self.assertEqual(r.json().get("data", []), [], f"{role}: {r.text[:300]}")

	# --- 2. expressions on fields above level 0 -----------------------------------------------

	def expression_roads(
		self, doctype: str, expression: str, parent: str | None
	) -> dict[str, tuple[str, dict]]:
		t = f"`tab{doctype}`"
		p = {"parent_doctype": parent} if parent else {}
		return {
			"order by": (
				"/api/method/frappe.desk.reportview.get",
				{
					"doctype": doctype,
					"fields": json.dumps([f"{t}.`name`"]),
					"order_by": f"{expression} desc",
					**p,
				},
			),
			"group by": (
				"/api/method/frappe.desk.reportview.get",
				{
					"doctype": doctype,
					"fields": json.dumps([f"count({t}.`name`) as n"]),
					"group_by": expression,
					**p,
				},
			),
			"field expression": (
				"/api/method/frappe.desk.reportview.get",
				{"doctype": doctype, "fields": json.dumps([f"{t}.`name`", f"sum({expression}) as x"]), **p},
			),
			"client.get_list order by": (
				"/api/method/frappe.client.get_list",
				{
					"doctype": doctype,
					"fields": json.dumps(["name"]),
					"order_by": expression,
					**({"parent": parent} if parent else {}),
				},
			),
			"REST, fields with unicode escapes": (
				f"/api/resource/{doctype}",
				{
					"fields": json.dumps(["name", f"sum({expression}) as x"]).replace(
						expression[0], f"\\u{ord(expression[0]):04x}"
					),
					"order_by": expression,
					**({"parent": parent} if parent else {}),
				},
			),
		}

	def test_no_sorting_grouping_or_expressions_on_fields_above_ones_level(self):
		cases = []
		for doctype, field, parent, level in high_fields():
			owner = parent or doctype
			attackers = sorted((read_roles(owner) - read_roles(owner, level)) & set(self.attackers))
			readers = sorted(read_roles(owner, level) & read_roles(owner) & set(self.attackers))
			expressions = {
				"bare": field,
				"quoted": f"`tab{doctype}`.`{field}`",
				"if()": f"if({field.upper()},0,1)",
			}
			for kind, expression in expressions.items():
				for road, spec in self.expression_roads(doctype, expression, parent).items():
					cases += [("attack", role, doctype, field, kind, road, spec) for role in attackers]
					cases += [("reader", role, doctype, field, kind, road, spec) for role in readers[:1]]
				if kind == "quoted":  # the same road on a field everyone reads answers
					for road, spec in self.expression_roads(
						doctype, f"`tab{doctype}`.`name`", parent
					).items():
						cases += [("control", role, doctype, "name", kind, road, spec) for role in attackers]
		self.assertGreater(len([c for c in cases if c[0] == "attack"]), 100)
		with ThreadPoolExecutor(max_workers=16) as pool:
			responses = list(pool.map(lambda c: self.get(c[1], c[6][0], **c[6][1]), cases))
		wrong = []
		for (kind, role, doctype, field, form, road, _), r in zip(cases, responses, strict=True):
			label = f"{kind} · {doctype}.{field} ({form}) · {road} · {role}: {r.status_code} {r.text[:160]}"
			if r.status_code >= 500:  # a malformed query is refused with a message, never a server error
				wrong.append(label)
			elif kind == "attack" and r.status_code != 403:
				wrong.append(label)
			elif kind == "control" and r.status_code != 200:
				wrong.append(label)
			elif kind == "reader" and form == "quoted" and road == "order by" and r.status_code != 200:
				wrong.append(label)
		self.assertEqual(wrong, [], "\n".join(wrong[:40]))

	# --- 3. history ---------------------------------------------------------------------------

	def test_the_counts_version_carries_no_count(self):
		self.assertTrue(self.count_text)
		r = self.get(
			"System Manager",
			"/api/resource/Version",
			filters=json.dumps({"ref_doctype": "Secret Vote", "docname": self.vote}),
			fields=json.dumps(["name", "data"]),
			limit=0,
		)
		self.assertEqual(r.status_code, 200, r.text[:300])
		versions = r.json()["data"]
		stored = frappe.db.count("Version", {"ref_doctype": "Secret Vote", "docname": self.vote})
		self.assertEqual(len(versions), stored)
		self.assertGreater(stored, 0)
		changed = set()
		for version in versions:
			data = json.loads(version["data"])
			changed |= {c[0] for c in data.get("changed", [])}
			changed |= {row[0] for key in ("added", "removed", "row_changed") for row in data.get(key, [])}
			self.assertNotIn(self.count_text.splitlines()[0], version["data"])
		self.assertEqual(changed & set(COUNT_FIELDS), set())
		# the roll's 已电子投票 (level 1) is never kept either
		for version in versions:
			for _, row in json.loads(version["data"]).get("added", []):
				self.assertNotIn("cast", row)
