"""Each party-building role does its core task in a real browser, as a person does: a branch
secretary records a meeting with its attendance; a member opens their own dues and reads the amount
and whether it is paid; an assessor scores a sheet; the 机关党委 reads a cycle's ranking; the person
answering for a rectification item writes its plan. Every page fails on English left on it, a
server error, a field the role may not use shown editable, or a record number where a name belongs.
"""

import re
from urllib.parse import quote

import frappe

from sanyou_app.common.rectification import create_items
from sanyou_app.tests import test_browser
from sanyou_app.tests.browser_case import BrowserCase
from sanyou_app.tests.test_browser import ASSESSOR, MEMBER, ORGAN, SECRETARY

# a record number of a party member where a name belongs
MEMBER_CODE = re.compile(r"\bDY\d{3,}")
SHEET = "Assessment Score Sheet"
CRITERION = "Assessment Sheet Criterion"


def editable_inputs(page, scope: str = ".form-layout") -> list[str]:
	"""The fields of the form a person could type into or pick from (their fieldnames)."""
	return page.evaluate(
		"""(scope) => [...document.querySelectorAll(scope + ' .frappe-control')]
			.filter((c) => c.offsetParent !== null && !c.closest('.grid-row'))
			.filter((c) => c.querySelector('input:not([disabled]):not([type=hidden]), textarea:not([disabled]),'
				+ ' select:not([disabled]), .ql-editor[contenteditable=true]'))
			.map((c) => c.dataset.fieldname)""",
		scope,
	)


