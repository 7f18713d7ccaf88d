"""The demo's second half reproduces the source: 2020's five projects completed within the year
with five inspections, 2021's four under way with three, 2–3 liaison deputies each, the
pre-evaluation, the 2020 survey on the projects, and one 不满意 project on the rectification list."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.demo import TOWN
from sanyou_app.tests.test_print_and_demo import CYCLE_2020, CYCLE_2021, ensure_demo


class TestImplementationDemo(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()
		if not frappe.db.exists("Project Inspection", {"cycle": CYCLE_2020}):
			from sanyou_app.demo import implementation

			implementation.load()
			frappe.set_user("Administrator")

	def projects(self, cycle):
		return frappe.get_all(
			"Livelihood Project",
			filters={"cycle": cycle},
			fields=[
				"name",
				"title",
				"workflow_state",
				"progress",
				"investment",
				"satisfaction_rate",
				"satisfaction_grade",
			],
			order_by="vote_rank asc",
		)

	def test_2020_projects_completed_within_the_year(self):
		rows = self.projects(CYCLE_2020)
		self.assertEqual(len(rows), 5)
		self.assertEqual({r.workflow_state for r in rows}, {"已完成"})
		self.assertEqual(round(sum(r.investment for r in rows), 2), 624.66)
		self.assertEqual(frappe.db.count("Project Inspection", {"cycle": CYCLE_2020}), 5)
		completed = frappe.get_all("Livelihood Project", filters={"cycle": CYCLE_2020}, pluck="completed_on")
		self.assertTrue(all(d.year == 2020 for d in completed))
		rates = {r.title: (r.satisfaction_rate, r.satisfaction_grade) for r in rows}
		self.assertEqual(rates["村庄扶贫路"], (100.0, "满意"))
		self.assertEqual(rates["刘桥镇返乡大学生创业园"], (98.5, "满意"))
		self.assertEqual(frappe.db.count("Pre-evaluation", {"cycle": CYCLE_2020}), 15)

	def test_2021_projects_under_way_with_three_inspections(self):
		rows = self.projects(CYCLE_2021)
		self.assertEqual(len(rows), 4)
		self.assertEqual(sorted(r.workflow_state for r in rows), ["实施中", "实施中", "已完成", "已完成"])
		self.assertEqual(round(sum(r.investment for r in rows), 2), 276)
		self.assertEqual(frappe.db.count("Project Inspection", {"cycle": CYCLE_2021}), 3)

	def test_two_or_three_liaison_deputies_who_log_their_visits(self):
		for project in frappe.get_all("Livelihood Project", filters={"town": TOWN}, pluck="name"):
			deputies = frappe.get_all("Project Liaison Deputy", filters={"parent": project}, pluck="deputy")
			self.assertIn(len(deputies), (2, 3), project)
			logged = set(frappe.get_all("Supervision Log", filters={"project": project}, pluck="deputy"))
			self.assertEqual(logged, set(deputies), project)

	def test_the_unsatisfied_project_is_on_the_rectification_list(self):
		project = frappe.db.get_value(
			"Livelihood Project", {"cycle": CYCLE_2021, "title": "镇卫生院停车场建设"}, "name"
		)
		self.assertEqual(frappe.db.get_value("Livelihood Project", project, "satisfaction_grade"), "不满意")
		items = frappe.get_all(
			"Rectification Item",
			filters={"owner_doctype": "Livelihood Project", "owner_name": project},
			fields=["source_kind", "status"],
		)
		self.assertEqual(items, [{"source_kind": "满意度测评", "status": "待整改"}])

	def test_completion_report_of_2020(self):
		html = frappe.get_print("Livelihood Cycle", CYCLE_2020, "项目完成情况报告")
		for text in (
			"关于2020年民生实事项目完成情况的报告",
			"主席团组织视察、督查5次",
			"合计（5个项目）",
			"624.66",
		):
			self.assertIn(text, html)
