"""The base of the browser tests: the served demo site and one chromium for a test class.

The site must be served at its host_name (.ci/run serves it with gunicorn); the demo's rows are
committed first, since the served site reads only what is committed.
"""

import unittest

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from sanyou_app.tests import browser
from sanyou_app.tests.test_print_and_demo import ensure_demo

PASSWORD = "Sanyou@2026"


def served_site(unavailable: type[Exception] = AssertionError) -> str:
	"""The site's address, with the demo committed (the served site reads only what is committed);
	`unavailable` raised when the site does not answer there."""
	ensure_demo()
	frappe.db.commit()  # nosemgrep: the served site reads committed rows
	url = frappe.utils.get_url()
	try:
		requests.get(f"{url}/api/method/ping", timeout=30).raise_for_status()
	except requests.RequestException as e:
		raise unavailable(
			f"the site is not served at its host_name {url} ({e}); serve it (see .ci/run)"
		) from e
	return url


def skip_without_chromium() -> None:
	"""Skip the test class where there is no chromium to drive."""
	if reason := browser.available():
		raise unittest.SkipTest(f"browser tests skipped: {reason}")


class BrowserCase(FrappeTestCase):
	# a page's wait, in ms (None: Playwright's own); a loaded test machine answers slowly
	page_timeout: int | None = None

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		skip_without_chromium()
		cls.base_url = served_site()
		cls.browser = browser.Browser()

	@classmethod
	def tearDownClass(cls):
		if getattr(cls, "browser", None):
			cls.browser.close()
		super().tearDownClass()

	def visitor(self, tag: str, user: str | None = None, **kwargs) -> browser.Visitor:
		"""A person at the site, logged in as `user` if given; closed after the test."""
		visitor = browser.Visitor(self.browser, self.base_url, tag, **kwargs)
		if self.page_timeout:
			visitor.context.set_default_timeout(self.page_timeout)
		self.addCleanup(visitor.close)
		if user:
			visitor.login(user, PASSWORD)
		return visitor
