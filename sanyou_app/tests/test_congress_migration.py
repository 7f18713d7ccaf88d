"""The congress of every level on a site that held town congresses before (the town demo).

The rename itself (Town Congress → Congress, town → region) runs once, before the doctypes are
synced, on sites installed before it; a fresh install never needs it. These tests hold what it must
leave behind and that running the patches again changes nothing.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.demo.town import TOWN
from sanyou_app.patches import congress_level_from_region, town_congress_to_congress
from sanyou_app.tests.fixtures import tag as unique_tag


class TestCongressMigration(FrappeTestCase):
	def test_no_trace_of_the_old_doctype(self):
		self.assertFalse(frappe.db.exists("DocType", "Town Congress"))
		self.assertFalse(frappe.db.table_exists("Town Congress"))
		self.assertFalse(frappe.db.exists("DocField", {"fieldtype": "Link", "options": "Town Congress"}))
		self.assertFalse(frappe.db.exists("Workspace Link", {"link_to": "Town Congress"}))
		self.assertFalse(frappe.db.exists("User Permission", {"allow": "Town Congress"}))
		self.assertTrue(frappe.db.has_column("Congress", "region"))
		links = frappe.get_all(
			"DocField", filters={"fieldtype": "Link", "options": "Congress"}, pluck="parent", distinct=True
		)
		self.assertTrue(
			{"Congress Deputy", "Deputy Group", "Livelihood Cycle", "Livelihood Import", "Secret Vote"}
			<= set(links)
		)

	def test_the_patches_again_change_nothing(self):
		before = frappe.get_all(
			"Congress", fields=["name", "region", "level", "deputies_count"], order_by="name"
		)
		town_congress_to_congress.execute()
		congress_level_from_region.execute()
		after = frappe.get_all(
			"Congress", fields=["name", "region", "level", "deputies_count"], order_by="name"
		)
		self.assertEqual(before, after)

	def test_a_congress_without_level_gets_it_from_its_region(self):
		name = (
			frappe.get_doc({"doctype": "Congress", "region": f"测试{unique_tag(5)}县", "term_no": 17})
			.insert()
			.name
		)
		frappe.db.set_value("Congress", name, "level", None)
		congress_level_from_region.execute()
		self.assertEqual(frappe.db.get_value("Congress", name, "level"), "县")

	def test_the_town_demo_keeps_its_data_and_links(self):
		congress = frappe.db.get_value(
			"Congress", {"region": TOWN}, ["name", "level", "deputies_count"], as_dict=True
		)
		if not congress:
			self.skipTest("the town demo is not loaded on this site")
		self.assertEqual(congress.level, "乡镇")
		self.assertEqual(congress.deputies_count, 72)
		self.assertEqual(frappe.db.count("Congress Deputy", {"congress": congress.name}), 72)
		self.assertEqual(frappe.db.count("Deputy Group", {"congress": congress.name}), 6)
		self.assertEqual(frappe.db.count("Livelihood Cycle", {"congress": congress.name}), 2)
		self.assertGreaterEqual(frappe.db.count("Secret Vote", {"congress": congress.name}), 3)
		for cycle in frappe.get_all("Livelihood Cycle", filters={"congress": congress.name}, pluck="name"):
			doc = frappe.get_doc("Livelihood Cycle", cycle)
			doc.run_method("validate")  # the cycle still reads its town from the congress's region
			self.assertEqual(doc.town, TOWN)
