"""How long the chain report (项目全过程一览) and the public page (/livelihood-projects) take on a
county's five years: 20 towns × 5 years × 5 projects, each project with its proposals, 时间表,
liaison deputies, inspections, pre-evaluations and, for some, open rectification items.

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/project_chain.py --site SITE [--repeat 7]

The records are written with bulk INSERTs (demo-sized data, not the app's flows) and rolled back
at the end. The report runs the way the desk runs it (`frappe.desk.query_report.run`) for one town
and year, for one town's five years, and for the whole county; the page is rendered as Guest for
one town. Prints the row counts, the first run and the median of the runs, and the median of the
naive way (loading every project as a document and counting its related records one by one).
Most of the page's time is Frappe's own frame (website settings, the boot data with the desk's
workspace sidebar, computed for every page); the page's data alone is printed separately.
"""

import sys
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site, timed  # noqa: E402

TOWNS, YEARS, PROJECTS = 20, range(2021, 2026), 5


def build() -> dict[str, int]:
	now = frappe.utils.now()
	base = {
		"creation": now,
		"modified": now,
		"owner": "Administrator",
		"modified_by": "Administrator",
		"docstatus": 0,
	}
	rows: dict[str, list] = {
		k: [] for k in ("project", "milestone", "liaison", "source", "inspection", "finding", "pre", "item")
	}
	for t in range(TOWNS):
		town = f"基准{t:02d}镇"
		for year in YEARS:
			cycle = f"{town}{year}年民生实事项目"
			names = []
			for p in range(PROJECTS):
				name = f"BM-{t:02d}-{year}-{p}"
				names.append(name)
				done = year < 2025
				rows["project"].append(
					{
						**base,
						"name": name,
						"naming_series": "ZSXM-.CYCLE_YEAR.-",
						"title": f"{town}民生实事项目{year}-{p + 1}",
						"cycle": cycle,
						"town": town,
						"year": year,
						"candidate": f"MS-{name}",
						"votes_for": 60 - p,
						"vote_rank": p + 1,
						"content": "硬化村内道路3公里",
						"investment": 50 + p * 10,
						"funds_used": 45 + p * 10,
						"implementing_body": "镇交通运输管理站",
						"deadline": f"{year}-12-31",
						"leader_display": "副镇长 王强",
						"leader_name": "王强",
						"workflow_state": "已完成" if done else "实施中",
						"progress": 100 if done else 60,
						"liaison_names": "代表甲、代表乙",
						"satisfaction_survey": f"BJ-{t}-{year}" if done else None,
						"satisfaction_rate": 98.5 if done else 0,
						"satisfaction_grade": ("不满意" if p == 4 else "满意") if done else None,
					}
				)
				for m in range(4):
					rows["milestone"].append(
						{
							**base,
							"name": f"{name}-m{m}",
							"parent": name,
							"parenttype": "Livelihood Project",
							"parentfield": "milestones",
							"idx": m + 1,
							"milestone": f"节点{m + 1}",
							"planned_date": f"{year}-{3 * m + 3:02d}-28",
							"actual_date": f"{year}-{3 * m + 3:02d}-2{m}" if done or m < 2 else None,
							"percent": 100 if done or m < 2 else 40,
						}
					)
				for k in range(2):
					rows["liaison"].append(
						{
							**base,
							"name": f"{name}-l{k}",
							"parent": name,
							"parenttype": "Livelihood Project",
							"parentfield": "liaison_deputies",
							"idx": k + 1,
							"deputy": f"D-{t}-{k}",
							"deputy_name": f"代表{k}",
						}
					)
					rows["source"].append(
						{
							**base,
							"name": f"{name}-s{k}",
							"parent": name,
							"parenttype": "Livelihood Project",
							"parentfield": "source_proposals",
							"idx": k + 1,
							"proposal": f"MS-{name}-{k}",
						}
					)
				for k in range(3):
					rows["pre"].append(
						{
							**base,
							"name": f"{name}-e{k}",
							"project": name,
							"cycle": cycle,
							"town": town,
							"evaluation_date": f"{year}-12-20",
							"evaluator_name": f"评估人{k}",
							"total_score": 90 - k,
							"opinion": "合格",
						}
					)
				if p == 4 and year < 2025:
					rows["item"].append(
						{
							**base,
							"name": f"ZG-{name}",
							"title": "整改",
							"source_kind": "满意度测评",
							"source_doctype": "Secret Vote",
							"source_name": f"BJ-{t}-{year}",
							"problem": f"{name}不满意",
							"owner_doctype": "Livelihood Project",
							"owner_name": name,
							"deadline": f"{year + 1}-05-31",
							"status": "整改中",
							"problem_key": f"k-{name}",
						}
					)
			for i in range(5):
				inspection = f"BM-I-{t:02d}-{year}-{i}"
				rows["inspection"].append(
					{
						**base,
						"name": inspection,
						"title": f"视察{i + 1}",
						"cycle": cycle,
						"town": town,
						"inspection_date": f"{year}-{2 * i + 3:02d}-15",
						"kind": "视察",
						"participant_count": 10,
					}
				)
				for k, project in enumerate(names):
					rows["finding"].append(
						{
							**base,
							"name": f"{inspection}-f{k}",
							"parent": inspection,
							"parenttype": "Project Inspection",
							"parentfield": "findings",
							"idx": k + 1,
							"project": project,
							"finding": "进展顺利",
						}
					)
	tables = {
		"project": "Livelihood Project",
		"milestone": "Project Milestone",
		"liaison": "Project Liaison Deputy",
		"source": "Project Source Proposal",
		"inspection": "Project Inspection",
		"finding": "Inspection Finding",
		"pre": "Pre-evaluation",
		"item": "Rectification Item",
	}
	for key, doctype in tables.items():
		fields = list(rows[key][0])
		frappe.db.bulk_insert(doctype, fields, [tuple(r.get(f) for f in fields) for r in rows[key]])
	return {tables[k]: len(v) for k, v in rows.items()}


