"""The congress side of the desk as each role uses it, in a real browser and over HTTP.

In the browser (Debian's chromium through Playwright, against the site served at its host_name,
as test_browser does): the office enters a proposal and takes it to 初选项目, the presidium and
the party committee each write their opinion and decide; the office starts the project vote
from its cycle and signs deputies in; a deputy finds their work on 我的履职 and writes a
supervision log; a project leader records progress on their own project and cannot touch
another's; the implementation group accepts a project and opens the completion report; the
public pages fit a phone and the rooms' page searches. Every page fails on English, a server
error, a field the role may not use shown editable, or a code where a name belongs.

Over HTTP, as each role: the rules behind those screens hold when the form is bypassed.
"""

import datetime as dt
import json
import re
import unittest
from urllib.parse import quote

import frappe
import requests
from frappe.tests.utils import FrappeTestCase

from sanyou_app.tests import test_browser as tb
from sanyou_app.tests.browser_case import BrowserCase, served_site
from sanyou_app.tests.test_desk_party_rules import Session
from sanyou_app.tests.test_print_and_demo import CYCLE_2021
from sanyou_app.tests.test_vote_attacks import with_api_key

PASSWORD = tb.PASSWORD
OFFICE, PRESIDIUM, PARTY, DEPUTY = tb.OFFICE, tb.PRESIDIUM, tb.PARTY, tb.DEPUTY
DEPUTY_AFFAIRS = tb.DEPUTY_AFFAIRS
IMPLEMENTATION = "shishi@liuqiao.example.cn"
LEADER = "lingdao1@liuqiao.example.cn"
TEST_YEAR = 2039  # a cycle of the demo town's congress made for the vote's tests only

# a table is writable when its grid lets rows be edited (a read-only table keeps disp_status Write)
WRITABLE = """(f) => {
	const c = cur_frm.fields_dict[f];
	if (!c || c.disp_status !== "Write") return false;
	return c.grid ? !c.df.read_only && c.grid.is_editable() : true;
}"""
CODE = r"\b(ZSXM|MS|BJ|DB)-?\d{4}-\d{3,}"


def writable(page, fieldname: str) -> bool:
	return page.evaluate(WRITABLE, fieldname)


def save(visitor) -> None:
	visitor.page.keyboard.press("Control+s")
	visitor.settle()
	frappe.db.rollback()  # read what the browser's request committed


def pick(page, fieldname: str, typed: str, name: str) -> None:
	"""Type a record's title into a link field and pick it from the drop-down."""
	box = page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first
	box.click()
	box.fill(typed)
	option = page.locator(
		f'.frappe-control[data-fieldname="{fieldname}"] .awesomplete [role=option]', has_text=typed
	).first
	option.wait_for(timeout=15_000)
	option.click()
	page.wait_for_function(
		"([field, value]) => cur_frm.doc[field] === value", arg=[fieldname, name], timeout=15_000
	)


def actions(visitor) -> list[str]:
	"""The workflow actions the form offers (its 操作 menu)."""
	menu = visitor.page.locator(".page-actions .actions-btn-group .dropdown-menu .dropdown-item")
	return [t.strip() for t in menu.all_text_contents() if t.strip()]


def messages(response) -> str:
	"""The messages of a refused request, as the desk shows them."""
	raw = response.json().get("_server_messages") or "[]"
	return "\n".join(json.loads(m)["message"] for m in json.loads(raw))


def codes_on(page) -> list[str]:
	text = page.locator(".page-body, .layout-main").first.inner_text()
	return re.findall(CODE, text)


def restore_project(snapshot: dict) -> None:
	frappe.db.rollback()
	frappe.db.set_value(
		"Livelihood Project",
		snapshot["name"],
		{k: snapshot[k] for k in ("workflow_state", "funds_used", "completed_on", "completion_summary")},
		update_modified=False,
	)
	for row in snapshot["milestones"]:
		frappe.db.set_value(
			"Project Milestone",
			row["name"],
			{"percent": row["percent"], "actual_date": row["actual_date"]},
			update_modified=False,
		)
	frappe.db.commit()  # nosemgrep: undo what the browser committed


