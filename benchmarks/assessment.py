"""数据汇总 and the ranking report of a 两争 cycle for 100 units and 2,000 members on five years of
records, against the naive way (each sheet loaded, its facts gathered and saved one at a time).

    cd frappe-bench/sites
    ../env/bin/python ../apps/sanyou_app/benchmarks/assessment.py --site SITE [--repeat 5]

Builds (rows written straight to the tables, in bulk) a party committee with 40 branches and 60
groups, 2,000 members, and for 2021–2025 each branch's meetings (三会一课 with attendance),
monthly dues, quarterly test scores, tasks, study sessions and service logs; then a 2025 cycle
(2,100 score sheets). Times the cycle's 数据汇总 (`cycle.aggregate`) and the ranking report as the
officer, medians of `--repeat` runs, and the naive way on 20 sheets, scaled to the cycle. All of
it is rolled back at the end.
"""

import datetime as dt
import random
import sys
import time
from pathlib import Path

import frappe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _site import site, timed  # noqa: E402

YEARS = range(2021, 2026)
BRANCHES, GROUPS_PER_BRANCH, MEMBERS = 40, (1, 2), 2000


def bulk(doctype: str, rows: list[dict]) -> None:
	if not rows:
		return
	now = frappe.utils.now()
	fields = ["name", "creation", "modified", "owner", "modified_by", "docstatus", *rows[0].keys()]
	fields = list(dict.fromkeys(fields))
	values = [
		tuple(
			{
				"creation": now,
				"modified": now,
				"owner": "Administrator",
				"modified_by": "Administrator",
				"docstatus": 0,
				**r,
			}.get(f)
			for f in fields
		)
		for r in rows
	]
	for i in range(0, len(values), 5000):
		frappe.db.bulk_insert(doctype, fields, values[i : i + 5000])


def build(rng: random.Random) -> str:
	tag = frappe.generate_hash(length=5)
	root = (
		frappe.get_doc({"doctype": "Party Branch", "branch_name": f"基准党委{tag}", "is_group": 1})
		.insert()
		.name
	)
	branches, groups, members = [], [], []
	for b in range(BRANCHES):
		branch = (
			frappe.get_doc(
				{
					"doctype": "Party Branch",
					"branch_name": f"基准{tag}第{b + 1}支部",
					"parent_party_branch": root,
				}
			)
			.insert()
			.name
		)
		branches.append(branch)
		for g in range(GROUPS_PER_BRANCH[b % 2]):
			groups.append((branch, f"{branch}第{g + 1}小组"))
	bulk("Party Group", [{"name": g, "group_name": g, "party_branch": b} for b, g in groups])
	for i in range(MEMBERS):
		branch, group = groups[i % len(groups)]
		members.append((f"bm{tag}{i:05d}", branch, group))
	bulk(
		"Party Member",
		[
			{
				"name": m,
				"full_name": f"党员{i}",
				"party_branch": b,
				"party_group": g,
				"status": "在册",
				"gender": "男",
			}
			for i, (m, b, g) in enumerate(members)
		],
	)
	by_branch, by_group = {}, {}
	for m, b, g in members:
		by_branch.setdefault(b, []).append(m)
		by_group.setdefault(g, []).append(m)
	meetings, attendance, dues, scores, tasks, sessions, attendees, logs = ([] for _ in range(8))
	n = 0
	for year in YEARS:
		test = f"基准{tag}{year}季考"
		bulk("Quarterly Test", [{"name": test, "year": year, "quarter": "4", "full_marks": 100}])
		for branch in branches:
			people = by_branch[branch]
			for month in range(1, 13):
				kinds = ["支部委员会", "主题党日"] + (["支部党员大会", "党课"] if month % 3 == 0 else [])
				for kind in kinds:
					if rng.random() < 0.05:
						continue  # a missed meeting
					n += 1
					name = f"bmt{tag}{n:07d}"
					present = [p for p in people if rng.random() < 0.9]
					meetings.append(
						{
							"name": name,
							"meeting_type": kind,
							"party_branch": branch,
							"party_group": None,
							"meeting_date": dt.date(year, month, 10),
							"topic": kind,
							"expected_count": len(people),
							"present_count": len(present),
						}
					)
					attendance += [
						{
							"name": f"{name}a{k}",
							"parent": name,
							"parenttype": "Party Meeting",
							"parentfield": "attendance",
							"member": p,
							"attendance": "出席" if p in present else "请假",
						}
						for k, p in enumerate(people)
					]
				n += 1
				sessions.append(
					{
						"name": f"bss{tag}{n:07d}",
						"platform": "支部学习",
						"party_branch": branch,
						"session_date": dt.date(year, month, 8),
						"topic": "学习",
					}
				)
				attendees += [
					{
						"name": f"bss{tag}{n:07d}a{k}",
						"parent": f"bss{tag}{n:07d}",
						"parenttype": "Study Session",
						"parentfield": "attendees",
						"member": p,
					}
					for k, p in enumerate(people)
					if rng.random() < 0.8
				]
		for group, people in by_group.items():
			branch = next(b for b, g in groups if g == group)
			for month in range(1, 13):
				n += 1
				meetings.append(
					{
						"name": f"bmt{tag}{n:07d}",
						"meeting_type": "党小组会",
						"party_branch": branch,
						"party_group": group,
						"meeting_date": dt.date(year, month, 12),
						"topic": "党小组会",
						"expected_count": len(people),
						"present_count": len(people) - 1,
					}
				)
		for m, branch, group in members:
			for month in range(1, 13):
				paid = rng.random() < 0.95
				dues.append(
					{
						"name": f"bd{m}{year}{month:02d}",
						"member": m,
						"party_branch": branch,
						"party_group": group,
						"year": year,
						"month": month,
						"amount": 50,
						"status": "已缴" if paid else "未缴",
						"paid_on": dt.date(year, month, 8) if paid else None,
					}
				)
			scores.append(
				{
					"name": f"bq{m}{year}",
					"test": test,
					"member": m,
					"party_branch": branch,
					"party_group": group,
					"score": rng.randint(60, 100),
				}
			)
			tasks.append(
				{
					"name": f"bt{m}{year}",
					"responsible": m,
					"party_branch": branch,
					"year": year,
					"task": "任务",
					"deadline": dt.date(year, 6, 30),
					"status": "已完成",
					"completed_on": dt.date(year, 6, rng.randint(1, 30) if rng.random() < 0.9 else 30),
				}
			)
			logs.append(
				{
					"name": f"bl{m}{year}",
					"member": m,
					"party_branch": branch,
					"party_group": group,
					"service_date": dt.date(year, 5, 1),
					"hours": rng.randint(0, 12),
				}
			)
	for doctype, rows in (
		("Party Meeting", meetings),
		("Party Meeting Attendance", attendance),
		("Party Dues", dues),
		("Quarterly Test Score", scores),
		("Party Task", tasks),
		("Study Session", sessions),
		("Study Session Attendee", attendees),
		("Community Service Log", logs),
	):
		bulk(doctype, rows)
		print(f"  {doctype}: {len(rows):,} rows")
	return root


