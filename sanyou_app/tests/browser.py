"""A user's browser on the served site: Debian's chromium driven by Playwright for Python.

Each Visitor logs in through /login like a person, opens pages, and records what went wrong on
each: console errors, failed requests, error dialogs, and English words left on the screen. It
keeps a screenshot of every page in test-artifacts/browser/. No Frappe import: the checks read
only what the browser shows.
"""

import os
import re
import shutil
from pathlib import Path

from sanyou_app.core.desk_language import english_lines

CHROMIUM = os.environ.get("SANYOU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
	"--headless",
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"

# The realtime (socket.io) server is not part of the site the tests serve (gunicorn alone): the
# desk's attempts to reach it are not the page's errors.
_NO_REALTIME = re.compile(r"/socket\.io/|socket\.io")
# Text a person sees: rendered, not transparent, larger than the 1px boxes of screen-reader text,
# not a hover tooltip.
_VISIBLE_TEXT = """() => {
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	while (walker.nextNode()) {
		const node = walker.currentNode;
		const text = node.textContent.trim();
		const el = node.parentElement;
		if (!text || !el || el.closest("script, style, noscript, .tooltip-content, .visually-hidden, .sr-only")) continue;
		if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
		const range = document.createRange();
		range.selectNodeContents(node);
		const box = range.getBoundingClientRect();
		if (box.width <= 1 || box.height <= 1) continue;
		out.push(text);
	}
	return out.join("\\n");
}"""


def english_in(text: str) -> list[str]:
	"""The lines of a page's visible text with English words left (the rule: core/desk_language)."""
	return english_lines(text)


def available() -> str | None:
	"""Why browser tests cannot run here, or None when they can."""
	try:
		import playwright.sync_api  # noqa: F401
	except ImportError:
		return "Playwright for Python is not installed in the bench's environment (pip install playwright)"
	if not Path(CHROMIUM).exists():
		return f"no chromium at {CHROMIUM} (apt-get install chromium)"
	return None


class Browser:
	def __init__(self):
		from playwright.sync_api import sync_playwright

		self._pw = sync_playwright().start()
		self.browser = self._pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)

	def close(self):
		self.browser.close()
		self._pw.stop()


class Visitor:
	"""One person's session: a browser context logged in as them (or a Guest)."""

	def __init__(
		self,
		browser: Browser,
		base_url: str,
		tag: str,
		viewport=(1366, 900),
	):
		self.base_url = base_url.rstrip("/")
		self.tag = tag
		self.context = browser.browser.new_context(
			locale="zh-CN",
			viewport={"width": viewport[0], "height": viewport[1]},
			extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"},
		)
		self.context.set_default_timeout(30_000)
		self.page = self.context.new_page()
		self.problems: list[str] = []
		self._where = ""
		self._shot = 0
		self.page.on("console", self._on_console)
		self.page.on("pageerror", self._on_page_error)
		self.page.on("requestfailed", self._on_request_failed)
		self.page.on("response", self._on_response)

	# --- what goes wrong -------------------------------------------------------------------
	def _on_page_error(self, error) -> None:
		# the script's own frames, so a failure says where the desk broke
		frames = [line.strip() for line in (error.stack or "").splitlines()[1:4]]
		self.problems.append(f"{self._where}: page error: {error.message} | {' < '.join(frames)}")

	def _on_console(self, message):
		where = message.text + str(message.location)
		if message.text.startswith("Failed to load resource"):
			return  # the response handler records it, with its address
		if message.type == "error" and not _NO_REALTIME.search(where):
			self.problems.append(f"{self._where}: console error: {message.text[:300]}")

	def _on_request_failed(self, request):
		failure = request.failure or ""
		if "ERR_ABORTED" in failure or _NO_REALTIME.search(request.url):  # cancelled by the page itself
			return
		self.problems.append(f"{self._where}: request failed: {request.method} {request.url} {failure}")

	def _on_response(self, response):
		if response.status >= 400 and not _NO_REALTIME.search(response.url):
			self.problems.append(
				f"{self._where}: HTTP {response.status} {response.request.method} {response.url}"
			)

	# --- moving around ---------------------------------------------------------------------
	def url(self, path: str) -> str:
		return self.base_url + path

	def login(self, user: str, password: str) -> None:
		self._where = f"{self.tag} /login"
		self.page.goto(self.url("/login"))
		self.page.fill("#login_email", user)
		self.page.fill("#login_password", password)
		self.page.click(".btn-login")
		self.page.wait_for_url(re.compile(r"/app(/|$)"), timeout=60_000)
		self.settle()

	def goto(self, path: str) -> None:
		self._where = f"{self.tag} {path}"
		self.page.goto(self.url(path))
		self.settle()

	def settle(self) -> None:
		"""Wait until the desk has drawn the page and its requests are done."""
		self.page.wait_for_load_state("networkidle")
		self.page.wait_for_function(
			"() => !window.frappe || !frappe.dom || !document.querySelector('.freeze-message-container')",
			timeout=30_000,
		)
		self.page.wait_for_timeout(400)
		self.page.wait_for_load_state("networkidle")

	def check(self, name: str | None = None) -> None:
		"""Record error dialogs and English on the screen, and keep a screenshot."""
		where = self._where
		for dialog in self.page.locator(".modal.show .modal-content").all():
			title = (
				dialog.locator(".modal-title").first.inner_text()
				if dialog.locator(".modal-title").count()
				else ""
			)
			red = dialog.locator(".indicator.red, .modal-header .indicator-pill.red").count()
			if red or title in ("错误", "Error", "Message"):
				self.problems.append(f"{where}: error dialog: {dialog.inner_text()[:300]}")
		text = self.page.evaluate(_VISIBLE_TEXT)
		for line in english_in(text):
			self.problems.append(f"{where}: English on the page: {line}")
		self.screenshot(name)

	def screenshot(self, name: str | None = None) -> Path:
		ARTIFACTS.mkdir(parents=True, exist_ok=True)
		self._shot += 1
		slug = re.sub(r"[^\w一-鿿]+", "-", name or self._where).strip("-")[:80]
		path = ARTIFACTS / f"{self.tag}-{self._shot:02d}-{slug}.png"
		self.page.screenshot(path=str(path), full_page=True)
		return path

	def visit(self, path: str, name: str | None = None) -> None:
		self.goto(path)
		self.check(name)

	def close(self) -> None:
		self.context.close()
