"""The app in a real browser: each demo role logs in through /login and uses its pages.

Debian's chromium, driven by Playwright for Python (never `playwright install`), against the site
served at its host_name (.ci/run serves it with gunicorn). Every page visited fails the test on a
console error, a failed request, an error dialog or English left on the screen (names, e-mails
and numbers aside); a screenshot of each is kept in test-artifacts/browser/. Then one real path
per role: the office screens a proposal, the presidium and the party committee approve it, a
branch secretary records a meeting, a Guest proposes a project in Chinese and is refused, in
Chinese, for a bad phone number. (The deputy's electronic ballot is tested over HTTP in
test_voting_http.)
"""

import datetime as dt
from urllib.parse import quote

import frappe

from sanyou_app.tests import browser
from sanyou_app.tests.browser_case import PASSWORD, BrowserCase  # noqa: F401 (the demo password the other tests read here)
from sanyou_app.tests.test_print_and_demo import CYCLE_2020, CYCLE_2021

OFFICE = "bangongshi@liuqiao.example.cn"
PRESIDIUM = "zhuxituan@liuqiao.example.cn"
PARTY = "dangwei@liuqiao.example.cn"
DEPUTY = "daibiao@liuqiao.example.cn"
ORGAN = "dangwei@rdjg.example.cn"
SECRETARY = "shuji1@rdjg.example.cn"
MEMBER = "dangyuan1@rdjg.example.cn"
ASSESSOR = "kaohe1@rdjg.example.cn"
DEPUTY_AFFAIRS = "renshi@rdjg.example.cn"


def slug(doctype: str) -> str:
	return doctype.lower().replace(" ", "-")


def menus(visitor) -> list[str]:
	"""The form's button groups, as the user sees them."""
	toggles = visitor.page.locator(".page-actions .inner-group-button > button:visible")
	return [t.strip() for t in toggles.all_inner_texts()]


def print_view(doctype: str, name: str, print_format: str) -> str:
	return f"/printview?doctype={quote(doctype)}&name={quote(name)}&format={quote(print_format)}"


