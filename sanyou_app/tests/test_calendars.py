"""Every calendar view of the app opens for every demo role that may read its records, over HTTP
with the request the desk's calendar sends (its field map as the view declares it), and shows
exactly the records the user may list in the range."""

import json
import re
from pathlib import Path

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from sanyou_app.tests import test_browser as tb
from sanyou_app.tests.test_print_and_demo import ensure_demo

APP = Path(frappe.get_app_path("sanyou_app"))
USERS = (
	tb.OFFICE,
	tb.PRESIDIUM,
	tb.PARTY,
	tb.DEPUTY,
	tb.ORGAN,
	tb.SECRETARY,
	tb.MEMBER,
	tb.ASSESSOR,
	tb.DEPUTY_AFFAIRS,
)


def calendars() -> dict[str, dict]:
	"""doctype → the field map its *_calendar.js declares."""
	out = {}
	for path in sorted(APP.glob("*/doctype/*/*_calendar.js")):
		text = path.read_text(encoding="utf-8")
		doctype = re.search(r'frappe\.views\.calendar\["([^"]+)"\]', text).group(1)
		block = re.search(r"field_map:\s*\{(.*?)\}", text, re.S).group(1)
		out[doctype] = dict(re.findall(r'(\w+):\s*"([^"]+)"', block))
	return out


class TestCalendars(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()

	def session(self, user: str) -> requests.Session:
		s = requests.Session()
		s.post(
			frappe.utils.get_url("/api/method/login"), data={"usr": user, "pwd": tb.PASSWORD}, timeout=60
		).raise_for_status()
		return s

	def test_every_calendar_opens_for_every_reader_with_their_records(self):
		found = calendars()
		self.assertGreaterEqual(len(found), 9)
		start, end = "2000-01-01", "2100-01-01"
		wrong, shown = [], 0
		for user in USERS:
			s = self.session(user)
			for doctype, field_map in found.items():
				if not frappe.has_permission(doctype, "read", user=user):
					continue
				r = s.get(
					frappe.utils.get_url("/api/method/frappe.desk.calendar.get_events"),
					params={
						"doctype": doctype,
						"start": start,
						"end": end,
						"field_map": json.dumps(field_map),
						"filters": "[]",
					},
					timeout=120,
				)
				if r.status_code != 200:
					wrong.append(f"{doctype} · {user}: {r.status_code} {r.text[:200]}")
					continue
				names = {e["name"] for e in r.json()["message"]}
				readable = set(frappe.get_list(doctype, pluck="name", user=user, limit=0))
				if not names <= readable:
					wrong.append(
						f"{doctype} · {user}: shows {len(names - readable)} records they may not list"
					)
				shown += len(names)
		self.assertEqual(wrong, [], "\n".join(wrong))
		self.assertGreater(shown, 0)
