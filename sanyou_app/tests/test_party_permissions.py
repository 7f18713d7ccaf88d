"""The running site against docs/permissions.md: two branches, users of every role, every
Party Building doctype, and every road to the data — list views (get_list, reportview, counts),
forms (get_doc, getdoc, client.get, client.get_value), writes, creation, submission, script
reports, print views, link search and the REST API over HTTP.

A secretary of the first branch must see nothing of the second branch by any of these roads.
"""

import json

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from sanyou_app.core.party import CHILD_PARENTS, SCOPE_FIELDS
from sanyou_app.core.permission_matrix import NONE, may_read, may_write, read_matrix
from sanyou_app.tests.party_fixtures import PASSWORD, ROLE_USER, make_two_branches

MATRIX = read_matrix()
REPORTS = {
	"Branch Meetings by Quarter": ("Party Meeting", {"year": 2025}),
	"Unpaid Party Dues": ("Party Dues", {"year": 2025}),
	"Overdue Party Tasks": ("Party Task", {}),
	"Quarterly Test Scores by Branch": ("Quarterly Test Score", {"year": 2001}),
}
DENIED = (frappe.PermissionError, frappe.DoesNotExistError)


def call(cmd: str, **kwargs):
	"""A whitelisted method as the web handler resolves it: override_whitelisted_methods apply."""
	for hook in reversed(frappe.get_hooks("override_whitelisted_methods", {}).get(cmd, [])):
		cmd = hook
		break
	method = frappe.get_attr(cmd)
	frappe.is_whitelisted(method)
	return method(**kwargs)


def _unescape(text: str) -> str:
	"""JSON responses escape non-ASCII characters; read them back as text."""
	try:
		return json.dumps(json.loads(text), ensure_ascii=False)
	except ValueError:
		return text


class as_user:
	def __init__(self, user):
		self.user = user

	def __enter__(self):
		frappe.set_user(self.user)

	def __exit__(self, *exc):
		frappe.set_user("Administrator")
		frappe.local.form_dict = frappe._dict()


