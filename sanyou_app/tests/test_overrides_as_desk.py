"""Every Frappe method the app overrides, called over HTTP with the parameters the desk really
sends (`cmd` and the desk's extras included), and asked to do its job: a link field finds the
deputy typed into it, a chart draws, a count counts, a form loads, a PDF prints.

The methods are enumerated from hooks.py's override_whitelisted_methods: an override added
without a row here fails the first test.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.tests.fixtures import make_town, user_for
from sanyou_app.tests.http import Server
from sanyou_app.tests.test_vote_attacks import with_api_key


class OverridesAsTheDeskCallsThem(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.town = make_town(deputies=3)
		cls.deputy = frappe.get_all(
			"Congress Deputy", filters={"congress": cls.town.congress}, fields=["name", "full_name"], limit=1
		)[0]
		cls.office = with_api_key(user_for("Town Congress Office"))
		cls.chart = frappe.get_doc(
			{
				"doctype": "Dashboard Chart",
				"chart_name": f"代表人数{frappe.generate_hash(length=4)}",
				"chart_type": "Count",
				"document_type": "Congress Deputy",
				"based_on": "creation",
				"timeseries": 1,
				"timespan": "Last Year",
				"time_interval": "Monthly",
				"type": "Line",
				"filters_json": "[]",
				"is_public": 1,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the server reads committed rows
		cls.server = Server(workers=1, threads=4)

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		super().tearDownClass()

	def call(self, method, get=False, **params):
		_, key, secret = self.office
		params = {"cmd": method, **params}  # as frappe.call sends it
		if get:
			return self.server.get(f"/api/method/{method}", key, secret, **params)
		return self.server.post(f"/api/method/{method}", key, secret, **params)

	def desk_calls(self):
		"""{overridden method: (the desk's request, what the answer must show)}."""
		deputy, congress = self.deputy, self.town.congress
		vote_items = json.dumps([["Congress Deputy", "congress", "=", congress]])

		def finds_deputy(r):
			return any(row.get("value") == deputy.name for row in r.json()["message"])

		return {
			"frappe.desk.search.search_link": (
				dict(
					txt=deputy.full_name,
					doctype="Congress Deputy",
					ignore_user_permissions=0,
					reference_doctype="Secret Vote Voter",
					page_length=10,
					filters=json.dumps({"congress": congress}),
				),
				finds_deputy,
			),
			"frappe.desk.search.search_widget": (
				dict(doctype="Congress Deputy", txt=deputy.full_name, page_length=10, as_dict=1),
				lambda r: any(row.get("name") == deputy.name for row in r.json()["message"]),
			),
			"frappe.client.get_count": (
				dict(doctype="Congress Deputy", filters=json.dumps({"congress": congress})),
				lambda r: r.json()["message"] == 3,
			),
			"frappe.desk.listview.get_group_by_count": (
				dict(doctype="Congress Deputy", current_filters=vote_items, field="gender"),
				lambda r: sum(row["count"] for row in r.json()["message"]) == 3,
			),
			"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": (
				dict(
					chart_name=self.chart.name,
					filters="[]",
					refresh=1,
					time_interval="Monthly",
					timespan="Last Year",
				),
				lambda r: sum(r.json()["message"]["datasets"][0]["values"]) >= 3,
			),
			"frappe.desk.notifications.get_open_count": (
				dict(doctype="Congress", name=congress),
				lambda r: "count" in r.json()["message"],
			),
			"frappe.desk.form.load.getdoc": (
				dict(doctype="Congress Deputy", name=deputy.name, _=1),
				lambda r: r.json()["docs"][0]["full_name"] == deputy.full_name,
			),
			"frappe.desk.form.load.get_docinfo": (
				dict(doctype="Congress Deputy", name=deputy.name),
				lambda r: "docinfo" in r.json(),
			),
			"frappe.desk.form.load.get_user_info_for_viewers": (
				dict(users=json.dumps([self.office[0]])),
				lambda r: self.office[0] in r.json()["message"],
			),
			"frappe.utils.print_format.download_pdf": (
				dict(
					get=True,
					doctype="Congress Deputy",
					name=deputy.name,
					format="Standard",
					no_letterhead=1,
					letterhead="No Letterhead",
					settings="{}",
					_lang="zh",
				),
				lambda r: r.content.startswith(b"%PDF"),
			),
			"frappe.utils.print_format.download_multi_pdf": (
				dict(
					get=True,
					doctype="Congress Deputy",
					name=json.dumps([deputy.name]),
					format="Standard",
					no_letterhead=1,
					letterhead="No Letterhead",
					options="{}",
				),
				lambda r: r.content.startswith(b"%PDF"),
			),
			"frappe.utils.print_format.download_multi_pdf_async": (
				dict(
					doctype="Congress Deputy",
					name=json.dumps([deputy.name]),
					format="Standard",
					no_letterhead=1,
					letterhead="No Letterhead",
					options="{}",
				),
				lambda r: bool(r.json()["message"]["task_id"]),
			),
			"frappe.utils.print_format.report_to_pdf": (
				dict(html="<h1>代表名单</h1><p>测试</p>", orientation="Landscape"),
				lambda r: r.content.startswith(b"%PDF"),
			),
		}

	def test_every_override_has_the_desk_call_it_answers(self):
		overridden = set(frappe.get_hooks("override_whitelisted_methods", app_name="sanyou_app"))
		self.assertEqual(overridden - set(self.desk_calls()), set())

	def test_each_override_does_its_job_with_the_desks_parameters(self):
		for method, (params, answers) in self.desk_calls().items():
			with self.subTest(method=method):
				r = self.call(method, **params)
				self.assertIn(r.status_code, (200, 201), f"{method}: {r.text[:300]}")  # 201: a job queued
				self.assertTrue(answers(r), f"{method}: {r.text[:300]}")
