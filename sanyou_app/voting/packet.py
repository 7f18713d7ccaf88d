"""The session packet: the candidate report, then K ballots, as one PDF.

The ballot is rendered once by wkhtmltopdf and its page copied K times with pypdf (a copy shares
the page's content and fonts), instead of rendering K ballots. For samples, the one rendering
carries a 样票 stamp.

Each rendering is cached by its page's content (common/pdf.py), and a vote in preparation has its
pages rendered ahead in a background job — when it is saved and when the office opens it — so the
packet the office downloads is assembled from rendered pages (wkhtmltopdf starts in about 0.4 s a
page; the report with its 版记 takes two runs). A page changed since is simply rendered again.
"""

import io

import frappe
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject

from sanyou_app.common.pdf import get_pdf, get_print_pdf
from sanyou_app.core import voting

STAMP = (
	'<div style="position: absolute; top: 330px; left: 0; right: 0; text-align: center; '
	"font-family: 'Noto Sans CJK SC', sans-serif; font-size: 150px; font-weight: bold; color: #e8a5a3; "
	'-webkit-transform: rotate(-30deg); z-index: 10;">样票</div>'
)
MAX_COPIES = 2000


def ballot_format(vote_type: str) -> str:
	return "票决票" if vote_type == voting.PROJECT_VOTE else "测评表"


def build(vote: str, copies: int, sample: bool = False) -> bytes:
	doc = frappe.get_doc("Secret Vote", vote)
	if not 1 <= copies <= MAX_COPIES:
		frappe.throw(f"份数应在1到{MAX_COPIES}之间", title="无法生成")
	writer = PdfWriter()
	if doc.cycle and doc.vote_type == voting.PROJECT_VOTE:
		report = get_print_pdf("Livelihood Cycle", doc.cycle, "候选项目情况报告")
		for page in PdfReader(io.BytesIO(report)).pages:
			writer.add_page(page)
	html = frappe.get_print("Secret Vote", vote, ballot_format(doc.vote_type))
	if sample:
		html = html.replace("</body>", STAMP + "</body>", 1)
	add_copies(writer, PdfReader(io.BytesIO(get_pdf(html))).pages, copies)
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def add_copies(writer: PdfWriter, pages, copies: int) -> None:
	"""`copies` copies of `pages` at the end of `writer`. The pages are cloned into the writer once;
	each further copy is a page dictionary of its own (a viewer needs one per page) pointing at the
	same content and resources. pypdf's add_page clones the whole page every time: for 500 ballots
	that took 0.22 s of a 0.3 s packet, this takes a few milliseconds (benchmarks/gongwen.py)."""
	first = [writer.add_page(page) for page in pages]
	if not first or copies < 2:
		return
	tree = first[0][NameObject("/Parent")].get_object()
	kids = tree[NameObject("/Kids")]
	for _ in range(copies - 1):
		for page in first:
			kids.append(writer._add_object(DictionaryObject(page)))  # pypdf ~3.17, pinned by Frappe v15
	tree[NameObject("/Count")] = NumberObject(len(kids))


def warm(vote: str) -> None:
	"""Render the packet's pages into the cache (a background job): the report, the ballot and
	the sample ballot of a vote in preparation."""
	if frappe.db.get_value("Secret Vote", vote, "status") != voting.PREPARING:
		return
	build(vote, 1)
	build(vote, 1, sample=True)


def warm_later(vote: str, after_commit: bool) -> None:
	frappe.enqueue(
		"sanyou_app.voting.packet.warm",
		vote=vote,
		queue="short",
		job_id=f"sanyou-packet-warm::{frappe.local.site}::{vote}",
		deduplicate=True,
		enqueue_after_commit=after_commit,
	)


@frappe.whitelist()
def download(vote: str, copies: int | None = None, sample: int = 0):
	"""The packet for the session (the office prints it before the vote)."""
	if not set(frappe.get_roles()) & {"Town Congress Office", "System Manager"}:
		frappe.throw("只有镇人大办可以生成会议材料", frappe.PermissionError)
	doc = frappe.get_doc("Secret Vote", vote)
	copies = int(copies or doc.total_voters or 1)
	frappe.response["filename"] = f"{doc.title}{'（样票）' if int(sample) else ''}.pdf"
	frappe.response["filecontent"] = build(vote, copies, bool(int(sample)))
	frappe.response["type"] = "pdf"