class TestPartyPermissions(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.o = o = make_two_branches()
		cls.people = {
			"officer": frappe._dict(branch=None, group=None, member=None),
			"sec1": frappe._dict(branch=o.b1, group=None, member=o.sec1m),
			"gl1": frappe._dict(branch=o.b1, group=o.g1a, member=o.gl1m),
			"mem1": frappe._dict(branch=o.b1, group=o.g1a, member=o.m1m),
		}

	def records(self, doctype):
		return [r for r in self.o.records if r.doctype == doctype]

	def each(self):
		"""(role, user key, doctype, its rights, its records) for the whole matrix."""
		for doctype, roles in MATRIX.items():
			for role, rights in roles.items():
				key = ROLE_USER[role]
				yield role, key, doctype, rights, self.records(doctype)

	def readable(self, rights, record, key):
		return may_read(rights["read"], record, self.people[key])

	def test_every_doctype_has_records_in_the_test_organisation(self):
		self.assertEqual(sorted({r.doctype for r in self.o.records}), sorted(MATRIX))

	def test_roles_and_user_permissions_follow_the_records(self):
		from frappe.core.doctype.user_permission.user_permission import get_user_permissions

		o, users = self.o, self.o.users
		expected = {
			users.sec1: ({"Branch Secretary", "Party Member"}, {"Party Branch": [o.b1]}),
			users.gl1: (
				{"Party Group Leader", "Party Member"},
				{"Party Branch": [o.b1], "Party Group": [o.g1a]},
			),
			users.mem1: ({"Party Member"}, {"Party Branch": [o.b1], "Party Member": [o.m1m]}),
		}
		for user, (roles, permissions) in expected.items():
			party_roles = set(frappe.get_roles(user)) & {
				"Branch Secretary",
				"Party Group Leader",
				"Party Member",
			}
			self.assertEqual(party_roles, roles, user)
			got = {k: sorted(p["doc"] for p in v) for k, v in get_user_permissions(user).items()}
			self.assertEqual(got, permissions, user)

	# --- lists ---------------------------------------------------------------------------------

	def test_list_roads(self):
		for role, key, doctype, rights, records in self.each():
			names = [r.name for r in records]
			expected = {r.name for r in records if self.readable(rights, r, key)}
			with self.subTest(role=role, doctype=doctype), as_user(self.o.users[key]):
				filters = {"name": ("in", names)}
				if rights["read"] == NONE:
					with self.assertRaises(frappe.PermissionError):
						frappe.get_list(doctype, filters=filters)
					with self.assertRaises(frappe.PermissionError):
						frappe.client.get_list(doctype, filters=filters)
					continue
				self.assertEqual(set(frappe.get_list(doctype, filters=filters, pluck="name")), expected)
				got = frappe.client.get_list(doctype, filters=filters, fields=["name"], limit_page_length=0)
				self.assertEqual({r.name for r in got}, expected)
				self.assertEqual(
					call("frappe.client.get_count", doctype=doctype, filters=filters), len(expected)
				)
				frappe.local.form_dict = frappe._dict(
					doctype=doctype,
					fields=json.dumps([f"`tab{doctype}`.`name`"]),
					filters=json.dumps([[doctype, "name", "in", names]]),
					page_length=500,
				)
				listed = frappe.desk.reportview.get()
				self.assertEqual({row[0] for row in (listed or {}).get("values", [])}, expected)

	def test_child_table_roads(self):
		"""A query on a child table (`frappe.client.get_list(child, parent=...)`, the REST API on a
		child doctype) returns only rows of parents the user may read."""
		for child, parents in CHILD_PARENTS.items():
			for parent in parents:
				names = [r.name for r in self.records(parent)]
				with_rows = set(
					frappe.get_all(
						child, filters={"parenttype": parent, "parent": ("in", names)}, pluck="parent"
					)
				)
				for role, key in ROLE_USER.items():
					rights = MATRIX[parent][role]
					visible = {r.name for r in self.records(parent) if self.readable(rights, r, key)}
					with self.subTest(child=child, parent=parent, role=role), as_user(self.o.users[key]):
						args = dict(
							parent=parent,
							fields=["parent"],
							filters=[["parent", "in", names]],
							limit_page_length=0,
						)
						if rights["read"] == NONE:
							with self.assertRaises(frappe.PermissionError):
								frappe.client.get_list(child, **args)
							continue
						got = {r.parent for r in frappe.client.get_list(child, **args)}
						self.assertEqual(got, with_rows & visible)

	def test_files_and_workflow_actions_of_another_branch_stay_hidden(self):
		from frappe.workflow.doctype.workflow_action.workflow_action import process_workflow_actions

		o = self.o
		task_b2 = next(r.name for r in self.records("Party Task") if r.branch == o.b2)
		transfer_b1, transfer_b2 = (
			next(r.name for r in self.records("Membership Transfer") if r.branch == b) for b in (o.b1, o.b2)
		)
		for name, doctype, prefix in (
			(task_b2, "Party Task", o.marker),
			(o.meeting_b1, "Party Meeting", "甲"),
		):
			frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"{prefix}佐证材料.txt",
					"attached_to_doctype": doctype,
					"attached_to_name": name,
					"is_private": 1,
					"content": b"evidence",
				}
			).insert()
		for name in (transfer_b1, transfer_b2):  # the actions the workflow opens for a draft
			process_workflow_actions(frappe.get_doc("Membership Transfer", name), "save")
		self.assertTrue(frappe.db.exists("Workflow Action", {"reference_name": transfer_b2}))
		with as_user(o.users.sec1):
			files = frappe.client.get_list(
				"File",
				filters={"attached_to_name": ("in", [task_b2, o.meeting_b1])},
				fields=["file_name"],
				limit_page_length=0,
			)
			self.assertEqual([f.file_name for f in files], ["甲佐证材料.txt"])
			actions = frappe.client.get_list(
				"Workflow Action",
				filters={"reference_name": ("in", [transfer_b1, transfer_b2])},
				fields=["reference_name"],
				limit_page_length=0,
			)
			self.assertNotIn(transfer_b2, {a.reference_name for a in actions})
		with as_user(o.users.sec2):
			files = frappe.client.get_list(
				"File", filters={"attached_to_name": task_b2}, fields=["file_name"]
			)
			self.assertEqual([f.file_name for f in files], [f"{o.marker}佐证材料.txt"])

	# --- documents -----------------------------------------------------------------------------

	def test_document_roads(self):
		from frappe.desk.form.load import getdoc

		for role, key, doctype, rights, records in self.each():
			for record in records:
				visible = self.readable(rights, record, key)
				with self.subTest(role=role, doctype=doctype, record=record.name), as_user(self.o.users[key]):
					doc = frappe.get_doc(doctype, record.name)
					self.assertEqual(frappe.has_permission(doctype, "read", doc), visible)
					self.assertEqual(frappe.has_permission(doctype, "print", doc), visible)
					if visible:
						self.assertEqual(frappe.client.get(doctype, record.name)["name"], record.name)
						getdoc(doctype, record.name)
						self.assertEqual(
							frappe.client.get_value(doctype, "name", {"name": record.name})["name"],
							record.name,
						)
					else:
						with self.assertRaises(DENIED):
							frappe.client.get(doctype, record.name)
						with self.assertRaises(DENIED):
							getdoc(doctype, record.name)
						with self.assertRaises(DENIED):
							frappe.get_print(doctype, record.name)
						try:
							value = frappe.client.get_value(doctype, "name", {"name": record.name})
						except DENIED:
							value = None
						self.assertFalse(value)

	def test_write_submit_and_report_rights(self):
		for role, key, doctype, rights, records in self.each():
			with self.subTest(role=role, doctype=doctype), as_user(self.o.users[key]):
				self.assertEqual(frappe.has_permission(doctype, "report"), rights["report"] != NONE)
				for record in records:
					doc = frappe.get_doc(doctype, record.name)
					person = self.people[key]
					self.assertEqual(
						frappe.has_permission(doctype, "write", doc),
						may_write(rights["write"], record, person) and self.readable(rights, record, key),
						f"write {record.name}",
					)
					if frappe.get_meta(doctype).is_submittable:
						self.assertEqual(
							frappe.has_permission(doctype, "submit", doc),
							may_write(rights["submit"], record, person),
							f"submit {record.name}",
						)

	def test_create_rights_in_every_position(self):
		for role, key, doctype, rights, records in self.each():
			fields = SCOPE_FIELDS[doctype]
			spots = {(r.branch, r.group, r.member) for r in records}
			for branch, group, member in spots:
				values = {}
				if fields.branch and fields.branch != "name":
					values[fields.branch] = branch
				if fields.group and fields.group != "name":
					values[fields.group] = group
				if fields.member and fields.member != "name":
					values[fields.member] = member
				spot = frappe._dict(
					branch=values.get(fields.branch),
					group=values.get(fields.group),
					member=values.get(fields.member),
				)
				with self.subTest(role=role, doctype=doctype, spot=spot), as_user(self.o.users[key]):
					doc = frappe.new_doc(doctype)
					doc.update(values)
					self.assertEqual(
						frappe.has_permission(doctype, "create", doc),
						may_write(rights["create"], spot, self.people[key]),
					)

	# --- real writes as each role ------------------------------------------------------------

	def test_writes_land_only_inside_the_scope(self):
		o = self.o
		dues = {r.member: r.name for r in self.records("Party Dues")}
		with as_user(o.users.gl1):  # a group leader records a group-mate's payment ...
			doc = frappe.get_doc("Party Dues", dues[o.m1m])
			doc.paid_on = "2025-01-10"
			doc.save()
			self.assertEqual(frappe.db.get_value("Party Dues", dues[o.m1m], "status"), "已缴")
			for other in (o.x1, o.y2):  # ... but not another group's, nor another branch's
				doc = frappe.get_doc("Party Dues", dues[other])
				doc.paid_on = "2025-01-10"
				with self.assertRaises(frappe.PermissionError):
					doc.save()
		with as_user(o.users.mem1):  # a member logs their own service, nobody else's
			frappe.get_doc(
				{
					"doctype": "Community Service Log",
					"member": o.m1m,
					"service_date": "2025-06-01",
					"activity": "义诊引导",
					"hours": 3,
				}
			).insert()
			for other in (o.gl1m, o.y2):
				with self.assertRaises(frappe.PermissionError):
					frappe.get_doc(
						{
							"doctype": "Community Service Log",
							"member": other,
							"service_date": "2025-06-01",
							"activity": "x",
							"hours": 1,
						}
					).insert()
		with as_user(o.users.sec1):
			member = frappe.get_doc("Party Member", o.x1)
			member.phone = "13900001111"
			member.save()
			with self.assertRaises(frappe.PermissionError):
				frappe.get_doc("Party Member", o.y2).save()
			with self.assertRaises(frappe.PermissionError):  # a branch's records only
				frappe.get_doc(
					{
						"doctype": "Party Affairs Publication",
						"title": "越权公开",
						"party_branch": o.b2,
						"body": "x",
					}
				).insert()
			# a secretary's publication is their branch's: the branch is filled in from their scope
			mine = frappe.get_doc(
				{"doctype": "Party Affairs Publication", "title": "支部公开", "body": "x"}
			).insert()
			self.assertEqual(mine.party_branch, o.b1)
			organ = next(r.name for r in self.records("Party Affairs Publication") if r.branch is None)
			doc = frappe.get_doc("Party Affairs Publication", organ)
			doc.title = "改写全机关公开"
			with self.assertRaises(frappe.PermissionError):  # organ-wide records are the committee's
				doc.save()
			reelection = frappe.get_doc(
				{
					"doctype": "Branch Re-election",
					"party_branch": o.b1,
					"election_date": "2025-06-01",
					"members_on_roll": 4,
					"members_present": 4,
					"officers": [{"member": o.sec1m, "position": "支部书记"}],
				}
			).insert()
			with self.assertRaises(frappe.PermissionError):  # the committee approves a re-election
				reelection.submit()

	def test_counts_of_a_forms_connections_and_organ_figures_stay_in_scope(self):
		o = self.o
		with as_user(o.users.sec1):
			out = call("frappe.desk.notifications.get_open_count", doctype="Quarterly Test", name=o.test)
			found = {f["doctype"]: f["count"] for f in out["count"]["external_links_found"]}
			visible = frappe.get_list("Quarterly Test Score", filters={"test": o.test}, pluck="name")
			self.assertEqual(found["Quarterly Test Score"], len(visible))
			self.assertFalse(
				{r.name for r in self.records("Quarterly Test Score") if r.branch == o.b2} & set(visible)
			)
			test = frappe.client.get("Quarterly Test", o.test)  # the organ-wide figures are the officer's
			self.assertEqual((test.get("scored_count") or 0, test.get("average_score") or 0), (0, 0))
		scored = frappe.db.count("Quarterly Test Score", {"test": o.test})
		with as_user(o.users.officer):
			self.assertEqual(frappe.client.get("Quarterly Test", o.test)["scored_count"], scored)

	def test_sharing_cannot_open_a_record_outside_the_scope(self):
		o = self.o
		with self.assertRaises(frappe.ValidationError):
			frappe.share.add("Party Meeting", o.meeting_b2, o.users.sec1, read=1)
		with self.assertRaises(frappe.ValidationError):
			frappe.share.add("Party Meeting", o.meeting_b2, everyone=1, read=1)
		frappe.share.add("Party Meeting", o.meeting_b1, o.users.sec1, read=1)  # inside the scope: allowed

	# --- reports -------------------------------------------------------------------------------

	def test_script_reports_apply_the_scope(self):
		from frappe.desk.query_report import run

		o = self.o
		visible_branches = {"officer": {o.b1, o.b2}, "sec1": {o.b1}, "gl1": {o.b1}}
		for report, (ref_doctype, filters) in REPORTS.items():
			for role, key in ROLE_USER.items():
				rights = MATRIX[ref_doctype][role]
				with self.subTest(report=report, role=role), as_user(o.users[key]):
					if rights["report"] == NONE:
						with self.assertRaises(frappe.PermissionError):
							run(report, filters=filters)
						continue
					result = run(report, filters=filters)
					rows = result["result"]
					branches = {
						row.get("party_branch") or row.get("branch") for row in rows if isinstance(row, dict)
					}
					branches &= {o.b1, o.b2}
					if key == "officer":
						self.assertEqual(branches, {o.b1, o.b2})
					else:
						self.assertEqual(branches, visible_branches[key])
					self.assertNotIn(
						o.marker, json.dumps(result, ensure_ascii=False, default=str)
					) if key != "officer" else None

	def test_reports_count_only_what_the_user_may_see(self):
		from frappe.desk.query_report import run

		o = self.o
		with as_user(o.users.gl1):
			rows = run("Unpaid Party Dues", filters={"year": 2025, "party_branch": o.b1})["result"]
			self.assertEqual({r["member"] for r in rows if isinstance(r, dict)}, {o.m1m, o.gl1m})
		with as_user(o.users.sec1):
			rows = run("Unpaid Party Dues", filters={"year": 2025})["result"]
			self.assertEqual({r["member"] for r in rows if isinstance(r, dict)}, {o.m1m, o.gl1m, o.x1})
			rows = run("Quarterly Test Scores by Branch", filters={"year": 2001})["result"]
			mine = [r for r in rows if isinstance(r, dict) and r["branch"] == o.b1]
			self.assertEqual(mine[0]["takers"], 3)  # m1, gl1, x1: the second branch's score is not counted
		with as_user(o.users.officer):
			rows = run("Overdue Party Tasks", filters={"party_branch": o.b2})["result"]
			self.assertEqual(len([r for r in rows if isinstance(r, dict)]), 1)

	# --- link search -------------------------------------------------------------------------

	def test_link_search_cannot_switch_user_permissions_off(self):
		o = self.o
		for doctype, other in (("Party Member", o.y2), ("Party Branch", o.b2), ("Party Group", o.g2a)):
			for ignore in (0, 1):
				with self.subTest(doctype=doctype, ignore=ignore), as_user(o.users.sec1):
					found = call(
						"frappe.desk.search.search_link",
						doctype=doctype,
						txt="",
						page_length=100,
						ignore_user_permissions=ignore,
					)
					self.assertNotIn(other, {r["value"] for r in found})
					widget = call(
						"frappe.desk.search.search_widget",
						doctype=doctype,
						txt="",
						page_length=100,
						ignore_user_permissions=ignore,
						as_dict=True,
					)
					self.assertNotIn(other, {r["name"] for r in widget})
		with as_user(o.users.sec1):  # the receiving branch of a transfer: every branch's name
			from sanyou_app.party_building.api import receiving_branches

			names = {r[0] for r in receiving_branches("Party Branch", "", "name", 0, 50, {})}
			self.assertIn(o.b2, names)
			self.assertNotIn(o.root, names)

	# --- the REST API over HTTP ------------------------------------------------------------------

	def test_rest_api_over_http(self):
		host = frappe.conf.get("host_name")
		if not host:
			self.skipTest("host_name is not set: no web server of this site to call")
		o = self.o
		seen_by_sec1 = []
		for role, key in ROLE_USER.items():
			session = requests.Session()
			login = session.post(
				f"{host}/api/method/login", data={"usr": o.users[key], "pwd": PASSWORD}, timeout=30
			)
			self.assertEqual(login.status_code, 200, login.text[:300])
			for doctype in MATRIX:
				rights = MATRIX[doctype][role]
				records = self.records(doctype)
				names = [r.name for r in records]
				with self.subTest(role=role, doctype=doctype):
					listed = session.get(
						f"{host}/api/resource/{doctype}",
						params={
							"filters": json.dumps([["name", "in", names]]),
							"limit_page_length": 0,
						},
						timeout=30,
					)
					if key == "sec1":
						seen_by_sec1.append(listed.text)
					if rights["read"] == NONE:
						self.assertEqual(listed.status_code, 403)
						continue
					self.assertEqual(listed.status_code, 200, listed.text[:300])
					expected = {r.name for r in records if self.readable(rights, r, key)}
					self.assertEqual({r["name"] for r in listed.json()["data"]}, expected)
					for record in records:
						got = session.get(f"{host}/api/resource/{doctype}/{record.name}", timeout=30)
						self.assertEqual(
							got.status_code == 200, record.name in expected, (record.name, got.status_code)
						)
						if key == "sec1" and got.status_code == 200:
							seen_by_sec1.append(got.text)  # a refusal may repeat the name asked for
			if key == "sec1":
				for child, parents in CHILD_PARENTS.items():
					for parent in parents:
						rows = session.get(
							f"{host}/api/resource/{child}",
							params={"parent": parent, "fields": json.dumps(["*"]), "limit_page_length": 0},
							timeout=30,
						)
						self.assertIn(rows.status_code, (200, 403), rows.text[:300])
						seen_by_sec1.append(rows.text)
				for doctype in ("Party Member", "Party Branch", "Party Group", "Party Meeting"):
					found = session.get(
						f"{host}/api/method/frappe.desk.search.search_link",
						params={
							"doctype": doctype,
							"txt": "",
							"ignore_user_permissions": 1,
							"page_length": 100,
						},
						timeout=30,
					)
					seen_by_sec1.append(found.text)
				for report, (_ref, filters) in REPORTS.items():
					ran = session.get(
						f"{host}/api/method/frappe.desk.query_report.run",
						params={"report_name": report, "filters": json.dumps(filters)},
						timeout=60,
					)
					self.assertEqual(ran.status_code, 200, ran.text[:300])
					seen_by_sec1.append(ran.text)
				for doctype, name, content in (
					("Party Meeting", o.meeting_b2, f"{o.marker}支部党员大会"),
					("Party Dues Ledger", o.ledgers[o.b2], f"{o.marker}党员"),
				):
					for print_format in (
						"Standard",
						"会议记录" if doctype == "Party Meeting" else "党费缴纳台账",
					):
						printed = session.get(
							f"{host}/printview",
							params={"doctype": doctype, "name": name, "format": print_format},
							timeout=60,
						)
						# a meeting's name is its date and topic: the refusal may repeat the name asked for
						self.assertNotIn(content, printed.text.replace(name, ""), (doctype, print_format))
				own = session.get(
					f"{host}/printview",
					params={
						"doctype": "Party Dues Ledger",
						"name": o.ledgers[o.b1],
						"format": "党费缴纳台账",
					},
					timeout=60,
				)
				self.assertIn("甲党员", own.text)
				seen_by_sec1.append(own.text)
		leaks = [t[:300] for t in seen_by_sec1 if o.marker in t or o.marker in _unescape(t)]
		self.assertEqual(leaks, [], "the first branch's secretary received something of the second branch")
