"""A sealed vote in a real browser: the scrutineer makes a key in the desk and downloads it, a
deputy casts in the cast dialog on a phone-sized screen (the browser seals the ballot with
libsodium.js) and is shown its tracker and receipt code, the scrutineer opens the ballots in their
own browser with the downloaded key file, the stored ballot is exactly what the deputy marked, and
the deputy finds both codes on the verification page.

Playwright for Python drives Debian's chromium (never a downloaded browser). Screenshots are kept
in test-artifacts/browser/.
"""

import os
import shutil
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import update_password

from sanyou_app.tests.fixtures import deputy_logins, make_town, make_vote, user_for
from sanyou_app.tests.http import Server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PASSWORD = "Sanyou@2026"
ITEMS = ["村庄扶贫路", "连心小院", "丁楼村张庄路", "陈集新村下水道改造提升工程"]
ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


def ignorable(message: str) -> bool:
	"""The test server runs no realtime (socket.io) server; nothing else may fail."""
	return "socket.io" in message or "xhr poll error" in message


class TestSealedVoteInBrowser(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		try:
			import playwright.sync_api  # noqa: F401
		except ImportError:
			raise AssertionError(
				"Playwright for Python is needed: pip install playwright (no browser download)"
			) from None
		if not os.path.exists(CHROMIUM):
			raise AssertionError("Debian's chromium is needed: apt-get install chromium")
		if not frappe.db.get_single_value("System Settings", "setup_complete"):
			from sanyou_app.demo.town import complete_setup

			complete_setup()
		cls.town = make_town(deputies=9)
		cls.users = [
			u for u, _, _ in deputy_logins(cls.town.congress, f"ui-{frappe.generate_hash(length=5)}-")
		]
		for user in cls.users:
			update_password(user, PASSWORD)
		roll = frappe.get_all(
			"Congress Deputy",
			filters={"congress": cls.town.congress},
			pluck="name",
			order_by="full_name, name",
		)
		frappe.set_user(user_for("Town Congress Office"))
		try:
			doc = make_vote(
				cls.town,
				mode="电子投票",
				seats=2,
				items=[{"item_label": t} for t in ITEMS],
				officers=[("计票人", roll[0]), ("总监票人", roll[1])],
			)
			for row in doc.voters:
				row.signed_in = 1
			doc.save()
		finally:
			frappe.set_user("Administrator")
		cls.vote = doc.name
		frappe.db.commit()  # nosemgrep: the server reads committed rows
		cls.server = Server(workers=1, threads=8, statics=True)
		ARTIFACTS.mkdir(parents=True, exist_ok=True)

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		super().tearDownClass()

	def browser_page(self, pw, user: str, phone: bool = False, path: str | None = None):
		browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
		size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
		context = browser.new_context(viewport=size, accept_downloads=True, is_mobile=phone, has_touch=phone)
		context.set_extra_http_headers({"X-Frappe-Site-Name": frappe.local.site})
		page = context.new_page()
		errors = []
		page.on("pageerror", lambda e: errors.append(str(e)))
		# failed requests are judged by their address (the realtime server is not running here)
		page.on(
			"console",
			lambda m: (
				errors.append(m.text)
				if m.type == "error"
				and not ignorable(m.text)
				and not m.text.startswith("Failed to load resource")
				else None
			),
		)
		page.on(
			"response",
			lambda r: (
				errors.append(f"{r.status} {r.url}") if r.status >= 400 and not ignorable(r.url) else None
			),
		)
		page.goto(self.server.url + "/login")
		page.fill("#login_email", user)
		page.fill("#login_password", PASSWORD)
		page.click(".btn-login")
		page.wait_for_url("**/app**")
		if path:
			page.goto(self.server.url + path)
			return browser, page, errors
		page.goto(f"{self.server.url}/app/secret-vote/{self.vote}")
		page.wait_for_selector(".form-layout")
		return browser, page, errors

	def primary(self, page, label: str):
		page.locator(".primary-action:visible", has_text=label).first.click()

	def test_key_made_in_the_browser_opens_a_ballot_sealed_in_the_browser(self):
		from playwright.sync_api import sync_playwright

		chief, deputy = self.users[1], self.users[5]
		with sync_playwright() as pw:
			# the chief scrutineer makes the key pair in the desk; the secret half is downloaded
			browser, page, errors = self.browser_page(pw, chief)
			self.primary(page, "生成开票密钥")
			with page.expect_download() as download:
				page.locator(".modal:visible .btn-primary").first.click()  # confirm
			key_file = ARTIFACTS / "开票密钥.txt"
			download.value.save_as(key_file)
			page.wait_for_selector("text=开票密钥已生成")
			page.screenshot(path=str(ARTIFACTS / "scrutineer-key.png"))
			browser.close()
			self.assertEqual(errors, [])
			text = key_file.read_text(encoding="utf-8")
			self.assertIn("密钥：", text)
			frappe.db.rollback()
			public = frappe.db.get_value(
				"Secret Vote Officer", {"parent": self.vote, "user": chief}, "public_key"
			)
			self.assertIn(f"公钥：{public}", text)

			frappe.set_user(user_for("Town Congress Office"))
			try:
				frappe.get_doc("Secret Vote", self.vote).open_voting()
			finally:
				frappe.set_user("Administrator")
			frappe.db.commit()  # nosemgrep

			# a deputy on a phone: buttons, the count of 赞成, the warning, the review
			browser, page, errors = self.browser_page(pw, deputy, phone=True)
			self.primary(page, "我要投票")
			rows = page.locator(".sanyou-cast-row")
			rows.first.wait_for()
			self.assertEqual(rows.count(), len(ITEMS))
			for i, mark in enumerate(["赞成", "赞成", "赞成", "反对"]):
				rows.nth(i).get_by_role("button", name=mark, exact=True).click()
			self.assertIn("已选赞成 3 个 / 应选 2 个", page.locator(".modal:visible").first.inner_text())
			self.assertIn("本张选票将无效", page.locator(".modal:visible").first.inner_text())
			page.screenshot(path=str(ARTIFACTS / "cast-dialog-void-warning.png"))
			rows.nth(2).get_by_role("button", name="弃权", exact=True).click()
			page.locator(".modal:visible .btn-primary", has_text="核对选票").click()
			review = page.locator(".modal:visible", has_text="请核对您的选票")
			review.wait_for()
			summary = review.inner_text()
			self.assertIn("丁楼村张庄路", summary)
			self.assertEqual(summary.count("赞成"), 2)
			page.screenshot(path=str(ARTIFACTS / "cast-review.png"))
			page.locator(".modal:visible .btn-primary", has_text="确认投票").click()
			page.wait_for_selector("text=投票成功")
			# the deputy is shown the ballot's tracker and the receipt code drawn in the browser
			tracker = page.locator(".sanyou-tracker").inner_text().strip()
			code = page.locator(".sanyou-code").inner_text().strip()
			self.assertRegex(tracker, r"^[0-9A-F]{5}-[0-9A-F]{5}$")
			self.assertRegex(code, r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$")
			page.screenshot(path=str(ARTIFACTS / "cast-done.png"))
			browser.close()
			self.assertEqual(errors, [])

			frappe.db.rollback()
			self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": self.vote}), 1)
			frappe.set_user(user_for("Town Congress Office"))
			try:
				frappe.get_doc("Secret Vote", self.vote).close_voting()
			finally:
				frappe.set_user("Administrator")
			frappe.db.commit()  # nosemgrep

			# the chief scrutineer opens the ballots with the key file
			browser, page, errors = self.browser_page(pw, chief)
			self.primary(page, "开启选票")
			page.locator(".modal:visible input[type=file]").set_input_files(str(key_file))
			page.wait_for_function(
				"() => [...document.querySelectorAll('.modal textarea')].some(t => t.value.includes('密钥：'))"
			)
			page.locator(".modal:visible .btn-primary", has_text="开启选票").click()
			page.wait_for_selector("text=全部选票已开启")
			page.screenshot(path=str(ARTIFACTS / "scrutineer-opened.png"))
			browser.close()
			self.assertEqual(errors, [])

			# while the count awaits, the deputy checks their ballot on the verification page (the
			# vote itself is read only by its officers then), in their own browser
			browser, page, errors = self.browser_page(
				pw, deputy, phone=True, path=f"/ballot-check?vote={self.vote}"
			)
			self.assertIn(tracker, page.locator("#sy-trackers").inner_text())
			page.fill("#sy-tracker", tracker)
			page.fill("#sy-code", code)
			page.click("#sy-go")
			result = page.locator("#sy-result").inner_text()
			self.assertIn("追踪码在票箱中", result)
			self.assertIn("核验码已找到", result)
			page.fill("#sy-code", "22222222")
			page.click("#sy-go")
			self.assertIn("没有找到这个核验码", page.locator("#sy-result").inner_text())
			page.screenshot(path=str(ARTIFACTS / "ballot-check.png"))
			browser.close()
			self.assertEqual(errors, [])

		frappe.db.rollback()
		self.assertEqual(
			frappe.db.sql("select marks, void from `tabSecret Ballot` where vote = %s", self.vote),
			(("赞赞弃反", 0),),
		)
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": self.vote}), 0)
		self.assertEqual(frappe.db.get_value("Secret Vote", self.vote, "receipt_codes"), code)
		self.assertEqual(frappe.db.get_value("Secret Vote", self.vote, "trackers"), tracker)
