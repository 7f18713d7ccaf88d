"""The documents filed as 公文 (GB/T 9704-2012): each one's PDF, as the desk's PDF button gives it,
and its Word copy, as 下载 Word gives it, made from one model.

For every document: the .docx read back with python-docx (A4, the standard's margins, the title in
2号方正小标宋简体, the body in 3号仿宋_GB2312, its text equal to the model's); the PDF read with pypdf
and pdftotext (A4, every word inside the 156 × 225 mm text area, page numbers "— n —" right on odd
pages and left on even ones, its text equal to the Word copy's once the page numbers and the
headers repeated on later pages are left aside); page 1 rendered to a PNG in test-artifacts/gongwen/.
"""

import datetime
import io
import re
import shutil
import subprocess
import tempfile
import zoneinfo
from pathlib import Path
from urllib.parse import quote

import frappe
import requests
from docx import Document as read_docx
from docx.shared import Pt
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from sanyou_app.core import gongwen as gw
from sanyou_app.core import gongwen_docx, gongwen_pdf
from sanyou_app.core.pdftext import radicals_in
from sanyou_app.documents import DOCUMENTS, api
from sanyou_app.documents.settings import SETTINGS, apply, issue_number
from sanyou_app.tests.test_pdf_text import OFFICE, ORGAN, PASSWORD
from sanyou_app.tests.test_print_and_demo import CYCLE_2020, CYCLE_2021, ensure_demo

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "gongwen"
PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")
MM = 72 / 25.4


def records() -> dict[str, tuple[str, str, str]]:
	"""A demo record for each 公文, and who prints it."""
	vote = frappe.db.get_value("Secret Vote", {"vote_type": "项目票决", "cycle": CYCLE_2020})
	meeting = frappe.db.get_value("Party Meeting", {}, order_by="meeting_date desc")
	cycle = frappe.db.get_value("Assessment Cycle", {"status": "已发布"})
	return {
		"征集公告": (OFFICE, "Livelihood Cycle", CYCLE_2021),
		"候选项目情况报告": (OFFICE, "Livelihood Cycle", CYCLE_2020),
		"项目完成情况报告": (OFFICE, "Livelihood Cycle", CYCLE_2020),
		"表决结果公告": (OFFICE, "Secret Vote", vote),
		"计票记录": (OFFICE, "Secret Vote", vote),
		"表彰决定": (ORGAN, "Assessment Cycle", cycle),
		"会议记录": (ORGAN, "Party Meeting", meeting),
	}


def session(user: str) -> requests.Session:
	s = requests.Session()
	s.post(
		frappe.utils.get_url("/api/method/login"), data={"usr": user, "pwd": PASSWORD}, timeout=60
	).raise_for_status()
	return s


def fetch(s: requests.Session, method: str, **params) -> requests.Response:
	return s.get(frappe.utils.get_url(f"/api/method/{method}"), params=params, timeout=300)


def words(pdf: bytes) -> list[list[tuple[float, float, float, float, str]]]:
	"""Each page's words with their boxes (points, from the top-left corner), by pdftotext -bbox."""
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		out = subprocess.run(
			["pdftotext", "-bbox", f.name, "-"], check=True, capture_output=True, text=True
		).stdout
	pages = []
	for page in out.split("<page ")[1:]:
		pages.append(
			[
				(float(a), float(b), float(c), float(d), text)
				for a, b, c, d, text in re.findall(
					r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
				)
			]
		)
	return pages


