"""A server error, asked over HTTP by a logged-in user who is not Administrator, is answered in one
plain Chinese sentence, never with its traceback; the Error Log still records it. (The test site
runs outside developer mode, as a town's server does.)"""

import json

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from sanyou_app.common.errors import SERVER_ERROR
from sanyou_app.tests.fixtures import PASSWORD, user_for
from sanyou_app.tests.http import Server

# a whitelisted method called without its required argument: Python's TypeError, a server error
FAILING = "/api/method/sanyou_app.livelihood_projects.api.download_template"
ADMIN_PASSWORD = "admin"
TRACES = ("Traceback", "apps/frappe", "sanyou_app/", 'File "', ".py")


class ServerErrorsAreToldPlainly(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if frappe.conf.developer_mode:
			raise AssertionError("run on a site outside developer mode, as a town's server is")
		cls.user = user_for("Town Congress Office")
		frappe.db.commit()  # nosemgrep: the server reads committed rows
		cls.server = Server(workers=1, threads=4)
		cls.start = frappe.utils.now_datetime()
		cls.session = requests.Session()
		login = cls.server.post("/api/method/login", session=cls.session, usr=cls.user, pwd=PASSWORD)
		assert login.status_code == 200, login.text

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		# the Error Logs the failing requests left (Frappe inserts a request's log a moment later)
		from frappe.deferred_insert import save_to_db

		save_to_db()
		for name in frappe.get_all("Error Log", filters=cls.ours(), pluck="name"):
			frappe.delete_doc("Error Log", name, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the logs are the server's, committed
		super().tearDownClass()

	def ask(self, path, **params):
		return self.session.get(
			self.server.url + path, params=params, headers=self.server.headers(), timeout=60
		)

	def assertNoTraceback(self, response):
		for trace in TRACES:
			self.assertNotIn(trace, response.text)

	def test_a_server_error_is_told_in_one_sentence_and_logged(self):
		before = self.logged()
		r = self.ask(FAILING)
		self.assertEqual(r.status_code, 500, r.text)
		self.assertNoTraceback(r)
		body = r.json()
		self.assertNotIn("exc", body)
		self.assertNotIn("exception", body)
		messages = [json.loads(m)["message"] for m in json.loads(body["_server_messages"])]
		self.assertEqual(len(messages), 1)
		head, tail = SERVER_ERROR.split("{reference}")
		self.assertTrue(messages[0].startswith(head) and messages[0].endswith(tail), messages[0])
		# the Error Log has the whole traceback
		logs = self.logged() - before
		self.assertEqual(len(logs), 1, logs)
		error = frappe.db.get_value("Error Log", logs.pop(), "error")
		self.assertIn("Traceback", error)
		self.assertIn("download_template", error)

	def test_the_v2_api_says_the_same(self):
		r = self.ask(FAILING.replace("/api/method/", "/api/v2/method/"))
		self.assertEqual(r.status_code, 500, r.text)
		self.assertNoTraceback(r)
		(error,) = r.json()["errors"]
		self.assertNotIn("exception", error)
		self.assertTrue(error["message"].startswith("服务器出错"), error)

	def test_a_refusal_keeps_its_own_message_and_loses_its_traceback(self):
		r = self.ask(FAILING, import_type="无此类型")
		self.assertEqual(r.status_code, 417, r.text)
		self.assertNoTraceback(r)
		messages = [json.loads(m)["message"] for m in json.loads(r.json()["_server_messages"])]
		self.assertEqual(messages, ["未知的导入类型：无此类型"])

	def test_administrator_still_reads_the_traceback(self):
		admin = requests.Session()
		login = self.server.post("/api/method/login", session=admin, usr="Administrator", pwd=ADMIN_PASSWORD)
		if login.status_code != 200:
			self.skipTest("Administrator's password on this site is not the bench's default")
		r = admin.get(self.server.url + FAILING, headers=self.server.headers(), timeout=60)
		self.assertEqual(r.status_code, 500, r.text)
		self.assertIn("Traceback", r.text)

	@classmethod
	def ours(cls) -> dict:
		"""The Error Logs of the failing requests (Frappe inserts a request's Error Log a moment
		later, as Administrator: it is known by its title)."""
		return {"method": ("like", "download_template() missing%"), "creation": (">=", cls.start)}

	def logged(self) -> set[str]:
		from frappe.deferred_insert import save_to_db

		save_to_db()
		frappe.db.commit()  # nosemgrep: read what the server's log inserted
		return set(frappe.get_all("Error Log", filters=self.ours(), pluck="name"))
