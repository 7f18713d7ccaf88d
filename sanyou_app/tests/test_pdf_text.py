"""Every print format's PDF says in its text layer exactly what it prints.

Each of the app's print formats is downloaded the way the desk's PDF button does it (Frappe's
download_pdf over HTTP from the served site, which hooks.py routes through sanyou_app.common.pdf,
as the demo user who prints it), then read with pdftotext and
compared with the visible text of the same print's HTML: equal, white space aside, and not one
character in U+2E80–U+2FDF (the Kangxi radicals wkhtmltopdf writes for 人, 大, 水, 民 ...).
"""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import frappe
import requests
from bs4 import BeautifulSoup
from frappe.tests.utils import FrappeTestCase

from sanyou_app.common.pdf import get_print_pdf
from sanyou_app.core import gongwen
from sanyou_app.core.pdftext import radicals_in
from sanyou_app.documents import DOCUMENTS
from sanyou_app.documents import api as documents
from sanyou_app.tests.test_print_and_demo import CYCLE_2020, CYCLE_2021, ensure_demo

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "pdf"


def pdftotext(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
		f.write(pdf)
		f.flush()
		return subprocess.run(
			["pdftotext", "-raw", "-enc", "UTF-8", f.name, "-"], check=True, capture_output=True, text=True
		).stdout


def visible_text(html: str) -> str:
	soup = BeautifulSoup(html, "html.parser")
	for tag in soup(["script", "style", "title", "head"]):
		tag.decompose()
	for tag in soup.select(".hidden-pdf, .print-hide"):
		tag.decompose()
	return soup.get_text()


def squeeze(text: str) -> str:
	return "".join(text.split())


OFFICE = "bangongshi@liuqiao.example.cn"
ORGAN = "dangwei@rdjg.example.cn"
PASSWORD = "Sanyou@2026"


def download(user: str, doctype: str, name: str, print_format: str) -> bytes:
	"""The PDF the desk's PDF button gets: Frappe's download_pdf over HTTP, as the user."""
	session = requests.Session()
	session.post(
		frappe.utils.get_url("/api/method/login"), data={"usr": user, "pwd": PASSWORD}, timeout=60
	).raise_for_status()
	response = session.get(
		frappe.utils.get_url("/api/method/frappe.utils.print_format.download_pdf"),
		params={"doctype": doctype, "name": name, "format": print_format},
		timeout=300,
	)
	response.raise_for_status()
	assert response.content.startswith(b"%PDF"), response.text[:300]
	return response.content


class TestPdfText(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_demo()
		if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
			raise cls.failureException("pdftotext and pdftoppm (poppler-utils) are needed")

	def records(self) -> dict[str, tuple[str, str, str]]:
		"""A demo record for each of the app's print formats."""
		survey = frappe.db.get_value("Secret Vote", {"vote_type": "满意度测评"})
		vote = frappe.db.get_value("Secret Vote", {"vote_type": "项目票决", "cycle": CYCLE_2020})
		meeting = frappe.db.get_value("Party Meeting", {}, order_by="meeting_date desc")
		ledger = frappe.db.get_value("Party Dues Ledger", {})
		return {
			"征集公告": (OFFICE, "Livelihood Cycle", CYCLE_2021),
			"候选项目情况报告": (OFFICE, "Livelihood Cycle", CYCLE_2020),
			"票决票": (OFFICE, "Secret Vote", vote),
			"测评表": (OFFICE, "Secret Vote", survey),
			"计票记录": (OFFICE, "Secret Vote", vote),
			"表决结果公告": (OFFICE, "Secret Vote", vote),
			"会议记录": (ORGAN, "Party Meeting", meeting),
			"党费缴纳台账": (ORGAN, "Party Dues Ledger", ledger),
		}

	def test_every_print_format_is_covered(self):
		ours = set(
			frappe.get_all(
				"Print Format",
				filters={
					"module": ("in", ["Livelihood Projects", "Voting", "Party Building"]),
					"standard": "Yes",
				},
				pluck="name",
			)
		)
		self.assertEqual(ours, set(self.records()))

	def test_pdf_text_is_the_printed_text(self):
		ARTIFACTS.mkdir(parents=True, exist_ok=True)
		for print_format, (user, doctype, name) in self.records().items():
			with self.subTest(print_format=print_format):
				self.assertTrue(name, f"no demo record for {print_format}")
				pdf = download(user, doctype, name, print_format)
				text = pdftotext(pdf)
				self.assertEqual(radicals_in(text), "")
				if print_format in DOCUMENTS:
					# a 公文: its printed text is its model's, page numbers aside (test_gongwen.py)
					model = documents.model(frappe.get_doc(doctype, name), print_format)
					text = re.sub(r"—\s*\d+\s*—", "", text)
					self.assertEqual(squeeze(text), gongwen.plain_text(gongwen.paginate(model)))
				else:
					html = frappe.get_print(doctype, name, print_format)
					self.assertEqual(squeeze(text), squeeze(visible_text(html)))
				(ARTIFACTS / f"{print_format}.pdf").write_bytes(pdf)
				subprocess.run(
					[
						"pdftoppm",
						"-png",
						"-r",
						"50",
						"-f",
						"1",
						"-l",
						"1",
						"-singlefile",
						"-",
						str(ARTIFACTS / print_format),
					],
					input=pdf,
					check=True,
					capture_output=True,
				)
				self.assertGreater((ARTIFACTS / f"{print_format}.png").stat().st_size, 5000)

	def test_the_app_own_pdfs_are_fixed_too(self):
		pdf = get_print_pdf("Livelihood Cycle", CYCLE_2020, "候选项目情况报告")
		text = squeeze(pdftotext(pdf))
		self.assertIn("人民代表大会", text)
		self.assertEqual(radicals_in(text), "")

	def test_frappe_alone_would_write_radicals(self):
		# what the wrapper fixes: without it, the same print has look-alike radicals in its text
		raw = frappe.get_print("Livelihood Cycle", CYCLE_2020, "候选项目情况报告", as_pdf=True)
		self.assertNotEqual(radicals_in(pdftotext(raw)), "")
