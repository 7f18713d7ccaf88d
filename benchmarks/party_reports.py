"""How long the meetings report (三会一课落实情况) and the unpaid-dues report (党费未缴名单) take on
the demo organ (6 branches, 11 groups, 80 members, a year of meetings and dues).

Run on a site where the demo is loaded (`bench --site SITE sanyou-demo`):

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/party_reports.py --site SITE [--repeat 7]

Each report runs the way the desk runs it (`frappe.desk.query_report.run`: report permission
checks, the report's own queries through `frappe.get_list` with the user's scope applied), as the
officer of the 机关党委 (every branch) and as a branch secretary (one branch). Prints the first
run's time and the median of the runs, and the median for the naive way of computing the same table:
loading every meeting document to count its attendance, and querying each member's dues one member
at a time.
"""

import argparse
import sys
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import timed  # noqa: E402

YEAR = 2025
OFFICER = "dangwei@rdjg.example.cn"
SECRETARY = "shuji1@rdjg.example.cn"


def report(name: str, filters: dict):
	from frappe.desk.query_report import run

	return lambda: run(name, filters=filters)


def naive_meetings():
	"""Every meeting loaded as a document; attendance counted from its rows."""
	from sanyou_app.core.meetings import attendance_counts, quarterly_lines

	branches = {b: 0 for b in frappe.get_list("Party Branch", filters={"is_group": 0}, pluck="name")}
	for g in frappe.get_list("Party Group", fields=["party_branch"], limit_page_length=0):
		if g.party_branch in branches:
			branches[g.party_branch] += 1
	rows = []
	for name in frappe.get_list(
		"Party Meeting",
		filters={"meeting_date": ("between", [f"{YEAR}-01-01", f"{YEAR}-12-31"])},
		pluck="name",
		limit_page_length=0,
	):
		doc = frappe.get_doc("Party Meeting", name)
		expected, present = attendance_counts(row.as_dict() for row in doc.attendance)
		rows.append(
			{
				"party_branch": doc.party_branch,
				"meeting_type": doc.meeting_type,
				"meeting_date": doc.meeting_date,
				"expected_count": expected,
				"present_count": present,
			}
		)
	return quarterly_lines(branches, rows, year=YEAR, today=frappe.utils.getdate())


def naive_unpaid():
	"""Each member's unpaid dues queried one member at a time."""
	from sanyou_app.core.dues import unpaid

	rows = []
	for member in frappe.get_list("Party Member", pluck="name", limit_page_length=0):
		rows += frappe.get_list(
			"Party Dues",
			filters={"member": member, "year": YEAR, "status": "未缴"},
			fields=[
				"member",
				"full_name",
				"party_branch",
				"party_group",
				"year",
				"month",
				"amount",
				"status",
			],
			limit_page_length=0,
		)
	return unpaid(rows)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--site", required=True)
	parser.add_argument("--repeat", type=int, default=7)
	args = parser.parse_args()
	frappe.init(site=args.site)
	frappe.connect()
	try:
		if not frappe.db.exists("User", OFFICER):
			raise SystemExit("The demo is not loaded on this site: bench --site SITE sanyou-demo")
		print(
			f"Demo data: {frappe.db.count('Party Meeting')} meetings, "
			f"{frappe.db.count('Party Meeting Attendance')} attendance rows, "
			f"{frappe.db.count('Party Dues')} dues records, {frappe.db.count('Party Member')} members"
		)
		print(
			f"{'report':<32}{'user':<26}{'first s':>9}{'median s':>10}{'rows':>6}{'naive median s':>16}{'ratio':>8}"
		)
		for title, name, naive in (
			("三会一课落实情况 (meetings)", "Branch Meetings by Quarter", naive_meetings),
			("党费未缴名单 (unpaid dues)", "Unpaid Party Dues", naive_unpaid),
		):
			for user in (OFFICER, SECRETARY):
				frappe.set_user(user)
				first, median, result = timed(report(name, {"year": YEAR}), args.repeat)
				_first, naive_median, _r = timed(naive, max(1, args.repeat // 2))
				rows = len([r for r in result["result"] if isinstance(r, dict)])
				print(
					f"{title:<32}{user:<26}{first:>9.3f}{median:>10.3f}{rows:>6}"
					f"{naive_median:>16.3f}{naive_median / median:>7.1f}x"
				)
				frappe.set_user("Administrator")
	finally:
		frappe.db.rollback()
		frappe.destroy()


if __name__ == "__main__":
	main()
