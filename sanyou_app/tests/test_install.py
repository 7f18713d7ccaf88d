"""The app installs what its users need, and `bench migrate` keeps administrators' edits."""

import json
import os
import subprocess
import sys
import unittest
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

WORKFLOW = "民生实事项目评议审议"
BENCH_CLI = Path.home() / ".local" / "share" / "sanyou-bench-cli" / "bin" / "bench"
ROLES = ("Town Congress Office", "Presidium Member", "Party Committee Approver", "Congress Deputy")


def migrate() -> subprocess.CompletedProcess:
	"""Run `bench --site SITE migrate` in its own process, as an administrator would."""
	sites = Path(frappe.utils.get_bench_path()) / "sites"
	return subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site, "migrate"],
		cwd=sites,
		capture_output=True,
		text=True,
		timeout=900,
	)


class TestInstall(FrappeTestCase):
	def test_roles_have_desk_access(self):
		for role in ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)

	def test_workflow_states_and_transitions(self):
		workflow = frappe.get_doc("Workflow", WORKFLOW)
		self.assertEqual(workflow.document_type, "Livelihood Proposal")
		self.assertEqual(workflow.is_active, 1)
		self.assertEqual(
			list(dict.fromkeys(s.state for s in workflow.states)),
			["待评议", "已评议保留", "已合并", "不予采纳", "初选项目", "主席团已审议", "候选项目"],
		)
		# who may edit where: the deliberating body where it decides (its opinion, see core.proposal)
		editors = {}
		for s in workflow.states:
			editors.setdefault(s.state, set()).add(s.allow_edit)
		self.assertEqual(editors["初选项目"], {"Town Congress Office", "Presidium Member"})
		self.assertEqual(editors["主席团已审议"], {"Party Committee Approver"})
		allowed = {(t.state, t.action): t.allowed for t in workflow.transitions}
		self.assertEqual(allowed[("初选项目", "主席团审议通过")], "Presidium Member")
		self.assertEqual(allowed[("主席团已审议", "党委同意")], "Party Committee Approver")

	def test_workspace_cards_report_print_formats_web_form(self):
		self.assertTrue(frappe.db.exists("Workspace", "民生实事"))
		for card in ("征集项目数", "初选项目数", "候选项目数"):
			self.assertEqual(frappe.db.get_value("Number Card", card, "type"), "Custom")
		self.assertEqual(
			frappe.db.get_value("Report", "Proposals by Village and Channel", "report_type"), "Script Report"
		)
		for pf in ("征集公告", "候选项目情况报告"):
			self.assertEqual(frappe.db.get_value("Print Format", pf, "doc_type"), "Livelihood Cycle")
		web_form = frappe.get_doc("Web Form", "livelihood-proposal")
		self.assertEqual((web_form.published, web_form.login_required), (1, 0))

	def test_each_role_sees_the_workspace_cards_it_may_read(self):
		from frappe.desk.desktop import get_desktop_page

		from sanyou_app.tests.fixtures import user_for

		page = json.dumps({"name": "民生实事", "title": "民生实事", "public": 1})
		counts = ["征集项目数", "初选项目数", "候选项目数", "正在投票的表决"]
		for role in ROLES:
			user = user_for(role)
			frappe.set_user(user)
			try:
				cards = get_desktop_page(page)["number_cards"]["items"]
			finally:
				frappe.set_user("Administrator")
			readable = [
				card
				for card in counts
				if frappe.has_permission(
					frappe.db.get_value("Number Card", card, "document_type"), "read", user=user
				)
			]
			self.assertEqual([c.number_card_name for c in cards], readable, role)
			self.assertEqual(readable[:3], counts[:3], role)  # every role counts the proposals

	def test_migrate_keeps_an_administrators_workflow_edit(self):
		workflow = frappe.get_doc("Workflow", WORKFLOW)
		row = next(t for t in workflow.transitions if t.action == "党委同意")
		original = row.allowed
		row.allowed = "System Manager"
		workflow.save()
		frappe.db.set_value("Role", "Congress Deputy", "desk_access", 0)
		frappe.db.commit()  # nosemgrep: migrate runs in another process
		try:
			for _ in range(2):
				result = migrate()
				self.assertEqual(result.returncode, 0, result.stdout[-2000:] + result.stderr[-2000:])
			frappe.clear_cache()
			workflow = frappe.get_doc("Workflow", WORKFLOW)
			row = next(t for t in workflow.transitions if t.action == "党委同意")
			self.assertEqual(row.allowed, "System Manager")
			self.assertEqual(frappe.db.get_value("Role", "Congress Deputy", "desk_access"), 0)
		finally:
			workflow = frappe.get_doc("Workflow", WORKFLOW)
			next(t for t in workflow.transitions if t.action == "党委同意").allowed = original
			workflow.save()
			frappe.db.set_value("Role", "Congress Deputy", "desk_access", 1)
			frappe.db.commit()  # nosemgrep

	def test_shipped_workflow_json_matches_what_install_created(self):
		spec = json.loads(
			(Path(frappe.get_app_path("sanyou_app")) / "workflow" / "livelihood_proposal.json").read_text()
		)
		workflow = frappe.get_doc("Workflow", spec["name"])
		self.assertEqual(len(workflow.transitions), len(spec["transitions"]))


class TestSetupCheck(FrappeTestCase):
	"""`scripts/setup.sh --check` on the bench and site these tests run on: what it reports done is
	what is there (a second run of setup.sh skips exactly those steps)."""

	@unittest.skipUnless(BENCH_CLI.exists(), f"no bench CLI at {BENCH_CLI} (setup.sh installs it)")
	def test_check_reports_this_bench_and_site_as_they_are(self):
		from sanyou_app.demo import loaded

		script = Path(frappe.get_app_path("sanyou_app")).parent / "scripts" / "setup.sh"
		bench = Path(frappe.utils.get_bench_path()).resolve()
		run = subprocess.run(
			["bash", str(script), "--check", "--no-serve"],
			capture_output=True,
			text=True,
			timeout=300,
			env={**os.environ, "SANYOU_BENCH": str(bench), "SANYOU_SITE": frappe.local.site},
		)
		report = {line[9:].split(" (")[0] for line in run.stdout.splitlines() if line.startswith("ok ")}
		missing = {line[9:].split(" (")[0] for line in run.stdout.splitlines() if line.startswith("MISSING")}
		for step in ("bench CLI", "Frappe bench", "apps/sanyou_app is this checkout"):
			self.assertIn(step, report, run.stdout)
		self.assertIn("the app's requirements in the bench's virtualenv", report, run.stdout)
		self.assertIn(f"site {frappe.local.site} with sanyou_app", report, run.stdout)
		self.assertIn("demo loaded", report if loaded() else missing, run.stdout)
		self.assertEqual(run.returncode, 0 if loaded() else 1, run.stdout + run.stderr)