class TestBrowser(BrowserCase):
	def tour(self, visitor: browser.Visitor, workspace: str, lists: list[str], pages: list[str] = ()) -> None:
		"""The workspace, each list and its first record's form, then the given pages."""
		visitor.visit(f"/app/{quote(workspace)}")
		for doctype in lists:
			visitor.visit(f"/app/{slug(doctype)}")
			first = visitor.page.locator(".list-row-container .list-subject a[data-name]").first
			if first.count():
				visitor.visit(f"/app/{slug(doctype)}/{quote(first.get_attribute('data-name'))}")
		for path in pages:
			visitor.visit(path)
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	# --- each role's pages ------------------------------------------------------------------
	def test_office_pages(self):
		lists = [
			"Livelihood Proposal",
			"Livelihood Cycle",
			"Congress",
			"Congress Deputy",
			"Deputy Group",
			"Livelihood Import",
			"Secret Vote",
		]
		vote = frappe.db.get_value("Secret Vote", {"cycle": CYCLE_2020})
		survey = frappe.db.get_value("Secret Vote", {"vote_type": "满意度测评"})
		pages = [
			"/app/query-report/" + quote("Proposals by Village and Channel"),
			f"/app/secret-vote/{vote}",
			f"/app/secret-vote/{survey}",
			print_view("Livelihood Cycle", CYCLE_2020, "候选项目情况报告"),
			print_view("Livelihood Cycle", CYCLE_2021, "征集公告"),
			print_view("Secret Vote", vote, "表决结果公告"),
		]
		visitor = self.visitor("office", OFFICE)
		self.tour(visitor, "民生实事", lists, pages)
		# a survey's results table shows the survey's columns
		visitor.goto(f"/app/secret-vote/{survey}")
		heads = visitor.page.locator(
			'[data-fieldname="results"] .grid-heading-row .static-area'
		).all_inner_texts()
		self.assertEqual(
			[h.strip() for h in heads], ["表决事项", "满意", "基本满意", "不满意", "满意率(%)", "等次"]
		)

	def test_presidium_party_committee_and_deputy_pages(self):
		for tag, user in (("presidium", PRESIDIUM), ("party", PARTY), ("deputy", DEPUTY)):
			with self.subTest(role=tag):
				lists = ["Livelihood Proposal"] + (["Secret Vote"] if tag == "deputy" else [])
				self.tour(self.visitor(tag, user), "民生实事", lists)

	def test_organ_party_committee_pages(self):
		meeting = frappe.db.get_value("Party Meeting", {}, order_by="meeting_date desc")
		ledger = frappe.db.get_value("Party Dues Ledger", {})
		reports = [
			"Branch Meetings by Quarter",
			"Unpaid Party Dues",
			"Overdue Party Tasks",
			"Quarterly Test Scores by Branch",
		]
		lists = [
			"Party Member",
			"Party Meeting",
			"Party Branch",
			"Quarterly Test",
			"Quarterly Test Score",
			"Membership Transfer",
			"Party Dues Ledger",
			"Party Task",
			"Study Session",
		]
		pages = ["/app/query-report/" + quote(r) for r in reports] + [
			print_view("Party Meeting", meeting, "会议记录"),
			print_view("Party Dues Ledger", ledger, "党费缴纳台账"),
		]
		visitor = self.visitor("organ", ORGAN)
		self.tour(visitor, "机关党建", lists, pages)
		# the 季考 list draws, with its 新建 button, for the 机关党委
		visitor.goto("/app/quarterly-test")
		self.assertGreater(visitor.page.locator(".list-row-container").count(), 0)
		self.assertEqual(visitor.page.locator(".primary-action:visible").count(), 1)

	def test_assessment_pages_of_the_organ_and_its_assessors(self):
		cycle = frappe.db.get_value("Assessment Cycle", {"status": "已发布"})
		sheet = frappe.db.get_value("Assessment Score Sheet", {"cycle": cycle})
		pages = [
			f"/app/assessment-cycle/{quote(cycle)}",
			"/app/query-report/" + quote("Assessment Ranking"),
			print_view("Assessment Score Sheet", sheet, "考核评分表"),
			print_view("Assessment Cycle", cycle, "表彰决定"),
		]
		lists = ["Assessment Cycle", "Assessment Score Sheet", "Assessment Template", "Rectification Item"]
		organ = self.visitor("assessment-organ", ORGAN)
		self.tour(organ, "机关党建", lists, pages)
		# the 机关党委 takes the cycle's steps; an assessor only scores, offline or on the sheet
		organ.goto(f"/app/assessment-cycle/{quote(cycle)}")
		self.assertEqual(menus(organ), ["下载 Word", "考核", "离线评分"])
		assessor = self.visitor("assessor", ASSESSOR)
		self.tour(assessor, "assessment-score-sheet", ["Assessment Cycle"])  # their home: the sheets
		assessor.goto(f"/app/assessment-cycle/{quote(cycle)}")
		self.assertEqual(menus(assessor), ["下载 Word", "离线评分"])

	def test_deputy_affairs_office_pages(self):
		reports = [
			"Deputy Performance",
			"Missed Deputy Education",
			"Deputy Visit Statistics",
			"Liaison Chain",
		]
		lists = [
			"Congress Deputy",
			"Deputy Group",
			"Liaison Pairing",
			"Research Report",
			"Deputy Suggestion",
			"Deputy Visit",
			"Deputy Education Session",
			"Deputy Theory Exam",
		]
		visitor = self.visitor("deputy-affairs", DEPUTY_AFFAIRS)
		self.tour(visitor, "代表联络", lists, ["/app/query-report/" + quote(r) for r in reports])

	def test_branch_secretary_and_member_pages(self):
		secretary = self.visitor("secretary", SECRETARY)
		self.tour(
			secretary,
			"机关党建",
			["Party Member", "Party Meeting", "Quarterly Test", "Party Dues"],
			["/app/query-report/" + quote("Branch Meetings by Quarter")],
		)
		# a secretary reads the 季考 but may not import scores: no import buttons
		test = frappe.db.get_value("Quarterly Test", {})
		secretary.goto(f"/app/quarterly-test/{quote(test)}")
		buttons = secretary.page.locator(".page-actions .btn:visible").all_inner_texts()
		self.assertNotIn("下载导入模板", buttons)
		self.assertNotIn("导入成绩", buttons)
		member = self.visitor("member", MEMBER)
		self.tour(member, "机关党建", ["Party Member", "Party Dues", "Party Affairs Publication"])

	# --- one real path per role ---------------------------------------------------------------
	def test_a_proposal_goes_from_screening_to_candidate(self):
		frappe.set_user(OFFICE)
		proposal = frappe.get_doc(
			{
				"doctype": "Livelihood Proposal",
				"cycle": CYCLE_2021,
				"title": "浏览器测试村道路灯",
				"village": "刘桥村",
				"channel": "代表座谈会",
				"proposer_name": "周建华",
				"contact_phone": "13855009876",
				"description": "安装村道路灯30盏。",
				"reason": "夜间出行不便。",
				"content": "安装村道太阳能路灯30盏",
				"investment": 18,
				"implementing_body": "镇城乡建设办公室",
				"deadline": dt.date(2021, 12, 31),
			}
		).insert()
		frappe.set_user("Administrator")
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		self.addCleanup(self._delete, "Livelihood Proposal", proposal.name)
		path = f"/app/livelihood-proposal/{proposal.name}"
		for tag, user, opinion, actions, state in (
			("office-screens", OFFICE, None, ["评议保留", "确定为初选项目"], "初选项目"),
			("presidium-approves", PRESIDIUM, "presidium_opinion", ["主席团审议通过"], "主席团已审议"),
			("party-approves", PARTY, "party_committee_opinion", ["党委同意"], "候选项目"),
		):
			visitor = self.visitor(tag, user)
			visitor.visit(path)
			if opinion:  # a deliberating body writes its opinion before deciding
				visitor.page.locator(f'.frappe-control[data-fieldname="{opinion}"] textarea').fill("同意")
				visitor.page.keyboard.press("Control+s")
				visitor.settle()
			for action in actions:
				self.act(visitor, action)
			self.assertEqual(
				frappe.db.get_value("Livelihood Proposal", proposal.name, "workflow_state"), state
			)
			visitor.visit(path)
			self.assertIn(state, visitor.page.locator(".indicator-pill").first.inner_text())
			self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	def act(self, visitor: browser.Visitor, action: str) -> None:
		"""Take a workflow action from the form's 操作 menu, as a person would."""
		page = visitor.page
		page.locator(".page-actions .actions-btn-group > button:visible").click()
		page.locator(
			".page-actions .actions-btn-group .dropdown-menu .dropdown-item", has_text=action
		).click()
		confirm = page.locator(".modal.show .btn-primary:visible")
		if confirm.count():
			confirm.first.click()
		visitor.settle()
		frappe.db.rollback()  # read what the browser's request committed
		visitor.screenshot(action)

	def test_a_branch_secretary_records_a_meeting(self):
		branch = frappe.db.get_value(
			"User Permission", {"user": SECRETARY, "allow": "Party Branch"}, "for_value"
		)
		topic = "浏览器测试：学习党的二十届三中全会精神"
		day = frappe.utils.add_days(frappe.utils.today(), -1)
		self.addCleanup(self._delete_where, "Party Meeting", {"topic": topic})
		visitor = self.visitor("secretary-meeting", SECRETARY)
		visitor.visit("/app/party-meeting/new")
		page = visitor.page
		page.locator('[data-fieldname="meeting_type"] select').select_option("支部委员会")
		if not page.locator('[data-fieldname="party_branch"] input').input_value():
			self.link(page, "party_branch", branch)
		self.link(page, "meeting_date", day)
		page.locator('[data-fieldname="topic"] input').fill(topic)
		page.locator(".page-actions .btn", has_text="载入党员").click()
		visitor.settle()
		page.keyboard.press("Control+s")
		page.wait_for_url(lambda url: "/new" not in url, timeout=60_000)
		visitor.settle()
		frappe.db.rollback()
		name = frappe.db.get_value("Party Meeting", {"topic": topic})
		self.assertEqual(name, f"{day} {topic}")
		self.assertGreater(frappe.db.count("Party Meeting Attendance", {"parent": name}), 0)
		visitor.check("saved")
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	def test_the_office_enters_a_proposal_picking_its_cycle_from_the_link_drop_down(self):
		title = "浏览器测试：村口路灯"
		self.addCleanup(self._delete_where, "Livelihood Proposal", {"title": title})
		visitor = self.visitor("office-proposal", OFFICE)
		visitor.visit("/app/livelihood-proposal/new")
		page = visitor.page
		self.link(page, "cycle", CYCLE_2021)
		for fieldname, value in (
			("title", title),
			("village", "刘桥村"),
			("proposer_name", "浏览器测试"),
			("contact_phone", "13800000000"),
		):
			page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first.fill(value)
		page.locator('.frappe-control[data-fieldname="description"] textarea').first.fill("村口安装路灯。")
		page.locator('.frappe-control[data-fieldname="reason"] textarea').first.fill("夜间出行不便。")
		page.keyboard.press("Control+s")
		page.wait_for_url(lambda url: "/new" not in url, timeout=60_000)
		visitor.settle()
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Livelihood Proposal", {"title": title}, "cycle"), CYCLE_2021)
		visitor.check("saved")
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	def link(self, page, fieldname: str, value: str) -> None:
		"""Fill a link field as a person does: type into it and pick the record from the drop-down
		(which asks the app's link search); a date field through its control's value."""
		kind = page.evaluate("(field) => cur_frm.fields_dict[field].df.fieldtype", fieldname)
		if kind != "Link":
			page.evaluate("([field, value]) => cur_frm.set_value(field, value)", [fieldname, value])
			page.wait_for_timeout(500)
			return
		box = page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first
		box.click()
		box.fill(value)
		option = page.locator(
			f'.frappe-control[data-fieldname="{fieldname}"] .awesomplete [role=option]', has_text=value
		).first
		option.wait_for(timeout=15_000)
		option.click()
		page.wait_for_function(
			"([field, value]) => cur_frm.doc[field] === value", arg=[fieldname, value], timeout=15_000
		)

	def test_a_guest_proposes_in_chinese_and_is_refused_for_a_bad_phone(self):
		today = frappe.utils.getdate()
		window = frappe.db.get_value(
			"Livelihood Cycle", CYCLE_2021, ["collection_start", "collection_end", "modified", "modified_by"]
		)
		frappe.db.set_value(
			"Livelihood Cycle",
			CYCLE_2021,
			{
				"collection_start": today - dt.timedelta(days=1),
				"collection_end": today + dt.timedelta(days=1),
			},
		)
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		self.addCleanup(self._restore_window, window)
		self.addCleanup(self._delete_where, "Livelihood Proposal", {"proposer_name": "浏览器测试"})
		visitor = self.visitor("guest")
		visitor.visit("/livelihood-proposal/new")
		page = visitor.page
		for fieldname, value in (
			("title", "浏览器测试文化广场"),
			("village", "刘桥村"),
			("proposer_name", "浏览器测试"),
			("contact_phone", "12345"),
		):
			page.locator(f'[data-fieldname="{fieldname}"] input').fill(value)
		page.locator('[data-fieldname="description"] textarea').fill("建设村文化广场一处。")
		page.locator('[data-fieldname="reason"] textarea').fill("群众缺少活动场所。")
		before = len(visitor.problems)
		page.locator(
			".web-form-footer .submit-btn, .web-form-actions .submit-btn, button.submit-btn"
		).first.click()
		visitor.settle()
		# the refusal itself: the server answers 417 (and Frappe echoes its message to the console)
		refusal = visitor.problems[before:]
		del visitor.problems[before:]
		self.assertTrue(refusal and all("HTTP 417" in p or "console error" in p for p in refusal), refusal)
		dialog = page.locator(".modal.show .modal-body")
		self.assertIn("联系电话", dialog.first.inner_text())
		self.assertEqual(browser.english_in(dialog.first.inner_text()), [])
		visitor.screenshot("refused")
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Livelihood Proposal", {"proposer_name": "浏览器测试"}))
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	# --- cleanup ------------------------------------------------------------------------------
	def _delete(self, doctype: str, name: str) -> None:
		frappe.set_user("Administrator")
		if frappe.db.exists(doctype, name):
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what the browser committed

	def _delete_where(self, doctype: str, filters: dict) -> None:
		frappe.db.rollback()
		for name in frappe.get_all(doctype, filters=filters, pluck="name"):
			self._delete(doctype, name)

	def _restore_window(self, window) -> None:
		frappe.db.sql(
			"""update `tabLivelihood Cycle` set collection_start=%s, collection_end=%s, modified=%s,
			modified_by=%s where name=%s""",
			(*window, CYCLE_2021),
		)
		frappe.db.commit()  # nosemgrep: undo the open window