def pdftotext(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		return subprocess.run(
			["pdftotext", "-raw", "-enc", "UTF-8", f.name, "-"], check=True, capture_output=True, text=True
		).stdout


def squeeze(text: str) -> str:
	return "".join(text.split())


class TestGongwen(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()
		if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
			raise cls.failureException("pdftotext and pdftoppm (poppler-utils) are needed")
		ARTIFACTS.mkdir(parents=True, exist_ok=True)

	def test_every_document_is_covered(self):
		self.assertEqual(set(records()), set(DOCUMENTS))

	def test_word_copy(self):
		for print_format, (user, doctype, name) in records().items():
			with self.subTest(print_format=print_format):
				self.assertTrue(name, f"no demo record for {print_format}")
				response = fetch(
					session(user),
					"sanyou_app.documents.api.download_docx",
					doctype=doctype,
					name=name,
					print_format=print_format,
				)
				response.raise_for_status()
				self.assertTrue(response.content.startswith(b"PK"), response.text[:300])
				self.assertIn(".docx", response.headers.get("Content-Disposition", ""))
				data = response.content
				(ARTIFACTS / f"{print_format}.docx").write_bytes(data)
				d = read_docx(io.BytesIO(data))
				s = d.sections[0]
				measures = (s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin)
				self.assertEqual([round(m.mm, 1) for m in measures], [210, 297, 37, 35, 28])
				self.assertEqual(round(s.right_margin.mm, 1), 26)
				model = api.model(frappe.get_doc(doctype, name), print_format)
				title = next(p for p in d.paragraphs if p.text == model.title_lines()[0])
				self.assertEqual(title.runs[0].font.name, "方正小标宋简体")
				self.assertEqual(title.runs[0].font.size, Pt(22))
				body = next(
					p
					for p in d.paragraphs
					if p.paragraph_format.first_line_indent == Pt(32) and p.alignment == 3
				)
				self.assertEqual(body.runs[0].font.name, "仿宋_GB2312")
				self.assertEqual(body.runs[0].font.size, Pt(16))
				self.assertEqual(gongwen_docx.text_of(data), gw.plain_text(model))

	def test_pdf_layout_and_text(self):
		for print_format, (user, doctype, name) in records().items():
			with self.subTest(print_format=print_format):
				response = fetch(
					session(user),
					"frappe.utils.print_format.download_pdf",
					doctype=doctype,
					name=name,
					format=print_format,
				)
				response.raise_for_status()
				pdf = response.content
				self.assertTrue(pdf.startswith(b"%PDF"), response.text[:300])
				(ARTIFACTS / f"{print_format}.pdf").write_bytes(pdf)
				reader = PdfReader(io.BytesIO(pdf))
				for page in reader.pages:
					self.assertAlmostEqual(float(page.mediabox.width), 595.3, delta=1)
					self.assertAlmostEqual(float(page.mediabox.height), 841.9, delta=1)
				self.check_text_area(words(pdf))
				model = api.model(frappe.get_doc(doctype, name), print_format)
				text = pdftotext(pdf)
				self.assertEqual(radicals_in(text), "")
				printed = squeeze(PAGE_NUMBER.sub("", text))
				self.assertEqual(printed, gw.plain_text(gw.paginate(model)))
				self.assertEqual(len(PAGE_NUMBER.findall(text)), len(reader.pages))
				png = ARTIFACTS / print_format
				subprocess.run(
					["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", str(png)],
					input=pdf,
					check=True,
					capture_output=True,
				)
				self.assertGreater(png.with_suffix(".png").stat().st_size, 5000)

	def check_text_area(self, pages):
		# pdftotext's word boxes are the font's ascent and descent (Noto CJK: 1.16 em and 0.29 em, more
		# than the ink): 2 pt of slack at the top and the bottom
		left, right = 28 * MM - 1, (28 + 156) * MM + 1
		top, bottom = 37 * MM - 2, (37 + 225) * MM + 2
		for number, page in enumerate(pages, 1):
			text_words = [w for w in page if "—" not in w[4] and not (w[1] > bottom and w[4].isdigit())]
			self.assertTrue(text_words)
			self.assertGreaterEqual(min(w[0] for w in text_words), left)
			self.assertLessEqual(max(w[2] for w in text_words), right)
			self.assertGreaterEqual(min(w[1] for w in text_words), top)
			self.assertLessEqual(max(w[3] for w in text_words), bottom)
			# the page number: below the text area, one character in, right on odd pages
			numbers = [w for w in page if w[1] > bottom]
			self.assertTrue(numbers, f"page {number} has no page number")
			if number % 2:
				self.assertAlmostEqual(max(w[2] for w in numbers), 184 * MM - 14, delta=3)
			else:
				self.assertAlmostEqual(min(w[0] for w in numbers), 28 * MM + 14, delta=3)

	def test_body_lines_hold_28_characters(self):
		model = gw.Document(kind="测试", title="测试", body=[gw.Paragraph("人民代表大会常务委员会" * 12)])
		pages = words(api.pdf_of(model))
		lines = [
			w[4]
			for w in pages[0]
			if w[4].startswith(("人", "民", "代", "表", "大", "会", "常", "务", "委", "员"))
		]
		full = lines[1:-1]  # the first line is indented two characters, the last is short
		self.assertTrue(full)
		self.assertTrue(all(len(line) == 28 for line in full), full)

	def test_long_table_repeats_its_header_on_every_page(self):
		rows = [
			[str(i), f"第{i}号候选项目道路硬化及排水改造工程", str(70 - i % 7), "0", "2"]
			for i in range(1, 121)
		]
		model = gw.Document(
			kind="计票记录",
			title="计票记录",
			body=[
				gw.Paragraph("以下为各候选项目得票情况。"),
				gw.Table(["序号", "候选项目", "赞成", "反对", "弃权"], rows, [0.1, 0.54, 0.12, 0.12, 0.12]),
			],
		)
		pdf = api.pdf_of(model)
		pages = words(pdf)
		self.assertGreaterEqual(len(pages), 3)
		for number, page in enumerate(pages, 1):
			texts = [w[4] for w in page]
			self.assertIn("序号", texts, f"page {number} has no header")
		# every row once, in order, none cut across pages
		text = pdftotext(pdf)
		found = [int(m) for m in re.findall(r"第(\d+)号候选项目", text)]
		self.assertEqual(found, list(range(1, 121)))
		self.check_text_area(pages)

	def test_document_number_is_given_once_per_record_in_its_series(self):
		year = 2099

		def forget():  # numbers are kept as soon as issued (their own transaction): remove them so
			frappe.db.delete("Official Document Number", {"year": year})
			frappe.db.commit()

		forget()
		self.addCleanup(forget)
		first = issue_number("表彰决定", "机关党发", "Assessment Cycle", "测试甲", year)
		again = issue_number("表彰决定", "机关党发", "Assessment Cycle", "测试甲", year)
		second = issue_number("表彰决定", "机关党发", "Assessment Cycle", "测试乙", year)
		self.assertEqual(
			(first, again, second), ("机关党发〔2099〕1号", "机关党发〔2099〕1号", "机关党发〔2099〕2号")
		)
		# saving the settings form opened before the numbers were issued keeps them
		settings = frappe.get_doc(SETTINGS)
		settings.issued = [row for row in settings.issued if row.year != year]
		settings.save(ignore_permissions=True)
		self.assertEqual(
			sorted(r.number for r in frappe.get_doc(SETTINGS).issued if r.year == year),
			["机关党发〔2099〕1号", "机关党发〔2099〕2号"],
		)

	def test_a_number_printed_by_a_get_is_kept_and_simultaneous_first_prints_differ(self):
		"""Printing is a GET, whose writes Frappe rolls back: the 发文字号 on the paper must stay the
		record's. Two records printed first at the same moment get two numbers."""
		_, doctype, cycle = records()["表彰决定"]
		year = 2098
		names = [f"并发测试{i}" for i in range(6)]

		def forget():
			frappe.db.delete("Official Document Number", {"year": year})
			frappe.db.commit()

		forget()
		self.addCleanup(forget)
		from concurrent.futures import ThreadPoolExecutor

		site = frappe.local.site

		def issue(name):
			frappe.init(site=site)
			frappe.connect()
			try:
				return issue_number("表彰决定", "机关党发", doctype, name, year)
			finally:
				frappe.db.rollback()  # as a GET ends
				frappe.destroy()

		with ThreadPoolExecutor(max_workers=6) as pool:
			numbers = list(pool.map(issue, names + names))
		self.assertEqual(numbers[:6], numbers[6:])  # each record keeps its number
		self.assertEqual(
			sorted(numbers[:6]), sorted(f"机关党发〔{year}〕{i}号" for i in range(1, 7))
		)  # and no two records share one
		self.assertEqual(frappe.db.count("Official Document Number", {"year": year}), 6)
		# an HTTP print (a GET) of a record not yet numbered keeps the number it printed
		frappe.db.delete("Official Document Number", {"reference_doctype": doctype, "reference_name": cycle})
		frappe.db.commit()
		response = fetch(
			session(ORGAN),
			"frappe.utils.print_format.download_pdf",
			doctype=doctype,
			name=cycle,
			format="表彰决定",
		)
		response.raise_for_status()
		kept = frappe.db.sql(
			"select number from `tabOfficial Document Number` where reference_name=%s lock in share mode",
			(cycle,),
		)
		self.assertEqual(len(kept), 1)
		self.assertIn(squeeze(kept[0][0]), squeeze(pdftotext(response.content)))

	def test_commendation_carries_the_letterhead_and_number_set_by_the_administrator(self):
		user, doctype, name = records()["表彰决定"]
		model = api.model(frappe.get_doc(doctype, name), "表彰决定")
		self.assertEqual(model.organ_mark, "中共市人大常委会机关委员会文件")
		self.assertRegex(model.number, r"^机关党发〔\d{4}〕\d+号$")
		self.assertTrue(model.seal)
		self.assertEqual(model.cc, "市人大常委会机关党组")
		settings = frappe.get_doc(SETTINGS)
		organ = settings.organ_name
		settings.organ_name = "中共某某委员会"
		for r in settings.kinds:
			if r.document == "表彰决定":
				r.organ_mark = "中共某某委员会文件"
		settings.save(ignore_permissions=True)
		try:
			changed = api.model(frappe.get_doc(doctype, name), "表彰决定")
			self.assertEqual(changed.organ_mark, "中共某某委员会文件")
			self.assertEqual((changed.title_lines()[0], changed.signer), ("中共某某委员会", "中共某某委员会"))
		finally:
			settings = frappe.get_doc(SETTINGS)  # as it is now: printing may have issued numbers
			settings.organ_name = organ
			for r in settings.kinds:
				if r.document == "表彰决定":
					r.organ_mark = "中共市人大常委会机关委员会文件"
			settings.save(ignore_permissions=True)

	def test_guest_gets_no_word_copy(self):
		user, doctype, name = records()["候选项目情况报告"]
		response = fetch(
			requests.Session(),
			"sanyou_app.documents.api.download_docx",
			doctype=doctype,
			name=name,
			print_format="候选项目情况报告",
		)
		self.assertEqual(response.status_code, 403)
		self.assertFalse(response.content.startswith(b"PK"))


class TestWordButton(FrappeTestCase):
	"""下载 Word on the form, in the desk as the office sees it, and the print view of a 公文."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		from sanyou_app.tests import browser
		from sanyou_app.tests.browser_case import skip_without_chromium

		skip_without_chromium()
		ensure_demo()
		cls.browser_module = browser
		cls.browser = browser.Browser()

	@classmethod
	def tearDownClass(cls):
		if getattr(cls, "browser", None):
			cls.browser.close()
		super().tearDownClass()

	def test_office_downloads_the_word_copy_from_the_form(self):
		visitor = self.browser_module.Visitor(self.browser, frappe.utils.get_url(), "gongwen")
		self.addCleanup(visitor.close)
		visitor.login(OFFICE, PASSWORD)
		visitor.visit(f"/app/livelihood-cycle/{quote(CYCLE_2020)}")
		page = visitor.page
		page.evaluate("window.open = (url) => { window.__opened = url; }")
		page.locator(".inner-group-button button", has_text="下载 Word").click()
		page.locator(".inner-group-button .dropdown-item", has_text="候选项目情况报告").click()
		url = page.evaluate("window.__opened")
		self.assertIn("sanyou_app.documents.api.download_docx", url)
		response = page.request.get(visitor.url(url))
		self.assertEqual(response.status, 200)
		data = response.body()
		self.assertTrue(data.startswith(b"PK"))
		model = api.model(frappe.get_doc("Livelihood Cycle", CYCLE_2020), "候选项目情况报告")
		self.assertEqual(gongwen_docx.text_of(data), gw.plain_text(model))
		visitor.visit(
			f"/printview?doctype=Livelihood%20Cycle&name={quote(CYCLE_2020)}&format={quote('候选项目情况报告')}"
		)
		self.assertIn(model.title_lines()[0], page.inner_text(".print-format"))
		self.assertEqual(visitor.problems, [], "\n".join(visitor.problems))


class TestLetterHead(FrappeTestCase):
	def test_an_image_letter_head_prints_as_the_header_of_both_copies(self):
		from PIL import Image

		ensure_demo()
		out = io.BytesIO()
		Image.new("RGB", (400, 60), (192, 0, 0)).save(out, format="PNG")
		png = out.getvalue()
		file = frappe.get_doc(
			{"doctype": "File", "file_name": "红头测试.png", "content": png, "is_private": 1}
		).insert(ignore_permissions=True)
		head = frappe.get_doc(
			{
				"doctype": "Letter Head",
				"letter_head_name": "红头测试",
				"source": "Image",
				"image": file.file_url,
			}
		).insert(ignore_permissions=True)
		settings = frappe.get_doc(SETTINGS)
		row = next(r for r in settings.kinds if r.document == "表彰决定")
		row.letter_head = head.name
		settings.save(ignore_permissions=True)
		try:
			_, doctype, name = records()["表彰决定"]
			model = api.model(frappe.get_doc(doctype, name), "表彰决定")
			self.assertEqual(model.letterhead, png)
			d = read_docx(io.BytesIO(gongwen_docx.to_bytes(model)))
			self.assertEqual(len(d.inline_shapes), 1)
			pdf = api.pdf_of(model)
			first = PdfReader(io.BytesIO(pdf)).pages[0]
			images = [
				x for x in first["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"
			]
			self.assertTrue(images)
			self.assertNotIn("中共市人大常委会机关委员会文件", pdftotext(pdf))
		finally:
			settings = frappe.get_doc(SETTINGS)  # as it is now: printing may have issued numbers
			next(r for r in settings.kinds if r.document == "表彰决定").letter_head = None
			settings.save(ignore_permissions=True)
			head.delete(ignore_permissions=True)
			file.delete(ignore_permissions=True)


class TestTheSitesDay(FrappeTestCase):
	def test_a_document_without_a_date_is_printed_on_the_sites_day_not_the_servers(self):
		"""A 公文 without a date of its own is 印发 on the day it is printed: the site's day (its
		time zone), whatever day the server's clock is on."""
		server_day = datetime.date.today()

		def day_in(zone):
			return datetime.datetime.now(zoneinfo.ZoneInfo(zone)).date()

		# 14 hours ahead of UTC or 12 behind: at any moment one of them is on another day
		zone = next(z for z in ("Pacific/Kiritimati", "Etc/GMT+12") if day_in(z) != server_day)
		year = 2099

		def forget():  # the number printing issues is kept in its own transaction
			frappe.db.delete("Official Document Number", {"year": year})
			frappe.db.commit()

		self.addCleanup(forget)
		frappe.local.system_settings = frappe._dict(time_zone=zone)
		try:
			site_day = frappe.utils.getdate()
			self.assertEqual(site_day, day_in(zone))
			doc = apply(
				gw.Document(kind="表彰决定", title="关于测试的决定", body=[]),
				frappe._dict(doctype="Assessment Cycle", name="时区测试", year=year),
			)
		finally:
			del frappe.local.system_settings
		self.assertEqual(doc.print_date, gw.date_text(site_day))
		self.assertNotEqual(doc.print_date, gw.date_text(server_day))


class TestRecordAtFoot(FrappeTestCase):
	def test_the_record_ends_on_the_last_line_of_the_last_page(self):
		doc = gw.Document(
			kind="测试",
			title="关于测试的通知",
			recipient="各单位：",
			body=[gw.Paragraph("这是一份很短的通知。")],
			signer="某某机关",
			date="2021年1月10日",
			cc="甲单位，乙单位",
			printer="某某办公室",
			print_date="2021年1月10日",
		)
		pdf = api.pdf_of(doc)
		self.assertEqual(len(PdfReader(io.BytesIO(pdf)).pages), 1)
		baseline = gongwen_pdf.last_baseline(pdf, "2021年1月10日印发")
		bottom = 35 * MM
		# the last line's baseline sits above the text area's bottom edge by its descent and half
		# its leading, not a line more
		self.assertGreater(baseline, bottom)
		self.assertLess(baseline, bottom + 16)
		self.check_inside(pdf)

	def check_inside(self, pdf):
		bottom = (37 + 225) * MM
		for page in words(pdf):
			body = [w for w in page if "—" not in w[4] and not (w[1] > bottom and w[4].isdigit())]
			self.assertLessEqual(max(w[3] for w in body), bottom + 2)