def project_of(leader: str, state: str | None = None, other_than: str | None = None) -> str:
	filters = {"leader_user": leader, "cycle": CYCLE_2021}
	if state:
		filters["workflow_state"] = state
	names = frappe.get_all("Livelihood Project", filters=filters, pluck="name", order_by="name")
	return next(n for n in names if n != other_than)


def snapshot(project: str) -> dict:
	doc = frappe.get_doc("Livelihood Project", project)
	return {
		"name": doc.name,
		"workflow_state": doc.workflow_state,
		"funds_used": doc.funds_used,
		"completed_on": doc.completed_on,
		"completion_summary": doc.completion_summary,
		"milestones": [
			{"name": m.name, "percent": m.percent, "actual_date": m.actual_date} for m in doc.milestones
		],
	}


class TestCongressDesk(BrowserCase):
	# a person's ways with a form, as the desk's page tests use them
	act = tb.TestBrowser.act
	link = tb.TestBrowser.link
	_delete = tb.TestBrowser._delete
	_delete_where = tb.TestBrowser._delete_where

	def clean(self, visitor) -> None:
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	# --- the office, the presidium and the party committee -----------------------------------
	def test_a_proposal_from_entry_to_candidate_with_each_bodys_opinion(self):
		title = "浏览器测试：刘桥村文化广场"
		self.addCleanup(self._delete_where, "Livelihood Proposal", {"title": title})
		office = self.visitor("cd-office", OFFICE)
		office.visit("/app/livelihood-proposal/new")
		page = office.page
		self.link(page, "cycle", CYCLE_2021)
		for fieldname, value in (
			("title", title),
			("village", "刘桥村"),
			("proposer_name", "浏览器测试"),
			("contact_phone", "13800000001"),
		):
			page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first.fill(value)
		page.locator('.frappe-control[data-fieldname="description"] textarea').first.fill(
			"建设文化广场一处。"
		)
		page.locator('.frappe-control[data-fieldname="reason"] textarea').first.fill("群众缺少活动场所。")
		page.keyboard.press("Control+s")
		page.wait_for_url(lambda url: "/new" not in url, timeout=60_000)
		office.settle()
		frappe.db.rollback()
		name = frappe.db.get_value("Livelihood Proposal", {"title": title})
		path = f"/app/livelihood-proposal/{name}"
		# the office screens it; the opinions are not the office's to write
		self.assertFalse(writable(page, "presidium_opinion"))
		self.assertFalse(writable(page, "party_committee_opinion"))
		self.act(office, "评议保留")
		for fieldname, value in (("investment", "36"), ("implementing_body", "镇文化站")):
			page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input').first.fill(value)
		page.locator('.frappe-control[data-fieldname="content"] textarea').first.fill(
			"建设文化广场2000平方米"
		)
		self.link(page, "deadline", "2021-12-31")
		save(office)
		self.act(office, "确定为初选项目")
		self.assertEqual(frappe.db.get_value("Livelihood Proposal", name, "workflow_state"), "初选项目")
		office.check("初选项目")
		self.clean(office)

		for tag, user, opinion, other, action, state in (
			(
				"cd-presidium",
				PRESIDIUM,
				"presidium_opinion",
				"party_committee_opinion",
				"主席团审议通过",
				"主席团已审议",
			),
			("cd-party", PARTY, "party_committee_opinion", "presidium_opinion", "党委同意", "候选项目"),
		):
			with self.subTest(role=tag):
				visitor = self.visitor(tag, user)
				visitor.visit(path)
				page = visitor.page
				# the body writes its opinion where it decides, and nothing of the proposal
				self.assertTrue(writable(page, opinion))
				for fieldname in ("title", "description", "investment", "content", other):
					self.assertFalse(writable(page, fieldname), fieldname)
				page.locator(f'.frappe-control[data-fieldname="{opinion}"] textarea').fill("同意。")
				page.wait_for_function(
					"(f) => cur_frm.doc[f] === '同意。'", arg=opinion, timeout=15_000
				)  # the form takes what is typed a moment later
				save(visitor)
				self.assertEqual(frappe.db.get_value("Livelihood Proposal", name, opinion), "同意。")
				self.act(visitor, action)
				self.assertEqual(frappe.db.get_value("Livelihood Proposal", name, "workflow_state"), state)
				visitor.visit(path)
				# once decided, not even its opinion stays editable
				self.assertFalse(writable(page, opinion))
				self.assertFalse(writable(page, "description"))
				self.assertIn(state, page.locator(".indicator-pill").first.inner_text())
				self.clean(visitor)

	def test_the_office_starts_the_vote_from_the_cycle_and_signs_deputies_in(self):
		congress = frappe.db.get_value("Livelihood Cycle", CYCLE_2021, "congress")
		cycle = frappe.get_doc(
			{"doctype": "Livelihood Cycle", "congress": congress, "year": TEST_YEAR, "projects_to_pick": 1}
		).insert()
		self.addCleanup(self._drop_cycle, cycle.name)
		# a competitive vote: more candidates than the projects to pick (差额票决)
		frappe.set_user(OFFICE)
		try:
			proposals = [
				frappe.get_doc(
					{
						"doctype": "Livelihood Proposal",
						"cycle": cycle.name,
						"title": f"浏览器测试候选项目{n}",
						"village": "刘桥村",
						"proposer_name": "浏览器测试",
						"contact_phone": "13800000002",
						"description": "测试。",
						"reason": "测试。",
					}
				).insert()
				for n in (1, 2)
			]
		finally:
			frappe.set_user("Administrator")
		for proposal in proposals:
			frappe.db.set_value("Livelihood Proposal", proposal.name, "workflow_state", "候选项目")
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		roll = frappe.db.count("Congress Deputy", {"congress": congress, "active": 1})

		office = self.visitor("cd-vote", OFFICE)
		office.visit("/app/" + quote("民生实事"))
		# the office reaches its votes from its workspace
		self.assertGreater(office.page.locator(".widget", has_text="无记名表决").count(), 0)
		office.visit(f"/app/livelihood-cycle/{quote(cycle.name)}")
		office.page.locator(".page-actions .btn:visible", has_text="发起/打开项目票决").click()
		office.page.wait_for_url("**/app/secret-vote/**", timeout=60_000)
		office.settle()
		frappe.db.rollback()
		vote = frappe.db.get_value("Secret Vote", {"cycle": cycle.name})
		self.assertTrue(vote)
		doc = frappe.get_doc("Secret Vote", vote)
		self.assertEqual(
			(doc.title, doc.vote_type, len(doc.items)), (f"{TEST_YEAR}年民生实事项目票决", "项目票决", 2)
		)
		self.assertEqual(len(doc.voters), roll)
		office.check("vote")
		button = office.page.locator(".page-actions .btn:visible", has_text="签到")
		self.assertIn(f"已签到 0/{roll}", button.first.inner_text())
		button.first.click()
		dialog = office.page.locator(".modal.show")
		dialog.wait_for()
		first = doc.voters[0].voter_name
		dialog.locator('[data-fieldname="find"] input').fill(first)
		dialog.locator('[data-fieldname="find"] input').press("Enter")
		office.page.wait_for_function(
			"(t) => document.querySelector('.modal.show .modal-title').innerText.includes(t)",
			arg=f"已签到 1/{roll}",
			timeout=15_000,
		)
		# the next name is a tap away: no ticking boxes across pages
		dialog.locator(".sanyou-sign-in:not([disabled])").first.click()
		office.page.wait_for_function(
			"(t) => document.querySelector('.modal.show .modal-title').innerText.includes(t)",
			arg=f"已签到 2/{roll}",
			timeout=15_000,
		)
		office.check("signed in")
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Secret Vote Voter", {"parent": vote, "signed_in": 1}), 2)
		# the same button opens the vote afterwards, never a second one
		office.visit(f"/app/livelihood-cycle/{quote(cycle.name)}")
		office.page.locator(".page-actions .btn:visible", has_text="发起/打开项目票决").click()
		office.page.wait_for_url(f"**/app/secret-vote/{vote}", timeout=60_000)
		office.settle()
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Secret Vote", {"cycle": cycle.name}), 1)
		self.clean(office)

	def _drop_cycle(self, cycle: str) -> None:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		for vote in frappe.get_all("Secret Vote", filters={"cycle": cycle}, pluck="name"):
			frappe.delete_doc("Secret Vote", vote, force=True, ignore_permissions=True)
		for name in frappe.get_all("Livelihood Proposal", filters={"cycle": cycle}, pluck="name"):
			frappe.delete_doc("Livelihood Proposal", name, force=True, ignore_permissions=True)
		frappe.delete_doc("Livelihood Cycle", cycle, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what the test committed

	# --- a deputy ------------------------------------------------------------------------------
	def test_a_deputy_finds_their_work_and_writes_a_supervision_log(self):
		deputy = frappe.db.get_value("Congress Deputy", {"user": DEPUTY}, ["name", "congress"], as_dict=True)
		project = frappe.db.get_value(
			"Project Liaison Deputy", {"user": DEPUTY, "parenttype": "Livelihood Project"}, "parent"
		)
		self.assertTrue(project, "the demo's deputy liaises with a project")
		title = frappe.db.get_value("Livelihood Project", project, "title")
		observed = "浏览器测试：施工现场整洁，进度正常"
		self.addCleanup(self._delete_where, "Supervision Log", {"observed": observed})
		visitor = self.visitor("cd-deputy", DEPUTY)
		visitor.visit("/app/" + quote("我的履职"))
		for card in ("待我投票", "我联系的项目"):
			self.assertGreater(visitor.page.locator(".widget", has_text=card).count(), 0, card)
		visitor.visit("/app/query-report/" + quote("My Liaison Projects"))
		visitor.page.locator(".dt-scrollable .dt-row").first.wait_for()
		self.assertIn(title, visitor.page.locator(".dt-scrollable").inner_text())
		self.assertEqual(codes_on(visitor.page), [])
		visitor.visit("/app/supervision-log/new")
		page = visitor.page
		self.assertFalse(writable(page, "deputy"))  # the server fills it
		pick(page, "project", title, project)
		self.link(page, "visit_date", frappe.utils.add_days(frappe.utils.today(), -1))
		page.locator('.frappe-control[data-fieldname="observed"] textarea').fill(observed)
		page.keyboard.press("Control+s")
		page.wait_for_url(lambda url: "/new" not in url, timeout=60_000)
		visitor.settle()
		frappe.db.rollback()
		log = frappe.db.get_value("Supervision Log", {"observed": observed}, ["deputy", "user"], as_dict=True)
		self.assertEqual((log.deputy, log.user), (deputy.name, DEPUTY))
		visitor.check("saved")
		self.clean(visitor)

	# --- a project leader, the implementation group ---------------------------------------------
	def test_a_leader_records_progress_on_their_own_project_only(self):
		own = project_of(LEADER)
		other = frappe.get_all(
			"Livelihood Project",
			filters={
				"cycle": CYCLE_2021,
				"leader_user": ("not in", [LEADER, ""]),
				"workflow_state": "实施中",
			},
			pluck="name",
		) or frappe.get_all(
			"Livelihood Project", filters={"leader_user": ("not in", [LEADER, ""])}, pluck="name"
		)
		before = snapshot(own)
		frappe.db.set_value("Livelihood Project", own, "workflow_state", "实施中", update_modified=False)
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		self.addCleanup(restore_project, before)
		visitor = self.visitor("cd-leader", LEADER)
		visitor.visit(f"/app/livelihood-project/{own}")
		page = visitor.page
		for fieldname in ("title", "content", "investment", "leader_user", "leader_name", "liaison_deputies"):
			self.assertFalse(writable(page, fieldname), fieldname)
		self.assertTrue(writable(page, "milestones"))
		self.assertTrue(writable(page, "funds_used"))
		page.locator('.frappe-control[data-fieldname="funds_used"] input').fill("12.5")
		cell = page.locator('[data-fieldname="milestones"] .grid-body .grid-row').last
		cell.locator('[data-fieldname="percent"]').first.click()
		cell.locator('[data-fieldname="percent"] input').first.fill("60")
		page.wait_for_function(
			"() => cur_frm.doc.funds_used == 12.5 && cur_frm.doc.milestones.at(-1).percent == 60",
			timeout=15_000,
		)  # the form takes what is typed a moment later
		page.locator(".page-actions .primary-action:visible", has_text="保存").click()
		visitor.settle()
		frappe.db.rollback()  # read what the browser's request committed
		self.assertEqual(frappe.db.get_value("Livelihood Project", own, "funds_used"), 12.5)
		last = before["milestones"][-1]["name"]
		self.assertEqual(frappe.db.get_value("Project Milestone", last, "percent"), 60)
		visitor.check("progress")
		page.locator(".page-actions .actions-btn-group > button:visible").click()
		self.assertIn("申请验收", actions(visitor))
		# another leader's project: read, never edited, no 申请验收
		visitor.visit(f"/app/livelihood-project/{other[0]}")
		for fieldname in ("milestones", "funds_used", "content"):
			self.assertFalse(writable(page, fieldname), fieldname)
		self.assertEqual(page.locator(".page-actions .actions-btn-group:visible").count(), 0)
		self.assertEqual(page.locator(".page-actions .primary-action:visible").count(), 0)
		# the Gantt chart: each bar reads its project's name (and progress), never its code
		visitor.visit("/app/livelihood-project/view/gantt")
		page.locator(".gantt .bar-label").first.wait_for()
		labels = page.locator(".gantt .bar-label").all_text_contents()
		self.assertEqual([label for label in labels if "ZSXM-" in label], [], labels)
		title = frappe.db.get_value("Livelihood Project", own, "title")
		self.assertTrue(any(label.startswith(title) for label in labels), labels)
		self.clean(visitor)

	def test_the_implementation_group_accepts_a_project_and_reports_the_year(self):
		project = project_of(LEADER)
		before = snapshot(project)
		before_cycle_max = frappe.db.get_value("Livelihood Cycle", CYCLE_2021, "liaison_max")
		frappe.db.set_value("Livelihood Project", project, "workflow_state", "待验收", update_modified=False)
		for row in before["milestones"]:  # every step done, on the day it was done
			frappe.db.set_value(
				"Project Milestone",
				row["name"],
				{"percent": 100, "actual_date": row["actual_date"] or dt.date(2021, 11, 20)},
				update_modified=False,
			)
		frappe.db.set_value(
			"Livelihood Project",
			project,
			{"completed_on": None, "completion_summary": None},
			update_modified=False,
		)
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		self.addCleanup(restore_project, before)
		visitor = self.visitor("cd-implementation", IMPLEMENTATION)
		visitor.visit(f"/app/livelihood-project/{project}")
		page = visitor.page
		self.assertEqual(codes_on(page), [])
		self.link(page, "completed_on", "2021-11-30")
		page.locator('.frappe-control[data-fieldname="completion_summary"] textarea').fill(
			"已按时间表完成全部建设内容，经实施工作组验收合格。"
		)
		page.wait_for_function("() => !!cur_frm.doc.completion_summary", timeout=15_000)
		save(visitor)
		self.act(visitor, "验收通过")
		self.assertEqual(frappe.db.get_value("Livelihood Project", project, "workflow_state"), "已完成")
		# the group prints its own report, 项目完成情况报告, from the cycle it reads: the accepted
		# project is in it; the cycle itself it neither writes nor creates
		title = frappe.db.get_value("Livelihood Project", project, "title")
		visitor.visit(tb.print_view("Livelihood Cycle", CYCLE_2021, "项目完成情况报告"))
		self.assertIn(title, visitor.page.inner_text("body"))
		group = Session(self.base_url, IMPLEMENTATION)
		r = group.http.get(
			self.base_url + tb.print_view("Livelihood Cycle", CYCLE_2021, "项目完成情况报告"), timeout=120
		)
		self.assertEqual(r.status_code, 200)
		self.assertIn("项目完成情况报告", r.text)
		self.assertIn(title, r.text)
		cycle = group.doc("Livelihood Cycle", CYCLE_2021)
		cycle["liaison_max"] = (cycle["liaison_max"] or 3) + 1
		self.assertEqual(group.save(cycle).status_code, 403)
		new = {"doctype": "Livelihood Cycle", "congress": cycle["congress"], "year": 2099}
		self.assertEqual(group.post("frappe.client.insert", doc=json.dumps(new)).status_code, 403)
		self.assertEqual(frappe.db.get_value("Livelihood Cycle", CYCLE_2021, "liaison_max"), before_cycle_max)
		# so does the office, keeper of the cycle
		office = self.visitor("cd-office-projects", OFFICE)
		office.visit(tb.print_view("Livelihood Cycle", CYCLE_2021, "项目完成情况报告"))
		self.assertIn(title, office.page.inner_text("body"))
		# the office is not offered a project of its own making, nor its deletion
		office.visit("/app/livelihood-project")
		self.assertEqual(office.page.locator(".primary-action:visible").count(), 0)
		office.visit(f"/app/livelihood-project/{project}")
		office.page.locator(".page-actions .menu-btn-group > button:visible").click()
		menu = office.page.locator(".page-actions .menu-btn-group .dropdown-menu").inner_text()
		self.assertNotIn("删除", menu)
		self.clean(visitor)
		self.clean(office)

	# --- views ---------------------------------------------------------------------------------
	def test_supervision_views_read_names_and_draw(self):
		visitor = self.visitor("cd-views", OFFICE)
		visitor.visit("/app/" + quote("项目监督"))
		self.assertGreaterEqual(visitor.page.locator(".widget.dashboard-widget-box").count(), 3)
		visitor.visit("/app/query-report/" + quote("Project Chain"))
		visitor.page.locator(".dt-scrollable .dt-row").first.wait_for()
		self.assertEqual(codes_on(visitor.page), [])
		for path in (
			"/app/livelihood-project/view/calendar/default",
			"/app/livelihood-project/view/gantt",
			"/app/progress-hearing/view/calendar/default",
			"/app/livelihood-cycle/view/calendar/default",
		):
			visitor.goto(path)  # the calendar's own month names are the desk's translations
			visitor.screenshot(path)
		self.clean(visitor)
		affairs = self.visitor("cd-affairs", DEPUTY_AFFAIRS)
		affairs.visit("/app/query-report/" + quote("Deputy Performance"))
		year = affairs.page.evaluate("() => frappe.query_report.get_filter_value('year')")
		congress = affairs.page.evaluate("() => frappe.query_report.get_filter_value('congress')")
		frappe.set_user(DEPUTY_AFFAIRS)
		try:
			from sanyou_app.deputy_liaison.report.deputy_performance import deputy_performance as report

			expected = report.opening_filters()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual((year, congress), (expected["year"], expected["congress"]))
		self.clean(affairs)

	def test_public_pages_fit_a_phone_and_the_rooms_search(self):
		phone = self.visitor("cd-phone", viewport=(375, 812))
		phone.visit("/livelihood-projects")
		width = phone.page.evaluate("() => document.documentElement.scrollWidth")
		self.assertLessEqual(width, 375)
		phone.visit("/deputy-rooms")
		rooms = phone.page.locator(".sy-room")
		total = rooms.count()
		self.assertGreater(total, 1)
		first = rooms.first.locator("h3").inner_text().split("“")[0].strip()
		phone.page.locator(".sy-room-search input[name=q]").fill(first)
		shown = phone.page.locator(".sy-room:visible").count()
		self.assertTrue(1 <= shown < total, (shown, total))
		phone.page.locator(".sy-room-search button[type=submit]").click()
		phone.settle()
		self.assertIn("找到", phone.page.locator(".sy-room-count").inner_text())
		self.assertLessEqual(phone.page.evaluate("() => document.documentElement.scrollWidth"), 375)
		phone.check("searched")
		self.clean(phone)


class TestCongressRulesOverHttp(FrappeTestCase):
	"""The same rules with the form bypassed: each role's request as its browser could send it."""

	_delete = tb.TestBrowser._delete
	_delete_where = tb.TestBrowser._delete_where

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.base_url = served_site(unavailable=unittest.SkipTest)

	def session(self, user: str) -> requests.Session:
		"""Requests as `user` (a token of theirs, as a script on their behalf would send)."""
		_user, key, secret = with_api_key(user)
		frappe.db.commit()  # nosemgrep: the server reads the committed key
		s = requests.Session()
		s.headers["Authorization"] = f"token {key}:{secret}"
		self.addCleanup(s.close)
		return s

	def call(self, s, method: str, **data):
		return s.post(f"{self.base_url}/api/method/{method}", data=data, timeout=60)

	def save_doc(self, s, doc: dict):
		return self.call(s, "frappe.client.save", doc=json.dumps(doc, default=str))

	def doc(self, doctype, name) -> dict:
		frappe.db.rollback()
		return frappe.get_doc(doctype, name).as_dict(convert_dates_to_str=True)

	def test_presidium_decides_only_with_its_opinion_and_never_rewrites_the_proposal(self):
		name = frappe.get_doc(
			{
				"doctype": "Livelihood Proposal",
				"cycle": CYCLE_2021,
				"title": "接口测试：村卫生室改造",
				"village": "刘桥村",
				"proposer_name": "接口测试",
				"contact_phone": "13800000003",
				"description": "改造村卫生室。",
				"reason": "条件简陋。",
				"content": "改造村卫生室200平方米",
				"investment": 20,
				"implementing_body": "镇卫生院",
				"deadline": dt.date(2021, 12, 31),
			}
		).insert(ignore_permissions=True)
		# the office's screening, done: a proposal is entered 待评议 and only its actions move it
		frappe.db.set_value("Livelihood Proposal", name.name, "workflow_state", "初选项目")
		frappe.db.commit()  # nosemgrep: the server reads committed rows
		self.addCleanup(self._delete, "Livelihood Proposal", name.name)
		presidium = self.session(PRESIDIUM)
		r = self.call(
			presidium,
			"frappe.model.workflow.apply_workflow",
			doc=json.dumps(self.doc("Livelihood Proposal", name.name)),
			action="主席团审议通过",
		)
		self.assertEqual(r.status_code, 417, r.text[:300])
		self.assertIn("主席团意见", messages(r))
		doc = self.doc("Livelihood Proposal", name.name)
		r = self.save_doc(presidium, {**doc, "description": "主席团改写"})
		self.assertEqual(r.status_code, 403, r.text[:300])
		r = self.save_doc(presidium, {**doc, "presidium_opinion": "同意"})
		self.assertEqual(r.status_code, 200, r.text[:300])
		r = self.call(
			presidium,
			"frappe.model.workflow.apply_workflow",
			doc=json.dumps(self.doc("Livelihood Proposal", name.name)),
			action="主席团审议通过",
		)
		self.assertEqual(r.status_code, 200, r.text[:300])
		r = self.save_doc(
			presidium, {**self.doc("Livelihood Proposal", name.name), "presidium_opinion": "改"}
		)
		self.assertEqual(r.status_code, 403, r.text[:300])
		office = self.session(OFFICE)
		r = self.save_doc(
			office, {**self.doc("Livelihood Proposal", name.name), "party_committee_opinion": "代写"}
		)
		self.assertEqual(r.status_code, 403, r.text[:300])
		self.assertEqual(
			frappe.db.get_value(
				"Livelihood Proposal", name.name, ["workflow_state", "presidium_opinion", "description"]
			),
			("主席团已审议", "同意", "改造村卫生室。"),
		)

	def test_a_leader_changes_only_their_own_report_and_the_office_makes_no_projects(self):
		own = project_of(LEADER)
		other = frappe.get_all(
			"Livelihood Project", filters={"leader_user": ("not in", [LEADER, ""])}, pluck="name"
		)[0]
		before = snapshot(own)
		self.addCleanup(restore_project, before)
		leader = self.session(LEADER)
		doc = self.doc("Livelihood Project", own)
		for change in ({"investment": 999}, {"content": "改了"}, {"leader_user": IMPLEMENTATION}):
			with self.subTest(change=change):
				r = self.save_doc(leader, {**doc, **change})
				self.assertEqual(r.status_code, 403, r.text[:300])
		r = self.save_doc(leader, {**doc, "funds_used": 7.5})
		self.assertEqual(r.status_code, 200, r.text[:300])
		frappe.db.rollback()  # read what the request committed
		self.assertEqual(frappe.db.get_value("Livelihood Project", own, "funds_used"), 7.5)
		r = self.save_doc(leader, {**self.doc("Livelihood Project", other), "funds_used": 1})
		self.assertEqual(r.status_code, 403, r.text[:300])
		r = self.call(
			leader,
			"frappe.model.workflow.get_transitions",
			doc=json.dumps(self.doc("Livelihood Project", other)),
		)
		self.assertNotIn("申请验收", [t["action"] for t in r.json()["message"]])
		office = self.session(OFFICE)
		r = office.post(
			f"{self.base_url}/api/resource/Livelihood Project",
			data=json.dumps({"title": "办公室自建项目", "cycle": CYCLE_2021}),
			timeout=60,
		)
		self.assertEqual(r.status_code, 403, r.text[:300])
		r = office.delete(f"{self.base_url}/api/resource/Livelihood Project/{own}", timeout=60)
		self.assertEqual(r.status_code, 403, r.text[:300])
		frappe.db.rollback()
		self.assertTrue(frappe.db.exists("Livelihood Project", own))

	def test_a_deputys_log_is_their_own_whatever_deputy_is_sent(self):
		project = frappe.db.get_value(
			"Project Liaison Deputy", {"user": DEPUTY, "parenttype": "Livelihood Project"}, "parent"
		)
		mine = frappe.db.get_value("Congress Deputy", {"user": DEPUTY}, "name")
		other = frappe.db.get_value(
			"Project Liaison Deputy",
			{"parent": project, "user": ("!=", DEPUTY), "parenttype": "Livelihood Project"},
			"deputy",
		)
		observed = "接口测试：路面已硬化"
		self.addCleanup(self._delete_where, "Supervision Log", {"observed": observed})
		deputy = self.session(DEPUTY)
		day = str(frappe.utils.add_days(frappe.utils.today(), -1))
		for sent, status in ((other, 403), (None, 200)):  # another's deputy is refused; none is filled
			body = {"project": project, "visit_date": day, "observed": observed, "deputy": sent}
			r = deputy.post(
				f"{self.base_url}/api/resource/Supervision Log",
				data=json.dumps({k: v for k, v in body.items() if v}),
				timeout=60,
			)
			self.assertEqual(r.status_code, status, r.text[:300])
		self.assertEqual(r.json()["data"]["deputy"], mine)
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Supervision Log", {"observed": observed}), 1)

	def test_the_cycle_starts_one_vote_and_a_deputy_sees_what_awaits_them(self):
		deputy = self.session(DEPUTY)
		r = self.call(deputy, "sanyou_app.voting.desk.start_project_vote", cycle=CYCLE_2021)
		self.assertEqual(r.status_code, 403, r.text[:300])
		frappe.db.rollback()
		before = frappe.db.count("Secret Vote", {"cycle": CYCLE_2021})
		office = self.session(OFFICE)
		r = self.call(office, "sanyou_app.voting.desk.start_project_vote", cycle=CYCLE_2021)
		self.assertEqual(r.status_code, 200, r.text[:300])  # the cycle's vote, opened again
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("Secret Vote", {"cycle": CYCLE_2021}), before)
		self.assertEqual(
			frappe.db.get_value("Secret Vote", r.json()["message"], ["cycle", "vote_type"]),
			(CYCLE_2021, "项目票决"),
		)
		open_votes = frappe.get_all("Secret Vote", filters={"status": "投票中"}, pluck="name")
		expected = frappe.db.count(
			"Secret Vote Voter",
			{"user": DEPUTY, "cast": 0, "parent": ("in", open_votes or [""]), "parenttype": "Secret Vote"},
		)
		r = self.call(deputy, "sanyou_app.voting.desk.votes_awaiting_card")
		self.assertEqual(r.json()["message"]["value"], expected)
		r = self.call(deputy, "sanyou_app.project_supervision.api.my_liaison_card")
		self.assertEqual(
			r.json()["message"]["value"],
			frappe.db.count("Project Liaison Deputy", {"user": DEPUTY, "parenttype": "Livelihood Project"}),
		)
