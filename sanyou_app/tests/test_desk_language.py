"""The desk reads in Chinese for every role, down to Frappe's own screens, lands each role on its
own home, and asks the reason of every 退回 — in a real browser.

A deputy and the office log in through /login like a person and land on their home workspace; the
sidebar shows none of Frappe's own workspaces (用户, 网站, 工具, 集成, 构建) nor the buttons that make
or edit workspaces. Then their home, a list (ages like "5 年"), a form with its comment box's text
editor opened (toolbar words and tooltips), a date-time field (its time zone), a calendar view
(month and day names), the desk's and the website's 404 pages, the user menu and the help menu:
each fails on any Latin word on the screen — text, pseudo-element text (the editor's pickers),
tooltips — beyond record numbers, e-mails, links and the words of core/desk_language.py. Last,
the 机关党委 presses 退回 on a membership transfer, is asked why, writes it and the record goes
back with the reason in its timeline.
"""

from urllib.parse import quote

import frappe
from frappe.model.workflow import apply_workflow

from sanyou_app.core.desk_language import english_lines
from sanyou_app.tests import browser
from sanyou_app.tests.browser_case import BrowserCase

OFFICE = "bangongshi@liuqiao.example.cn"
DEPUTY = "daibiao@liuqiao.example.cn"
ORGAN = "dangwei@rdjg.example.cn"
FRAPPE_WORKSPACES = (
	"用户",
	"网站",
	"工具",
	"集成",
	"构建",
	"Users",
	"Website",
	"Tools",
	"Integrations",
	"Build",
)

# What the screen says beyond its text nodes: the text of ::before/::after (Quill's pickers and link
# tooltip print their words so) and the tooltips (title) of what is visible.
_HIDDEN_WORDS = """() => {
	const out = [];
	for (const el of document.body.querySelectorAll("*")) {
		if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
		for (const pseudo of ["::before", "::after"]) {
			const content = getComputedStyle(el, pseudo).content;
			if (content && content !== "none" && content !== "normal" && /^".*"$/.test(content)) {
				out.push(JSON.parse(content));
			}
		}
		const title = el.getAttribute("title");
		if (title && !el.closest(".list-row-col, .list-subject, .standard-filter-section")) out.push(title);
	}
	return out.join("\\n");
}"""