with site(__doc__, ("--repeat", {"type": int, "default": 5})) as args:
	from sanyou_app.assessment.cycle import CREATE, aggregate, run_step
	from sanyou_app.assessment.install import ensure_default_rulebook
	from sanyou_app.assessment.report.assessment_ranking.assessment_ranking import get_data

	ensure_default_rulebook()
	start = time.perf_counter()
	root = build(random.Random(7))
	print(f"records of 5 years written in {time.perf_counter() - start:.1f} s")
	start = time.perf_counter()
	cycle = frappe.get_doc(
		{
			"doctype": "Assessment Cycle",
			"year": 2025,
			"title": "基准考核",
			"party_committee": root,
			"branch_template": "党支部考核实施细则（五个好）",
			"group_template": "党小组考核实施细则（五个好）",
			"member_template": "党员考核实施细则（五带头）",
		}
	).insert()
	run_step(cycle.name, CREATE)  # the background job that makes the sheets
	cycle.reload()
	print(f"cycle with {cycle.sheet_count:,} score sheets created in {time.perf_counter() - start:.1f} s")

	_, median, count = timed(lambda: aggregate(cycle.name), args.repeat)
	print(f"数据汇总 (whole cycle, {count:,} sheets): median {median:.2f} s")
	sample = frappe.get_all("Assessment Score Sheet", {"cycle": cycle.name}, pluck="name", limit=20)

	def naive():
		for name in sample:
			doc = frappe.get_doc("Assessment Score Sheet", name)
			doc.refresh_computed()
			doc.flags.ignore_permissions = True
			doc.save()

	naive_time, _, _ = timed(naive, 1)
	scaled = naive_time * count / len(sample)
	print(
		f"naive way (each sheet loaded, gathered, saved): {naive_time:.2f} s for {len(sample)} sheets, ~{scaled:.0f} s for the cycle ({scaled / median:.0f}× slower)"
	)

	frappe.set_user("Administrator")
	for kind in ("党支部", "党小组", "党员"):
		filters = frappe._dict(cycle=cycle.name, assessee_kind=kind)
		_, median, rows = timed(lambda f=filters: get_data(f), args.repeat)
		print(f"考核排名 {kind} ({len(rows):,} rows): median {median:.3f} s")
