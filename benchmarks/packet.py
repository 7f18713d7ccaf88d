"""The session packet for K ballots: render once + copy, against rendering K times.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/packet.py --site SITE [--copies 500]

Needs a vote with candidates (the demo's 2020 vote is used when present) and the site served at
its host_name (wkhtmltopdf fetches the print stylesheet).
"""

import io
import sys
import time
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site  # noqa: E402

with site(
	__doc__, ("--copies", {"type": int, "default": 500}), ("--sample", {"type": int, "default": 10})
) as args:
	from frappe.utils.pdf import get_pdf
	from pypdf import PdfReader

	from sanyou_app.voting import packet

	vote = frappe.db.get_value("Secret Vote", {"title": "2020年民生实事项目票决"}) or frappe.db.get_value(
		"Secret Vote", {"vote_type": "项目票决"}
	)
	if not vote:
		sys.exit("no project vote on this site: load the demo first (bench --site SITE sanyou-demo)")
	k = args.copies
	packet.build(vote, 1)  # warm up: fonts, stylesheet
	t0 = time.perf_counter()
	pdf = packet.build(vote, k)
	ours = time.perf_counter() - t0
	pages = len(PdfReader(io.BytesIO(pdf)).pages)
	print(f"packet, report + {k} ballots: {ours:.2f} s, {pages} pages, {len(pdf) / 1024:.0f} KiB")

	html = frappe.get_print("Secret Vote", vote, "票决票")
	body = html.split("<body>", 1)[1].rsplit("</body>", 1)[0]
	many = html.replace(body, '<div style="page-break-after: always">' + body + "</div>" * 1, 1)
	many = many.replace(
		"</body>", ('<div style="page-break-after: always">' + body + "</div>") * (k - 1) + "</body>"
	)
	t0 = time.perf_counter()
	get_pdf(many)
	one_call = time.perf_counter() - t0
	print(f"one get_pdf call of {k} ballot pages: {one_call:.2f} s")

	t0 = time.perf_counter()
	for _ in range(args.sample):
		frappe.get_print("Secret Vote", vote, "票决票", as_pdf=True)
	each = (time.perf_counter() - t0) / args.sample
	print(
		f"rendering each ballot separately: {each:.3f} s per ballot (measured on {args.sample}), {k} ≈ {each * k:.1f} s"
	)
	print(
		f"ratios: {each * k / ours:.0f}x faster than separate renders, {one_call / ours:.1f}x faster than one call"
	)
