"""The 公文 documents: the session packet (candidate report + K ballots as one PDF) and the Word copy
of the candidate report, against Frappe's own print road measured in the same run.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/gongwen.py --site SITE [--copies 500]

"cold" is the first print of a page (the PDF cache emptied: wkhtmltopdf runs for the report and the
ballot); "warm" is the same packet printed again within the hour (both pages from the cache) — and
what the office gets: a vote in preparation has its pages rendered ahead by a background job when it
is saved and when the office opens its form (voting/packet.py), so the cold figure is only met when
the packet is asked for within a second or two of a change.
Needs the demo's 2020 vote and the site served at its host_name (Frappe's road fetches the print
stylesheet from it). It leaves nothing behind but the cached PDFs, which expire within the hour.
"""

import io
import sys
import time
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site, timed  # noqa: E402

with site(
	__doc__, ("--copies", {"type": int, "default": 500}), ("--repeat", {"type": int, "default": 3})
) as args:
	from frappe.utils.pdf import get_pdf as frappe_get_pdf
	from pypdf import PdfReader, PdfWriter

	from sanyou_app.core.pdftext import fix_pdf
	from sanyou_app.documents import api
	from sanyou_app.voting import packet

	vote = frappe.db.get_value("Secret Vote", {"title": "2020年民生实事项目票决"})
	if not vote:
		sys.exit("no 2020 project vote on this site: load the demo first (bench --site SITE sanyou-demo)")
	cycle = frappe.db.get_value("Secret Vote", vote, "cycle")
	k = args.copies

	def clear_cache():
		frappe.cache().delete_keys("sanyou_pdf:")

	def frappe_road() -> bytes:
		"""The packet as Frappe's print road makes it: the report through frappe.get_print, the ballot
		through Frappe's get_pdf, each page copied K times."""
		writer = PdfWriter()
		report = fix_pdf(frappe.get_print("Livelihood Cycle", cycle, "候选项目情况报告", as_pdf=True))
		for page in PdfReader(io.BytesIO(report)).pages:
			writer.add_page(page)
		ballot = fix_pdf(frappe_get_pdf(frappe.get_print("Secret Vote", vote, "票决票")))
		pages = list(PdfReader(io.BytesIO(ballot)).pages)
		for _ in range(k):
			for page in pages:
				writer.add_page(page)
		out = io.BytesIO()
		writer.write(out)
		return out.getvalue()

	packet.build(vote, 1)  # warm up: fonts, templates
	frappe_road()
	_, anchor, _ = timed(frappe_road, args.repeat)
	print(f"Frappe's print road, report + {k} ballots: {anchor:.2f} s (median of {args.repeat})")

	cold_times = []
	for _ in range(args.repeat):
		clear_cache()
		start = time.perf_counter()
		pdf = packet.build(vote, k)
		cold_times.append(time.perf_counter() - start)
	cold = sorted(cold_times)[len(cold_times) // 2]
	pages = len(PdfReader(io.BytesIO(pdf)).pages)
	print(f"packet, report + {k} ballots, cold: {cold:.2f} s, {pages} pages, {len(pdf) / 1024:.0f} KiB")
	import pdfkit

	runs = []
	from_string = pdfkit.from_string

	def counted(*a, **kw):
		runs.append(1)
		return from_string(*a, **kw)

	pdfkit.from_string = counted
	packet.build(vote, k)
	runs.clear()
	_, warm, _ = timed(lambda: packet.build(vote, k), args.repeat)
	pdfkit.from_string = from_string
	print(
		f"packet, report + {k} ballots, warm (pages cached): {warm:.2f} s "
		f"({len(runs)} wkhtmltopdf runs in {args.repeat} packets)"
	)

	def report_pdf():
		clear_cache()
		return api.pdf("Livelihood Cycle", cycle, "候选项目情况报告")

	_, ours, _ = timed(report_pdf, args.repeat)
	_, theirs, _ = timed(
		lambda: frappe.get_print("Livelihood Cycle", cycle, "候选项目情况报告", as_pdf=True), args.repeat
	)
	print(f"candidate report PDF alone: {ours:.2f} s (Frappe's print road: {theirs:.2f} s)")

	_, word, data = timed(lambda: api.docx("Livelihood Cycle", cycle, "候选项目情况报告"), 5)
	print(f"candidate report Word copy: {word:.3f} s, {len(data) / 1024:.0f} KiB (median of 5)")
	print(
		f"ratios: packet cold {anchor / cold:.1f}x, warm {anchor / warm:.1f}x faster than Frappe's road; "
		f"report PDF {theirs / ours:.1f}x"
	)
	clear_cache()