class TestDeskParty(BrowserCase):
	# the project's browser helpers
	# (the module, not the class, is imported: a test class in this module's names would run here too)
	link = test_browser.TestBrowser.link
	act = test_browser.TestBrowser.act
	_delete = test_browser.TestBrowser._delete
	_delete_where = test_browser.TestBrowser._delete_where

	def no_problems(self, visitor) -> None:
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))

	def no_member_codes(self, visitor) -> None:
		text = visitor.page.locator(".layout-main-section").first.inner_text()
		self.assertEqual(MEMBER_CODE.findall(text), [], "a member's record number where a name belongs")

	# --- a branch secretary ---------------------------------------------------------------------
	def test_a_branch_secretary_records_a_meeting_with_attendance(self):
		branch = frappe.db.get_value(
			"User Permission", {"user": SECRETARY, "allow": "Party Branch"}, "for_value"
		)
		members = frappe.get_all(
			"Party Member", filters={"party_branch": branch, "status": "在册"}, pluck="full_name"
		)
		topic = "桌面测试：学习贯彻党的二十届三中全会精神"
		day = frappe.utils.add_days(frappe.utils.today(), -2)
		self.addCleanup(self._delete_where, "Party Meeting", {"topic": topic})
		visitor = self.visitor("desk-secretary", SECRETARY)
		visitor.visit("/app/机关党建")
		# the branch's open work on the home page, with counts
		for shortcut in ("组织生活记录", "逾期未完成任务", "未缴党费"):
			self.assertEqual(visitor.page.locator(".shortcut-widget-box", has_text=shortcut).count(), 1)
		visitor.visit("/app/party-meeting/new")
		page = visitor.page
		page.locator('[data-fieldname="meeting_type"] select').select_option("支部党员大会")
		if not page.locator('[data-fieldname="party_branch"] input').input_value():
			self.link(page, "party_branch", branch)
		self.link(page, "meeting_date", day)
		page.locator('[data-fieldname="topic"] input').fill(topic)
		page.locator(".page-actions .btn", has_text="载入党员").click()
		page.wait_for_function("() => (cur_frm.doc.attendance || []).length > 0", timeout=30_000)
		visitor.settle()
		grid = page.locator('[data-fieldname="attendance"] .form-grid')
		rows = grid.locator(".grid-body .grid-row")
		self.assertEqual(rows.count(), len(members))
		# the rows name the members, not their record numbers
		text = grid.inner_text()
		self.assertTrue(all(name in text for name in members), text)
		self.assertEqual(MEMBER_CODE.findall(text), [])
		# the table has the page's width, not a third of it
		width = page.evaluate(
			"""() => [document.querySelector('[data-fieldname="attendance"] .form-grid').offsetWidth,
				document.querySelector('.form-layout').offsetWidth]"""
		)
		self.assertGreater(width[0], 0.8 * width[1], width)
		# the last member asked for leave: the secretary marks it in the row's own form
		rows.last.locator(".btn-open-row").click()
		row_form = page.locator(".grid-row-open")
		row_form.locator('[data-fieldname="attendance"] select').select_option("请假")
		row_form.locator('[data-fieldname="reason"] input').fill("出差")
		row_form.locator(".grid-collapse-row").first.click()
		page.keyboard.press("Control+s")
		page.wait_for_url(lambda url: "/new" not in url, timeout=60_000)
		visitor.settle()
		frappe.db.rollback()
		name = frappe.db.get_value("Party Meeting", {"topic": topic})
		saved = frappe.db.get_value(
			"Party Meeting", name, ["expected_count", "present_count", "party_branch"], as_dict=True
		)
		self.assertEqual(
			(saved.expected_count, saved.present_count, saved.party_branch),
			(len(members), len(members) - 1, branch),
		)
		self.assertEqual(
			frappe.get_all(
				"Party Meeting Attendance", filters={"parent": name, "attendance": "请假"}, pluck="reason"
			),
			["出差"],
		)
		visitor.check("saved")
		self.no_member_codes(visitor)
		self.no_problems(visitor)

	def test_a_branch_secretary_opens_the_reports_where_the_data_is(self):
		branch = frappe.db.get_value(
			"User Permission", {"user": SECRETARY, "allow": "Party Branch"}, "for_value"
		)
		latest = frappe.db.sql(
			"select max(year(meeting_date)) from `tabParty Meeting` where party_branch=%s", branch
		)[0][0]
		visitor = self.visitor("desk-secretary-report", SECRETARY)
		visitor.visit("/app/query-report/" + quote("Branch Meetings by Quarter"))
		page = visitor.page
		page.wait_for_selector(".dt-scrollable .dt-row", timeout=30_000)
		self.assertEqual(page.locator('[data-fieldname="year"] input').input_value(), str(latest))
		self.assertIn(branch, page.locator(".dt-scrollable").inner_text())
		self.no_problems(visitor)

	def test_a_branch_secretary_sees_meetings_and_study_sessions_on_a_calendar(self):
		visitor = self.visitor("desk-secretary-calendar", SECRETARY)
		page = visitor.page
		# the meetings on a calendar: it draws without a server error
		visitor.goto("/app/party-meeting/view/calendar")
		page.wait_for_selector(".fc-view-container, .fc-view-harness", timeout=30_000)
		visitor.goto("/app/study-session/view/calendar")
		page.wait_for_selector(".fc-view-container, .fc-view-harness", timeout=30_000)
		self.no_problems(visitor)

	# --- a member --------------------------------------------------------------------------------
	def test_a_member_opens_their_own_dues_and_sees_amount_and_whether_paid(self):
		member = frappe.db.get_value("Party Member", {"user": MEMBER}, ["name", "full_name"], as_dict=True)
		unpaid = frappe.db.count("Party Dues", {"member": member.name, "status": "未缴"})
		total = frappe.db.count("Party Dues", {"member": member.name})
		# the list as a member first meets it, without filters they saved before
		frappe.db.sql("delete from `__UserSettings` where user=%s and doctype='Party Dues'", MEMBER)
		frappe.cache.hdel("_user_settings", f"Party Dues::{MEMBER}")
		frappe.db.commit()  # nosemgrep: the served site reads committed rows
		visitor = self.visitor("desk-member", MEMBER)
		visitor.visit("/app/我的党建")
		page = visitor.page
		# their home counts their own dues, and those unpaid
		for label, count in (("未缴党费", f"{unpaid} 笔未缴"), ("我的党费", f"{total} 笔")):
			shortcut = page.locator(".shortcut-widget-box", has_text=label)
			shortcut.locator(".indicator-pill").wait_for(timeout=15_000)
			self.assertEqual(shortcut.locator(".indicator-pill").inner_text().strip(), count)
		# the home's chart redraws on a resize even when its drawing was taken out from under it
		# (as a workspace that draws its widgets again leaves an earlier chart): no page error
		page.locator("svg.frappe-chart").first.wait_for(timeout=15_000)
		redrawn = page.evaluate(
			"""() => {
				const parent = document.createElement("div");
				document.body.appendChild(parent);
				const chart = frappe.utils.make_chart(parent, {
					type: "bar", height: 120, data: {labels: ["甲"], datasets: [{values: [1]}]},
				});
				chart.container.removeChild(chart.svg);
				try { chart.draw(true); return chart.container.querySelectorAll("svg").length; }
				catch (e) { return e.message; } finally { parent.remove(); }
			}"""
		)
		self.assertEqual(redrawn, 1)
		page.locator(".shortcut-widget-box", has_text="我的党费").click()
		visitor.settle()
		visitor.check("dues list")
		self.assertIn("/app/party-dues", page.url)
		listed = page.locator(".list-row-container")
		self.assertEqual(listed.count(), min(total, 20))
		texts = listed.all_inner_texts()
		self.assertTrue(all(("已缴" in t) or ("未缴" in t) for t in texts), texts)
		self.assertTrue(all(member.full_name in t for t in texts), texts)
		# one of their dues: the amount and whether it is paid, nothing to edit
		dues = frappe.get_all(
			"Party Dues",
			filters={"member": member.name},
			fields=["name", "amount", "status"],
			order_by="year desc, month desc",
			limit=1,
		)[0]
		visitor.visit(f"/app/party-dues/{quote(dues.name)}")
		amount = page.locator('.frappe-control[data-fieldname="amount"] .control-value').inner_text()
		self.assertIn(f"{dues.amount:,.2f}", amount)
		status = page.locator('.frappe-control[data-fieldname="status"] .control-value').inner_text()
		self.assertEqual(status.strip(), dues.status)
		self.assertEqual(editable_inputs(page), [])
		self.no_member_codes(visitor)
		self.no_problems(visitor)

	# --- an assessor -----------------------------------------------------------------------------
	def test_an_assessor_scores_a_sheet(self):
		sheet = self._sheet_at_scoring()
		visitor = self.visitor("desk-assessor", ASSESSOR)
		visitor.visit("/app/两争考核")
		page = visitor.page
		shortcut = page.locator(".shortcut-widget-box", has_text="待我评分")
		shortcut.locator(".indicator-pill").wait_for(timeout=15_000)
		self.assertIn("1 份待评分", shortcut.inner_text())
		visitor.visit(f"/app/assessment-score-sheet/{quote(sheet)}")
		grid = page.locator('[data-fieldname="criteria"] .form-grid')
		rows = frappe.get_all(
			CRITERION,
			filters={"parent": sheet},
			fields=["name", "idx", "scoring_method", "max_score"],
			order_by="idx",
		)
		computed = [r for r in rows if r.scoring_method == "自动计算"]
		hand = [r for r in rows if r.scoring_method == "手工评分"]
		self.assertTrue(computed and hand)
		# a computed criterion shows no assessor's score of 0
		for r in computed:
			cell = grid.locator(f'.grid-row[data-idx="{r.idx}"] [data-fieldname="score"]').first
			self.assertEqual(cell.inner_text().strip(), "自动计算")
		# the assessor scores a hand-scored criterion in its row; the unit's evidence is not theirs
		first = hand[0]
		grid.locator(f'.grid-row[data-idx="{first.idx}"] .btn-open-row').click()
		row_form = page.locator(".grid-row-open")
		self.assertEqual(row_form.locator('[data-fieldname="evidence"] textarea:visible').count(), 0)
		score = row_form.locator('[data-fieldname="score"] input')
		score.fill(str(int(first.max_score - 1)))
		score.press("Tab")
		page.wait_for_function(
			"([name, value]) => locals['Assessment Sheet Criterion'][name].score === value",
			arg=[first.name, first.max_score - 1],
			timeout=15_000,
		)
		row_form.locator(".grid-collapse-row").first.click()
		page.locator(".page-actions .primary-action").click()
		page.wait_for_function("() => !cur_frm.is_dirty()", timeout=60_000)
		visitor.settle()
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value(CRITERION, first.name, "score"), first.max_score - 1)
		visitor.check("scored")
		self.no_problems(visitor)

	def _sheet_at_scoring(self) -> str:
		"""A branch's sheet of the published demo cycle, opened again at 赋分评价 for the test and
		put back as it was afterwards (scores, totals, state)."""
		sheet = frappe.db.get_value(SHEET, {"assessee_kind": "党支部", "status": "已发布"}, order_by="name")
		kept = frappe.db.sql(f"select * from `tab{SHEET}` where name=%s", sheet, as_dict=True)
		rows = frappe.db.sql(f"select * from `tab{CRITERION}` where parent=%s", sheet, as_dict=True)
		frappe.db.sql(f"update `tab{SHEET}` set status='赋分评价', docstatus=0 where name=%s", sheet)
		frappe.db.sql(f"update `tab{CRITERION}` set docstatus=0 where parent=%s", sheet)
		frappe.db.sql("update `tabAssessment Sheet Bonus` set docstatus=0 where parent=%s", sheet)
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		self.addCleanup(self._put_back, kept + rows)
		return sheet

	def _put_back(self, rows) -> None:
		frappe.db.rollback()
		for row in rows:
			table = CRITERION if row.get("parentfield") else SHEET
			columns = [c for c in row if c != "name"]
			frappe.db.sql(
				f"update `tab{table}` set {', '.join(f'`{c}`=%s' for c in columns)} where name=%s",
				[row[c] for c in columns] + [row["name"]],
			)
		frappe.db.sql("update `tabAssessment Sheet Bonus` set docstatus=1 where parent=%s", rows[0]["name"])
		frappe.db.commit()  # nosemgrep: the demo's published sheet, as it was

	# --- the 机关党委 ------------------------------------------------------------------------------
	def test_the_organ_party_committee_reads_a_cycles_ranking(self):
		cycle = frappe.db.get_value("Assessment Cycle", {"status": "已发布"})
		totals = frappe.get_all(
			SHEET, filters={"cycle": cycle, "assessee_kind": "党支部"}, pluck="total_score"
		)
		visitor = self.visitor("desk-organ-ranking", ORGAN)
		visitor.visit("/app/query-report/" + quote("Assessment Ranking") + f"?cycle={quote(cycle)}")
		page = visitor.page
		page.wait_for_selector(".chart-container svg .dataset-units rect", timeout=30_000)
		heights = page.evaluate(
			"""() => [...document.querySelectorAll('.chart-container svg .dataset-units rect')]
				.map((r) => r.getBBox().height)"""
		)
		self.assertEqual(len(heights), len(totals))
		# the bars differ visibly: the tallest is more than twice the shortest's height
		self.assertGreater(max(heights), 2 * max(min(heights), 1), heights)
		# bars above and below the average: the axis runs through negative values
		axis = page.locator(".chart-container").inner_text().split()
		self.assertTrue(any(v.startswith("-") for v in axis), axis)
		rows = page.locator(".dt-scrollable .dt-row")
		self.assertEqual(rows.count(), len(totals))
		# the branches' order in the ranking is the rank
		ranks = [int(t) for t in page.locator(".dt-scrollable .dt-row .dt-cell--col-1").all_inner_texts()]
		self.assertEqual(ranks, sorted(ranks))
		# the branches list 第一、第二、第三…
		visitor.visit("/app/party-branch?is_group=0")
		names = [
			t.strip()
			for t in page.locator(".list-row-container .list-subject a[data-name]").all_inner_texts()
		]
		# (the organ's numbered branches; other tests' branches, unnumbered, may stand among them)
		organ = [n for n in names if n.startswith("机关第")]
		self.assertEqual(organ[:3], ["机关第一党支部", "机关第二党支部", "机关第三党支部"], names)
		# the assessment desk: counts and the ranking chart
		visitor.visit("/app/两争考核")
		page.wait_for_selector(".widget.dashboard-widget-box svg", timeout=30_000)
		self.no_problems(visitor)

	# --- a rectification owner -------------------------------------------------------------------
	def test_a_rectification_owner_writes_the_plan_as_soon_as_the_item_is_theirs(self):
		member = frappe.db.get_value("Party Member", {"user": MEMBER}, ["name", "full_name"], as_dict=True)
		branch = frappe.db.get_value("Party Member", member.name, "party_branch")
		problem = "桌面测试：学习笔记未按月整理"
		self.addCleanup(self._delete_where, "Rectification Item", {"problem": problem})
		(name,) = create_items(
			"Party Branch",
			branch,
			"其他",
			[
				{
					"problem": problem,
					"owner_doctype": "Party Member",
					"owner_name": member.name,
					"deadline": frappe.utils.add_days(frappe.utils.today(), 30),
				}
			],
		)
		frappe.db.commit()  # nosemgrep: the browser reads committed rows
		visitor = self.visitor("desk-rectification-owner", MEMBER)
		visitor.visit(f"/app/rectification-item/{quote(name)}")
		page = visitor.page
		# names, not codes or e-mails; the kinds of record in Chinese
		main = page.locator(".form-layout").inner_text()
		self.assertIn(member.full_name, main)
		self.assertNotIn(MEMBER, main)
		self.assertIn("党员", page.locator('[data-fieldname="owner_doctype"]').inner_text())
		# at 待整改 the owner writes the plan, progress and evidence; nothing of the supervisor's
		self.assertEqual(sorted(editable_inputs(page)), ["evidence", "plan", "progress_note"])
		plan = "十二月底前补齐全年学习笔记，支部书记逐月检查"
		page.locator('[data-fieldname="plan"] textarea').fill(plan)
		page.keyboard.press("Control+s")
		visitor.settle()
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.get_value("Rectification Item", name, ["plan", "status"]), (plan, "待整改")
		)
		self.no_member_codes(visitor)
		visitor.check("saved")
		self.no_problems(visitor)
