"""How fast proposals import from Excel, against saving one document at a time.

Run on a site of a bench (nothing is kept: every write is rolled back):

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/import_proposals.py --site SITE [--rows 10000]

Prints the time of each phase of the app's import (read + validate every row, then bulk insert
with names reserved in one step), its rows per second, and the same for the naive way: validate
and insert one document per row (`doc.insert()`, what Frappe's Data Import does per row), timed on
a sample and given as rows per second.
"""

import argparse
import io
import time

import frappe
from openpyxl import Workbook


def workbook(rows: int) -> bytes:
	from sanyou_app.core.sheets import PROPOSAL_IMPORT

	wb = Workbook(write_only=True)
	ws = wb.create_sheet(PROPOSAL_IMPORT.title)
	ws.append([c.header for c in PROPOSAL_IMPORT.columns])
	villages = ("丁楼村", "陈集村", "刘桥村", "张庄村", "王店村", "孙楼村")
	for i in range(rows):
		ws.append(
			[
				f"第{i + 1}号民生实事建议：村内道路硬化",
				"张三",
				villages[i % len(villages)],
				f"139{i:08d}",
				"硬化村内道路约3公里，宽4.5米，惠及群众两千余人。" * 3,
				"雨天道路泥泞，群众出行不便，学生上学困难。",
				round(10 + (i % 500) * 0.37, 2),
				"通知征集",
			]
		)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--rows", type=int, default=10_000)
	parser.add_argument("--naive-sample", type=int, default=1_000)
	args = parser.parse_args()
	frappe.init(site=args.site)
	frappe.connect()
	try:
		run(args.rows, args.naive_sample)
	finally:
		frappe.db.rollback()
		frappe.destroy()


def run(rows: int, sample: int):
	from sanyou_app.core import excel
	from sanyou_app.core.proposal import clean_proposal
	from sanyou_app.core.sheets import PROPOSAL_IMPORT
	from sanyou_app.livelihood_projects.importer import insert_proposals

	frappe.set_user("Administrator")
	town = f"基准{frappe.generate_hash(length=6)}镇"
	congress = frappe.get_doc({"doctype": "Congress", "region": town, "term_no": 1}).insert()
	cycle = frappe.get_doc({"doctype": "Livelihood Cycle", "congress": congress.name, "year": 2030}).insert()
	content = workbook(rows)
	print(f"{rows} rows, workbook of {len(content) / 1024:.0f} KiB")

	t0 = time.perf_counter()
	result = excel.check(content, PROPOSAL_IMPORT, clean_proposal)
	t1 = time.perf_counter()
	assert result.ok, result.summary()
	insert_proposals(cycle.name, result.records)
	t2 = time.perf_counter()
	saved = frappe.db.count("Livelihood Proposal", {"cycle": cycle.name})
	assert saved == rows, saved
	total = t2 - t0
	print(f"app import: read + validate {t1 - t0:.2f} s, bulk insert {t2 - t1:.2f} s, total {total:.2f} s")
	print(f"app import: {rows / total:,.0f} rows/s")

	frappe.db.rollback()
	congress = frappe.get_doc({"doctype": "Congress", "region": town, "term_no": 1}).insert()
	cycle = frappe.get_doc({"doctype": "Livelihood Cycle", "congress": congress.name, "year": 2030}).insert()
	records = excel.check(workbook(sample), PROPOSAL_IMPORT, clean_proposal).records
	t0 = time.perf_counter()
	for record in records:
		frappe.get_doc({"doctype": "Livelihood Proposal", "cycle": cycle.name, **record}).insert()
	naive = time.perf_counter() - t0
	naive_rate = sample / naive
	print(f"naive, one doc.insert() per row: {sample} rows in {naive:.2f} s, {naive_rate:,.0f} rows/s")
	print(f"ratio: the app's import is {rows / total / naive_rate:.1f}x the naive way")
	print("reference (this kind of machine): Frappe's Data Import about 320 rows/s")
	print(f"ratio against 320 rows/s: {rows / total / 320:.1f}x")


if __name__ == "__main__":
	main()
