"""Connect a benchmark script to a site of the bench it runs from (cwd: frappe-bench/sites)."""

import argparse
import contextlib
import statistics
import time

import frappe


@contextlib.contextmanager
def site(description: str, *extra: tuple[str, dict]):
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument("--site", required=True)
	for flag, options in extra:
		parser.add_argument(flag, **options)
	args = parser.parse_args()
	frappe.init(site=args.site)
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield args
	finally:
		frappe.db.rollback()
		frappe.destroy()


def timed(fn, repeat: int) -> tuple[float, float, object]:
	"""(time of the first run, median of all runs, last result), in seconds."""
	times, result = [], None
	for _ in range(repeat):
		start = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - start)
	return times[0], statistics.median(times), result


def town(deputies: int = 0) -> frappe._dict:
	"""A throwaway town with a congress, `deputies` deputies and a cycle."""
	name = f"基准{frappe.generate_hash(length=6)}镇"
	congress = frappe.get_doc({"doctype": "Congress", "region": name, "term_no": 1}).insert()
	if deputies:
		from sanyou_app.livelihood_projects.importer import insert_deputies

		insert_deputies(
			congress.name,
			[
				{
					"full_name": f"代表{i}",
					"gender": "男",
					"village_unit": "一村",
					"phone": None,
					"is_presidium_member": 0,
				}
				for i in range(deputies)
			],
		)
	cycle = frappe.get_doc({"doctype": "Livelihood Cycle", "congress": congress.name, "year": 2030}).insert()
	return frappe._dict(town=name, congress=congress.name, cycle=cycle.name)
