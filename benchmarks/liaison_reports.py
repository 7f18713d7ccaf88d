"""How long the chain report (调研成果转化链) and the coverage report (结对联系覆盖情况) take on five
years of ten organs' pairing work: 110 party groups, 550 pairings, about 2,000 joint activities with
their participants, 525 reports and 425 suggestions.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/liaison_reports.py --site SITE [--repeat 7]

The records are written straight into the tables (bulk inserts, in one transaction rolled back at
the end: the data's making is not what is measured). Each report runs the way the desk runs it
(`frappe.desk.query_report.run`) as Administrator. Prints the first run, the median of the runs,
and the median of the naive way (every pairing, activity and report loaded as a document).
"""

import sys
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site, timed  # noqa: E402

ORGANS, YEARS, GROUPS = 10, range(2017, 2022), 11
ACTIVITIES_PER_PAIRING, REPORTS_PER_PAIRING = 4, 1


def _hash():
	return frappe.generate_hash(length=10)


def _row(doctype_fields: list[str], **values):
	now = frappe.utils.now()
	base = {
		"creation": now,
		"modified": now,
		"owner": "Administrator",
		"modified_by": "Administrator",
		"docstatus": 0,
	}
	return tuple({**base, **values}.get(f) for f in doctype_fields)


def insert(doctype: str, rows: list[dict]) -> None:
	fields = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
		*sorted({k for r in rows for k in r} - {"name"}),
	]
	frappe.db.bulk_insert(doctype, fields, [_row(fields, **r) for r in rows], ignore_duplicates=True)


def make_data(tag: str) -> dict:
	branches, groups, pairings, topics, pgroups = [], [], [], [], []
	activities, members, deputies_rows, reports, report_acts, suggestions = [], [], [], [], [], []
	deputy_group = f"基准代表小组{tag}"
	for o in range(ORGANS):
		for b in range(6):
			branches.append(
				{"name": f"基准{tag}机关{o}支部{b}", "branch_name": f"基准{tag}机关{o}支部{b}", "is_group": 0}
			)
		for g in range(GROUPS):
			groups.append(
				{
					"name": f"基准{tag}机关{o}小组{g}",
					"group_name": f"基准{tag}机关{o}小组{g}",
					"party_branch": f"基准{tag}机关{o}支部{g % 6}",
				}
			)
	n_act = 0
	for year in YEARS:
		for grp in groups:
			p = f"{year}·{grp['name']}"
			pairings.append(
				{
					"name": p,
					"year": year,
					"party_group": grp["name"],
					"party_branch": grp["party_branch"],
					"party_lead": "x",
				}
			)
			pgroups.append(
				{
					"name": _hash(),
					"parent": p,
					"parenttype": "Liaison Pairing",
					"parentfield": "deputy_groups",
					"idx": 1,
					"deputy_group": deputy_group,
					"deputy_lead": "x",
				}
			)
			for t in range(2):
				topics.append(
					{
						"name": _hash(),
						"parent": p,
						"parenttype": "Liaison Pairing",
						"parentfield": "topics",
						"idx": t + 1,
						"topic": f"课题{t}",
					}
				)
			acts = []
			for a in range(ACTIVITIES_PER_PAIRING):
				n_act += 1
				name = f"基准{tag}A{n_act}"
				acts.append(name)
				activities.append(
					{
						"name": name,
						"pairing": p,
						"topic": f"课题{a % 2}",
						"activity_type": "调研",
						"activity_date": f"{year}-{1 + a * 3:02d}-15",
						"year": year,
						"party_group": grp["name"],
						"party_branch": grp["party_branch"],
						"person_times": 6,
					}
				)
				for k in range(3):
					members.append(
						{
							"name": _hash(),
							"parent": name,
							"parenttype": "Joint Activity",
							"parentfield": "party_members",
							"idx": k + 1,
							"party_member": f"m{k}",
						}
					)
					deputies_rows.append(
						{
							"name": _hash(),
							"parent": name,
							"parenttype": "Joint Activity",
							"parentfield": "deputies",
							"idx": k + 1,
							"deputy": f"d{k}",
						}
					)
			r = f"基准{tag}R{p}"
			converted = hash(p) % 5 != 0
			reports.append(
				{
					"name": r,
					"title": "报告",
					"pairing": p,
					"topic": "课题0",
					"report_date": f"{year}-12-01",
					"year": year,
					"party_group": grp["name"],
					"party_branch": grp["party_branch"],
					"conversion": "代表建议" if converted else "",
					"suggestion_count": int(converted),
					"converted": int(converted),
				}
			)
			report_acts.append(
				{
					"name": _hash(),
					"parent": r,
					"parenttype": "Research Report",
					"parentfield": "activities",
					"idx": 1,
					"joint_activity": acts[0],
				}
			)
			if converted:
				suggestions.append(
					{
						"name": f"基准{tag}S{p}",
						"kind": "代表建议",
						"number": "1",
						"title": "建议",
						"handling_unit": "单位",
						"submitted_on": f"{year}-12-10",
						"reply_due": f"{year + 1}-03-10",
						"research_report": r,
						"year": year,
						"party_group": grp["name"],
						"party_branch": grp["party_branch"],
						"workflow_state": "代表满意",
						"handling_round": 1,
					}
				)
	for doctype, rows in (
		("Party Branch", branches),
		("Party Group", groups),
		("Liaison Pairing", pairings),
		("Liaison Pairing Group", pgroups),
		("Liaison Topic", topics),
		("Joint Activity", activities),
		("Joint Activity Member", members),
		("Joint Activity Deputy", deputies_rows),
		("Research Report", reports),
		("Research Report Activity", report_acts),
		("Deputy Suggestion", suggestions),
	):
		insert(doctype, rows)
	return {
		"groups": len(groups),
		"pairings": len(pairings),
		"activities": len(activities),
		"reports": len(reports),
		"suggestions": len(suggestions),
	}


