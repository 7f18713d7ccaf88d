"""What the desk sends: a new form's defaults arrive as text ("2", "15"), and the app's rules read
numbers all the same (common/numbers.py)."""

import json

import frappe
from frappe.desk.form.save import savedocs
from frappe.tests.utils import FrappeTestCase

from sanyou_app.assessment.install import ensure_default_rulebook
from sanyou_app.tests.party_fixtures import make_branches
from sanyou_app.tests.test_assessment import TEMPLATES


def save_as_the_desk(values: dict):
	"""Save a new record the way the desk's 保存 does: the form's JSON, numbers as the form holds them."""
	temporary = "new-" + values["doctype"].lower().replace(" ", "-") + "-" + frappe.generate_hash(length=10)
	savedocs(json.dumps({"__islocal": 1, "docstatus": 0, "name": temporary, **values}), "Save")
	return frappe.get_doc(values["doctype"], frappe.response.docs[-1]["name"])


class TestDeskInput(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		ensure_default_rulebook()
		cls.o = make_branches(1)

	def test_a_cycle_saved_from_the_desk_with_its_default_caps(self):
		cycle = save_as_the_desk(
			{
				"doctype": "Assessment Cycle",
				"year": "2026",
				"title": f"桌面考核{self.o.tag}",
				"party_committee": self.o.root,
				"max_advanced_branches": "2",
				"max_advanced_groups": "3",
				"max_excellent_member_percent": "15",
				"rectify_below_percent": "60",
				**TEMPLATES,
			}
		)
		self.assertEqual(
			(cycle.max_advanced_branches, cycle.max_excellent_member_percent, cycle.job_status),
			(2, 15.0, "进行中"),
		)
		with self.assertRaises(frappe.ValidationError) as caught:
			save_as_the_desk(
				{
					"doctype": "Assessment Cycle",
					"year": "2026",
					"title": f"桌面考核负数{self.o.tag}",
					"party_committee": self.o.root,
					"max_advanced_branches": "-1",
					**TEMPLATES,
				}
			)
		self.assertIn("先进党支部名额：不能为负数", str(caught.exception))

	def test_a_branch_saved_from_the_desk_with_its_default_term(self):
		branch = save_as_the_desk(
			{
				"doctype": "Party Branch",
				"branch_name": f"桌面支部{self.o.tag}",
				"parent_party_branch": self.o.root,
				"term_years": "3",
			}
		)
		self.assertEqual(branch.term_years, 3)
		with self.assertRaises(frappe.ValidationError) as caught:
			save_as_the_desk(
				{
					"doctype": "Party Branch",
					"branch_name": f"桌面支部七年{self.o.tag}",
					"parent_party_branch": self.o.root,
					"term_years": "7",
				}
			)
		self.assertIn("任期(年)：应在1到5年之间", str(caught.exception))