def naive_chain(town: str):
	"""Every project loaded as a document; its findings, forms and items counted one query each."""
	out = []
	for name in frappe.get_all("Livelihood Project", filters={"town": town}, pluck="name"):
		doc = frappe.get_doc("Livelihood Project", name)
		out.append(
			(
				doc.name,
				len(doc.source_proposals),
				frappe.db.count("Inspection Finding", {"project": name}),
				frappe.db.count("Pre-evaluation", {"project": name}),
				frappe.db.count("Rectification Item", {"owner_name": name, "status": ("!=", "已销号")}),
			)
		)
	return out


def main():
	with site(__doc__.splitlines()[0], ("--repeat", {"type": int, "default": 7})) as args:
		counts = build()
		print("rows written: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
		from frappe.desk.query_report import run
		from frappe.website.serve import get_response_content

		town = "基准07镇"
		cases = {
			"chain report, one town and year": lambda: run(
				"Project Chain", filters={"town": town, "year": 2024}
			),
			"chain report, one town, 5 years": lambda: run("Project Chain", filters={"town": town}),
			"chain report, whole county": lambda: run("Project Chain", filters={}),
		}
		for label, fn in cases.items():
			first, median, result = timed(fn, args.repeat)
			print(f"{label}: {len(result['result'])} rows, first {first:.3f} s, median {median:.3f} s")

		def page():
			frappe.set_user("Guest")
			frappe.local.form_dict = frappe._dict(town=town)
			try:
				return get_response_content("livelihood-projects")
			finally:
				frappe.set_user("Administrator")

		first, median, html = timed(page, args.repeat)
		shown = html.count("民生实事项目") - 1
		print(
			f"public page, one town (5 years): {len(html)} bytes, {shown} headings and rows, first {first:.3f} s, median {median:.3f} s"
		)
		from sanyou_app.project_supervision.api import public_projects

		first, median, data = timed(lambda: public_projects(town), args.repeat)
		rows = sum(len(g.projects) for g in data["years"])
		print(
			f"public page's data alone (without Frappe's page frame): {rows} projects, median {median:.3f} s"
		)
		first_n, median_n, rows = timed(lambda: naive_chain(town), args.repeat)
		print(f"naive chain, one town: {len(rows)} rows, median {median_n:.3f} s")


if __name__ == "__main__":
	main()