class TestDeskLanguage(BrowserCase):
	page_timeout = 120_000

	def look(self, visitor: browser.Visitor, name: str) -> None:
		"""The page's checks (errors, English text) and its pseudo-element words and tooltips."""
		visitor.check(name)
		for line in english_lines(visitor.page.evaluate(_HIDDEN_WORDS)):
			visitor.problems.append(f"{visitor._where} [{name}]: English in a tooltip or label: {line}")

	def tour(
		self,
		visitor: browser.Visitor,
		home: str,
		form: str,
		datetime_form: str,
		calendar: str | None = None,
		editor_form: str | None = None,
	) -> None:
		page = visitor.page
		# lands on its home, which shows none of Frappe's own workspaces nor the workspace buttons
		self.assertTrue(page.url.endswith("/app/" + quote(home)), page.url)
		sidebar = page.locator(".desk-sidebar").inner_text()
		for name in FRAPPE_WORKSPACES:
			self.assertNotIn(name, sidebar.split())
		self.assertEqual(page.locator(".btn-new-workspace:visible, .btn-edit-workspace:visible").count(), 0)
		self.look(visitor, "home")
		# the user menu and the help menu
		page.locator(".dropdown-navbar-user > button, .dropdown-navbar-user > a").first.click()
		page.wait_for_timeout(300)
		self.assertIn("退出登录", page.locator(".dropdown-navbar-user .dropdown-menu").inner_text())
		self.look(visitor, "user-menu")
		page.keyboard.press("Escape")
		page.locator(".dropdown-help > button, .dropdown-help > a").first.click()
		page.wait_for_timeout(300)
		self.look(visitor, "help-menu")
		page.keyboard.press("Escape")
		# a list, with its records' ages
		doctype = form.split("/")[2]
		visitor.visit(f"/app/{doctype}", "list")
		self.assertGreater(page.locator(".list-row-container").count(), 0)
		self.look(visitor, "list")
		# a form, and its comment box's text editor (its buttons' tooltips)
		visitor.goto(form)
		comment = page.locator(".comment-input-wrapper .ql-editor").first
		comment.scroll_into_view_if_needed()
		comment.click()
		page.wait_for_timeout(300)
		self.assertEqual(page.locator(".comment-input-wrapper .ql-bold").first.get_attribute("title"), "加粗")
		self.look(visitor, "comment-editor")
		if editor_form:  # a text editor field, its heading picker open
			visitor.goto(editor_form)
			picker = page.locator(".frappe-control[data-fieldtype='Text Editor'] .ql-header .ql-picker-label")
			picker.first.scroll_into_view_if_needed()
			picker.first.click()
			self.assertIn(
				"标题 1",
				page.locator(".ql-header .ql-picker-options").first.evaluate(
					"el => [...el.children].map(c => getComputedStyle(c, '::before').content).join(' ')"
				),
			)
			self.look(visitor, "text-editor")
		# a date-time field and the time zone under it
		visitor.goto(datetime_form)
		self.look(visitor, "datetime")
		if calendar:  # month and day names
			visitor.goto(calendar)
			page.wait_for_selector(".fc-toolbar, .fc-header-toolbar")
			self.assertRegex(page.locator(".fc-center h2, .fc-toolbar h2").first.inner_text(), r"\d{4}年")
			self.assertIn(
				"周一", page.locator(".fc-day-header").first.inner_text() + page.inner_text(".fc-head")
			)
			self.look(visitor, "calendar")
		# the desk's page-not-found (Frappe tells it in a red dialog) and the website's 404
		visitor.goto("/app/" + quote("没有这个页面"))
		self.assertIn("未找到", page.locator(".modal.show").first.inner_text())
		self.look(visitor, "desk-404")
		visitor.problems = [p for p in visitor.problems if "error dialog" not in p]
		visitor.goto("/no-such-page-here")
		self.assertIn("这里什么也没有", page.inner_text("body"))
		visitor.problems = [p for p in visitor.problems if "HTTP 404" not in p]
		self.look(visitor, "web-404")
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	def readable(self, user: str, doctype: str) -> str:
		frappe.set_user(user)
		try:
			return quote(frappe.get_list(doctype, limit=1, pluck="name")[0])
		finally:
			frappe.set_user("Administrator")

	def test_a_deputy_reads_the_desk_in_chinese(self):
		self.tour(
			self.visitor("deputy-language", DEPUTY),
			"我的履职",
			f"/app/livelihood-proposal/{self.readable(DEPUTY, 'Livelihood Proposal')}",
			f"/app/secret-vote/{self.readable(DEPUTY, 'Secret Vote')}",
		)

	def test_the_office_reads_the_desk_in_chinese(self):
		self.tour(
			self.visitor("office-language", OFFICE),
			"民生实事",
			f"/app/livelihood-proposal/{self.readable(OFFICE, 'Livelihood Proposal')}",
			f"/app/secret-vote/{self.readable(OFFICE, 'Secret Vote')}",
			"/app/livelihood-cycle/view/calendar/default",
			f"/app/livelihood-cycle/{self.readable(OFFICE, 'Livelihood Cycle')}",
		)

	def test_the_desk_draws_a_template_whose_loop_names_are_a_keyword(self):
		# Frappe names a template loop's variables by three random letters; drawn "for", the
		# template did not compile and the desk started on an empty page (the navbar has loops)
		visitor = self.visitor("template-loop-names", OFFICE)
		drawn = visitor.page.evaluate(
			"""() => {
				const draw = frappe.utils.get_random;
				let first = true;
				frappe.utils.get_random = (n) => (first ? ((first = false), "for") : draw(n));
				try {
					return frappe.render(
						"{% for item in items %}[{{ item }}]{% endfor %}",
						{items: ["甲", "乙"]},
						"loop-names-" + Date.now(),
					);
				} catch (e) { return e.message; } finally { frappe.utils.get_random = draw; }
			}"""
		)
		self.assertEqual(drawn, "[甲][乙]")
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	def test_the_organ_sends_a_transfer_back_and_says_why(self):
		# a member of a branch with no transfer under way (a member has one at a time)
		busy = frappe.get_all("Membership Transfer", filters={"docstatus": 0}, pluck="member")
		leaves = frappe.get_all("Party Branch", filters={"is_group": 0}, pluck="name")
		branch, member = next(
			(m.party_branch, m.name)
			for m in frappe.get_all(
				"Party Member",
				filters={"party_branch": ("in", leaves), "name": ("not in", busy or [""])},
				fields=["name", "party_branch"],
				order_by="name",
			)
		)
		doc = frappe.get_doc(
			{
				"doctype": "Membership Transfer",
				"direction": "转出",
				"party_branch": branch,
				"member": member,
				"other_organisation": "县供销社机关党委",
			}
		).insert()
		self.addCleanup(self._delete, doc.name)
		frappe.set_user(ORGAN)
		try:
			apply_workflow(doc, "提交审核")
		finally:
			frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		visitor = self.visitor("organ-send-back", ORGAN)
		page = visitor.page
		visitor.goto(f"/app/membership-transfer/{quote(doc.name)}")
		page.locator(".page-actions .actions-btn-group > button:visible").click()
		page.locator(
			".page-actions .actions-btn-group .dropdown-menu .dropdown-item", has_text="退回"
		).click()
		dialog = page.locator(".modal.show")
		dialog.locator('[data-fieldname="reason"] textarea').wait_for()
		self.assertIn("退回", dialog.locator(".modal-title").inner_text())
		visitor.check("asked-why")
		dialog.locator('[data-fieldname="reason"] textarea').fill("转出介绍信抬头有误，请重新开具")
		dialog.locator(".btn-primary:visible").click()
		visitor.settle()
		frappe.db.rollback()  # read what the browser's request committed
		self.assertEqual(frappe.db.get_value("Membership Transfer", doc.name, "workflow_state"), "草稿")
		self.assertEqual(
			frappe.get_all(
				"Comment",
				filters={"reference_name": doc.name, "comment_type": "Comment"},
				pluck="content",
			),
			["退回理由：转出介绍信抬头有误，请重新开具"],
		)
		visitor.goto(f"/app/membership-transfer/{quote(doc.name)}")
		self.assertIn("退回理由：转出介绍信抬头有误", page.locator(".new-timeline").first.inner_text())
		visitor.check("sent-back")
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	def _delete(self, name: str) -> None:
		frappe.db.rollback()
		frappe.db.delete("Comment", {"reference_doctype": "Membership Transfer", "reference_name": name})
		if frappe.db.exists("Membership Transfer", name):
			frappe.db.set_value("Membership Transfer", name, "docstatus", 0)
			frappe.delete_doc("Membership Transfer", name, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what the browser committed