def naive_chain(year: int) -> int:
	"""Every pairing, activity and report loaded as a document, counted in Python."""
	total = 0
	for p in frappe.get_all("Liaison Pairing", filters={"year": year}, pluck="name"):
		doc = frappe.get_doc("Liaison Pairing", p)
		for t in doc.topics:
			acts = [
				frappe.get_doc("Joint Activity", a)
				for a in frappe.get_all(
					"Joint Activity", filters={"pairing": p, "topic": t.topic}, pluck="name"
				)
			]
			total += sum(a.person_times for a in acts)
			for r in frappe.get_all(
				"Research Report", filters={"pairing": p, "topic": t.topic}, pluck="name"
			):
				frappe.get_doc("Research Report", r)
	return total


def main():
	from frappe.desk.query_report import run

	with site(
		"Chain and coverage reports on 5 years × 10 organs", ("--repeat", {"type": int, "default": 7})
	) as args:
		tag = frappe.generate_hash(length=4)
		made = make_data(tag)
		print("data:", made)
		year = max(YEARS)
		cases = {
			"调研成果转化链 (one year, per topic)": lambda: run("Liaison Chain", filters={"year": year}),
			"调研成果转化链 (five years, per branch)": lambda: run(
				"Liaison Chain", filters={"group_by": "党支部"}
			),
			"结对联系覆盖情况 (one year and quarter)": lambda: run(
				"Liaison Coverage", filters={"year": year, "quarter": 4}
			),
		}
		for label, fn in cases.items():
			first, median, result = timed(fn, args.repeat)
			print(
				f"{label}: first {first * 1000:.0f} ms, median {median * 1000:.0f} ms, {len(result['result'])} rows"
			)
		first, median, _ = timed(lambda: naive_chain(year), 1)
		print(f"naive chain (documents loaded one by one), one year: {median * 1000:.0f} ms")


if __name__ == "__main__":
	main()
