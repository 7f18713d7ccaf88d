"""Each role lands on its own home, and only administrators see Frappe's own workspaces (用户, 网站,
工具, 集成, 构建) and may make or edit workspaces; what an administrator changed stays changed."""

import frappe
from frappe.desk.desktop import get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from sanyou_app.setup.desk import ensure_desk, settings
from sanyou_app.setup.users import insert_users_in_bulk
from sanyou_app.tests.party_fixtures import make_user

FRAPPE_WORKSPACES = {"Users", "Website", "Tools", "Integrations", "Build"}


def user_with(role: str) -> str:
	"""A user holding `role` alone (made once, kept between runs)."""
	return make_user(f"desk-{frappe.scrub(role).replace('_', '-')}@sanyou.test", [role])


def sidebar(user: str) -> set[str]:
	frappe.set_user(user)
	try:
		return {page["name"] for page in get_workspace_sidebar_items()["pages"]}
	finally:
		frappe.set_user("Administrator")


class DeskHomes(FrappeTestCase):
	def test_non_administrators_see_their_work_and_not_frappe_s_workspaces(self):
		for role, home in (
			("Congress Deputy", "我的履职"),
			("Town Congress Office", "民生实事"),
			("Branch Secretary", "机关党建"),
			("Deputy Affairs Office", "代表联络"),
			("Project Leader", "项目监督"),
		):
			with self.subTest(role=role):
				pages = sidebar(user_with(role))
				self.assertEqual(pages & FRAPPE_WORKSPACES, set())
				self.assertIn(home, pages)
		manager = make_user("desk-manager@sanyou.test", ["System Manager"])
		self.assertLessEqual(FRAPPE_WORKSPACES, sidebar(manager))

	def test_only_workspace_managers_make_or_edit_workspaces(self):
		deputy = user_with("Congress Deputy")
		for ptype in ("create", "write", "delete"):
			self.assertFalse(frappe.has_permission("Workspace", ptype, user=deputy), ptype)
		self.assertTrue(frappe.has_permission("Workspace", "read", user=deputy))
		frappe.set_user(deputy)
		try:
			self.assertFalse(get_workspace_sidebar_items()["has_create_access"])
		finally:
			frappe.set_user("Administrator")
		manager = make_user("desk-ws-manager@sanyou.test", ["Workspace Manager"])
		self.assertTrue(frappe.has_permission("Workspace", "create", user=manager))

	def test_a_new_user_lands_on_their_role_s_home(self):
		for role, home in (
			("Branch Secretary", "机关党建"),
			("Congress Deputy", "我的履职"),
			("Party Member", "我的党建"),
			("Deputy Affairs Office", "代表联络"),
			("Implementation Group", "项目监督"),
		):
			with self.subTest(role=role):
				email = f"home-{frappe.generate_hash(length=6)}@sanyou.test"
				user = frappe.get_doc(
					{"doctype": "User", "email": email, "first_name": "新用户", "send_welcome_email": 0}
				)
				insert_users_in_bulk(user)  # Frappe throttles sign-ups to 60 an hour; a suite makes more
				user.add_roles(role)
				self.assertEqual(frappe.db.get_value("User", email, "default_workspace"), home)

	def test_the_office_s_login_answer_opens_its_home(self):
		office = user_with("Town Congress Office")
		frappe.db.set_value("User", office, "default_workspace", None)
		ensure_desk()
		self.assertEqual(frappe.db.get_value("User", office, "default_workspace"), "民生实事")

	def test_administrators_edits_survive_setup(self):
		self.addCleanup(self.undo_edits)
		user = user_with("Branch Secretary")
		frappe.db.set_value("User", user, "default_workspace", "民生实事")
		website = frappe.get_doc("Workspace", "Website")
		rows = [r.role for r in website.roles]
		self.assertEqual(rows, settings()["admin_roles"])
		frappe.db.delete("Has Role", {"parenttype": "Workspace", "parent": "Website"})
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parenttype": "Workspace",
				"parentfield": "roles",
				"parent": "Website",
				"role": "All",
				"idx": 1,
			}
		).db_insert()
		frappe.clear_document_cache("Workspace", "Website")
		frappe.db.set_value("Custom DocPerm", {"parent": "Workspace", "role": "Desk User"}, "create", 1)
		ensure_desk()
		self.assertEqual(frappe.db.get_value("User", user, "default_workspace"), "民生实事")
		self.assertEqual(
			frappe.get_all(
				"Has Role", filters={"parenttype": "Workspace", "parent": "Website"}, pluck="role"
			),
			["All"],
		)
		self.assertEqual(
			frappe.db.get_value("Custom DocPerm", {"parent": "Workspace", "role": "Desk User"}, "create"), 1
		)
		self.assertIn("Website", sidebar(user_with("Congress Deputy")))

	def undo_edits(self):
		frappe.db.rollback()
		frappe.clear_document_cache("Workspace", "Website")
		frappe.clear_cache(doctype="Workspace")
