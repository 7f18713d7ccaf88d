"""The site runs the app's hooks: Frappe's merged hooks (frappe.get_hooks, as every request reads
them) route each protected doctype, request and job through the app's checks."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.common import scope
from sanyou_app.common.naming import TITLES


class SiteRunsTheAppsHooks(FrappeTestCase):
	def hook(self, name):
		return frappe.get_hooks(name)

	def test_ballots_are_refused_to_everyone(self):
		for doctype in ("Secret Ballot", "Sealed Ballot"):
			with self.subTest(doctype=doctype):
				self.assertIn("sanyou_app.voting.permissions.nobody", self.hook("has_permission")[doctype])
				self.assertIn(
					"sanyou_app.voting.permissions.no_rows", self.hook("permission_query_conditions")[doctype]
				)

	def test_scoped_doctypes_and_every_child_table_have_their_conditions(self):
		conditions = self.hook("permission_query_conditions")
		for child in scope.child_parents():
			with self.subTest(child=child):
				self.assertEqual(conditions[child], [scope.CHILD_CONDITIONS])
		for doctype, method in {
			"Party Member": "sanyou_app.party_building.permissions.query_conditions",
			"Deputy Suggestion": "sanyou_app.deputy_liaison.permissions.query_conditions",
			"Rectification Item": "sanyou_app.rectification.permissions.query_conditions",
			"Assessment Score Sheet": "sanyou_app.assessment.permissions.query_conditions",
		}.items():
			with self.subTest(doctype=doctype):
				self.assertIn(method, conditions[doctype])
		self.assertIn(
			"sanyou_app.project_supervision.permissions.project_permission",
			self.hook("has_permission")["Livelihood Project"],
		)

	def test_records_are_named_and_checked_on_save(self):
		events = self.hook("doc_events")
		for doctype in TITLES:
			with self.subTest(doctype=doctype):
				self.assertEqual(events[doctype]["autoname"], ["sanyou_app.common.naming.autoname"])
		self.assertIn("sanyou_app.common.numbers.cast_numbers", events["*"]["before_validate"])
		self.assertIn("sanyou_app.common.files.check_attach_fields", events["*"]["validate"])
		self.assertIn("sanyou_app.common.history.strip_hidden_values", events["Version"]["before_insert"])
		self.assertIn(
			"sanyou_app.voting.permissions.refuse_client_script", events["Client Script"]["validate"]
		)

	def test_requests_and_jobs_pass_the_guards(self):
		self.assertIn("sanyou_app.common.query_guard.check_request", self.hook("auth_hooks"))
		for name in ("before_request", "before_job"):
			with self.subTest(hook=name):
				self.assertIn("sanyou_app.voting.table_guard.guard", self.hook(name))
		self.assertIn("sanyou_app.common.errors.hide_tracebacks", self.hook("before_request"))
		self.assertIn("sanyou_app.common.errors.plain_server_error", self.hook("after_request"))
		overrides = self.hook("override_whitelisted_methods")
		# Frappe calls the last app's override
		self.assertEqual(overrides["frappe.client.get_count"][-1], "sanyou_app.common.query_guard.get_count")
		self.assertEqual(
			overrides["frappe.utils.print_format.download_pdf"][-1], "sanyou_app.common.pdf.download_pdf"
		)

	def test_daily_reminders_are_scheduled(self):
		daily = self.hook("scheduler_events")["daily"]
		for method in (
			"sanyou_app.party_building.reminders.remind_overdue_tasks",
			"sanyou_app.party_building.access.daily",
			"sanyou_app.rectification.reminders.daily",
			"sanyou_app.project_supervision.reminders.remind_overdue_milestones",
		):
			with self.subTest(method=method):
				self.assertIn(method, daily)
