"""Demo story: the projects carried out (项目监督, 项目评估), dated when it happened.

The 2020 vote (town story) published five projects, and the app adopted them. Here the town's
government names each project's 包保领导, plan and 时间表; the implementation group (实施工作组)
starts them in March 2020; the leaders record each milestone as it is met; 2–3 deputies of the
project's place (属地原则) supervise and log their visits; the presidium inspects five times (视察,
督查) and hears two progress reports; the implementation group accepts every project before the
year ends; the evaluation group (deputies and professionals) pre-evaluates them in December. The
2020 survey (town story, at the 2021 session) then rated them.

2021's four projects are under way: two finished, two still being built, three inspections so far.
A separate survey rates one of them 不满意, which puts it on the rectification list (整改清单).
"""

import datetime as dt

import frappe
from frappe.model.workflow import apply_workflow

from sanyou_app.demo.town import (
	CANDIDATES_2020,
	CANDIDATES_2021,
	PASSWORD,
	TOWN,
	VILLAGES,
	make_officers,
	run_vote,
)
from sanyou_app.setup.users import insert_users_in_bulk

D = dt.date
IMPLEMENTATION = ("shishi@liuqiao.example.cn", "孙", "晓东", ("Implementation Group", "Project Leader"))
# 包保领导: a login for those who use the desk, a name and title for the one who does not.
LEADERS = {
	"村庄扶贫路": ("lingdao1@liuqiao.example.cn", "李明", "镇党委副书记"),
	"陈集新村下水道改造提升工程": ("lingdao2@liuqiao.example.cn", "王强", "副镇长"),
	"连心小院": (None, "孙丽", "镇党委委员、组织委员"),
	"丁楼村张庄路": ("lingdao2@liuqiao.example.cn", "王强", "副镇长"),
	"刘桥镇返乡大学生创业园": ("lingdao3@liuqiao.example.cn", "赵海", "镇党委委员、副镇长"),
	"大礼堂门前绿化项目": ("lingdao2@liuqiao.example.cn", "王强", "副镇长"),
	"丁楼村张庄自来水安装及绿化项目": ("lingdao3@liuqiao.example.cn", "赵海", "镇党委委员、副镇长"),
	"镇区路灯亮化工程": ("lingdao1@liuqiao.example.cn", "李明", "镇党委副书记"),
	"镇卫生院停车场建设": (None, "孙丽", "镇党委委员、组织委员"),
}
PLANS = ("设计方案", "施工图", "工程预算")
# (milestone, planned, actual) — every project was finished before the year ended.
TIMETABLES = {
	"村庄扶贫路": (
		("完成勘测设计和招标", D(2020, 3, 31), D(2020, 3, 28)),
		("路基施工完成", D(2020, 6, 30), D(2020, 7, 10)),
		("路面硬化完成", D(2020, 10, 31), D(2020, 10, 25)),
		("竣工验收", D(2020, 12, 15), D(2020, 12, 12)),
	),
	"陈集新村下水道改造提升工程": (
		("完成设计和招标", D(2020, 3, 31), D(2020, 3, 30)),
		("雨污管网铺设完成", D(2020, 7, 31), D(2020, 7, 28)),
		("检查井和路面恢复", D(2020, 10, 31), D(2020, 10, 30)),
		("竣工验收", D(2020, 12, 15), D(2020, 12, 10)),
	),
	"连心小院": (
		("选址和房屋改造设计", D(2020, 4, 15), D(2020, 4, 12)),
		("房屋改造完成", D(2020, 8, 31), D(2020, 8, 26)),
		("活动设施配齐并投入使用", D(2020, 11, 30), D(2020, 11, 28)),
	),
	"丁楼村张庄路": (
		("完成设计和招标", D(2020, 4, 10), D(2020, 4, 8)),
		("路基施工完成", D(2020, 7, 31), D(2020, 8, 12)),
		("路面施工完成", D(2020, 11, 15), D(2020, 11, 13)),
		("竣工验收", D(2020, 12, 20), D(2020, 12, 18)),
	),
	"刘桥镇返乡大学生创业园": (
		("厂房改造设计", D(2020, 4, 30), D(2020, 4, 28)),
		("厂房改造完成", D(2020, 9, 30), D(2020, 9, 26)),
		("首批创业团队入驻", D(2020, 12, 10), D(2020, 12, 8)),
	),
	# 2021: two finished, two still being built (milestone, planned, actual, percent done)
	"大礼堂门前绿化项目": (
		("绿化设计", D(2021, 4, 15), D(2021, 4, 10)),
		("苗木栽植完成", D(2021, 6, 30), D(2021, 6, 25)),
		("养护期满验收", D(2021, 9, 30), D(2021, 9, 28)),
	),
	"丁楼村张庄自来水安装及绿化项目": (
		("管网设计和招标", D(2021, 4, 30), D(2021, 4, 26)),
		("管网铺设和入户安装", D(2021, 8, 31), D(2021, 8, 30)),
		("道路两侧绿化完成", D(2021, 10, 31), D(2021, 10, 20)),
	),
	"镇区路灯亮化工程": (
		("招标采购", D(2021, 5, 31), D(2021, 5, 28)),
		("主干道路灯安装", D(2021, 9, 30), D(2021, 9, 25)),
		("次干道路灯安装", D(2021, 11, 30), None, 60),
	),
	"镇卫生院停车场建设": (
		("用地手续和设计", D(2021, 6, 30), D(2021, 7, 15)),
		("土方和基层施工", D(2021, 10, 31), None, 70),
		("面层和标线施工", D(2021, 12, 20), None, 0),
	),
}
FUNDS_USED = {
	"村庄扶贫路": 283.20,
	"陈集新村下水道改造提升工程": 156.90,
	"连心小院": 45.30,
	"丁楼村张庄路": 91.40,
	"刘桥镇返乡大学生创业园": 41.60,
	"大礼堂门前绿化项目": 57.20,
	"丁楼村张庄自来水安装及绿化项目": 94.80,
	"镇区路灯亮化工程": 50.00,
	"镇卫生院停车场建设": 21.50,
}
# the five inspections of 2020 (视察 / 督查), each with a finding per project covered
INSPECTIONS_2020 = (
	(D(2020, 4, 16), "视察", "主席团视察民生实事项目开工情况", 12, "已按时间表开工，施工组织有序"),
	(D(2020, 6, 18), "督查", "督查民生实事项目施工安全和质量", 10, "施工安全措施到位，建议加强材料检验"),
	(D(2020, 8, 20), "视察", "视察民生实事项目年中进展", 15, "主体工程进展顺利"),
	(D(2020, 10, 22), "专项检查", "民生实事项目资金使用专项检查", 8, "资金专款专用，拨付手续齐全"),
	(D(2020, 12, 16), "视察", "视察民生实事项目完成情况", 18, "项目已完工，群众反映良好"),
)
# 2021's three inspections so far
INSPECTIONS_2021 = (
	(D(2021, 5, 20), "视察", "主席团视察2021年民生实事项目开工情况", 12, "已开工，按时间表推进"),
	(D(2021, 8, 18), "督查", "督查2021年民生实事项目进度", 10, "进度总体符合时间表，部分节点需加快"),
	(D(2021, 10, 28), "视察", "视察2021年民生实事项目推进情况", 15, "已完工项目质量良好，在建项目正按序推进"),
)
HEARINGS = (
	(D(2020, 7, 10), "副镇长 王强"),
	(D(2020, 11, 20), "副镇长 王强"),
)
CRITERIA = (
	("项目完成情况", 30, "是否按时间表完成全部建设内容"),
	("工程质量", 25, "是否符合设计和验收标准"),
	("资金使用", 20, "是否专款专用、厉行节约"),
	("群众受益", 25, "受益群众数量和反映"),
)
PROFESSIONALS = (
	("周文", "法律", "县司法局刘桥司法所"),
	("吴芳", "财务", "镇财政所"),
	("郑涛", "规划", "县自然资源和规划局"),
	("冯磊", "建设", "县住房和城乡建设局"),
	("陈静", "审计", "县审计局"),
)


def load() -> dict:
	"""2020's projects from start to acceptance, supervised, inspected and pre-evaluated; 2021's
	under way; a separate survey that rates one project 不满意."""
	users = make_users()
	c2020, y2020 = carry_out(users, 2020, INSPECTIONS_2020)
	hear(users, c2020, y2020)
	for title, project in y2020.items():
		accept(users, project, title)
	evaluate(users, c2020, y2020)
	c2021, y2021 = carry_out(users, 2021, INSPECTIONS_2021)
	for title in ("大礼堂门前绿化项目", "丁楼村张庄自来水安装及绿化项目"):
		accept(users, y2021[title], title)
	survey = unsatisfied_survey(users, c2021, "镇卫生院停车场建设")
	frappe.set_user("Administrator")
	return {
		"projects": len(y2020) + len(y2021),
		"inspections": len(INSPECTIONS_2020) + len(INSPECTIONS_2021),
		"survey": survey,
	}


def carry_out(users, year: int, inspections) -> tuple[str, dict]:
	"""A year's projects planned, started, recorded, supervised and inspected."""
	cycle = frappe.db.get_value("Livelihood Cycle", {"town": TOWN, "year": year}, "name")
	congress = frappe.db.get_value("Livelihood Cycle", cycle, "congress")
	set_cycle_rules(cycle)
	projects = {
		p.title: p.name
		for p in frappe.get_all(
			"Livelihood Project",
			filters={"cycle": cycle},
			fields=["name", "title"],
			order_by="vote_rank, name",
		)
	}
	liaisons = pick_liaisons(congress, projects)
	for title, project in projects.items():
		plan(users, project, title, liaisons[title], year)
		start(users, project, year)
	for title, project in projects.items():
		record_progress(users, project, title)
		supervise(project, liaisons[title], year)
	inspect(users, cycle, congress, projects, inspections)
	return cycle, projects


def make_users() -> dict:
	specs = [IMPLEMENTATION] + [
		(email, name[0], name[1:], ("Project Leader",)) for email, name, _ in LEADERS.values() if email
	]
	out = {"implementation": IMPLEMENTATION[0], "office": "bangongshi@liuqiao.example.cn"}
	out["presidium"] = "zhuxituan@liuqiao.example.cn"
	for email, last, first, roles in specs:
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": last + first,
					"language": "zh",
					"send_welcome_email": 0,
					"new_password": PASSWORD,
					"roles": [{"role": r} for r in roles],
				}
			)
			user.flags.no_welcome_mail = True
			insert_users_in_bulk(user)
	return out


def set_cycle_rules(cycle: str) -> None:
	frappe.set_user("bangongshi@liuqiao.example.cn")
	doc = frappe.get_doc("Livelihood Cycle", cycle)
	doc.liaison_min, doc.liaison_max = 2, 3
	doc.set(
		"evaluation_criteria",
		[{"criterion": c, "max_score": m, "description": d} for c, m, d in CRITERIA],
	)
	doc.save()


def pick_liaisons(congress: str, projects: dict) -> dict[str, list[str]]:
	"""2–3 deputies of each project's place (属地原则); deputies with a login first."""
	deputies = frappe.get_all(
		"Congress Deputy",
		filters={"congress": congress, "active": 1, "is_presidium_member": 0},
		fields=["name", "village_unit", "user"],
		order_by="name",
	)
	village = {title: v for title, v, *_ in CANDIDATES_2020 + CANDIDATES_2021}
	out, used = {}, set()
	for i, title in enumerate(projects):
		local = sorted(
			(d for d in deputies if d.village_unit == village[title] and d.name not in used),
			key=lambda d: (not d.user, d.name),
		)
		count = 3 if i % 2 == 0 else 2
		chosen = [d.name for d in local[:count]]
		if len(chosen) < count:  # a place with few deputies: a neighbouring village's
			near = VILLAGES[(VILLAGES.index(village[title]) + 1) % len(VILLAGES)]
			chosen += [d.name for d in deputies if d.village_unit == near and d.name not in used][
				: count - len(chosen)
			]
		used.update(chosen)
		out[title] = chosen
	return out


def _project(name):
	return frappe.get_doc("Livelihood Project", name)


def plan(users, project: str, title: str, liaisons: list[str], year: int) -> None:
	frappe.set_user(users["implementation"])
	doc = _project(project)
	email, name, post = LEADERS[title]
	doc.update(
		{
			"leader_user": email,
			"leader_name": None if email else name,
			"leader_title": post,
			"adopted_on": D(year, 2, 20),
		}
	)
	doc.set(
		"plan_files",
		[
			{"file_description": f"{title}{kind}", "file": _file(project, f"{title}{kind}.txt", kind)}
			for kind in PLANS
		],
	)
	doc.set(
		"milestones",
		[{"milestone": m, "planned_date": planned, "percent": 0} for m, planned, *_ in TIMETABLES[title]],
	)
	doc.set("liaison_deputies", [{"deputy": d} for d in liaisons])
	doc.save()


def _file(project: str, name: str, kind: str) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": name,
			"attached_to_doctype": "Livelihood Project",
			"attached_to_name": project,
			"is_private": 1,
			"content": f"{name}\n{kind}（演示文件）".encode(),
		}
	).insert(ignore_permissions=True)
	return file.file_url


def start(users, project: str, year: int) -> None:
	frappe.set_user(users["implementation"])
	doc = _project(project)
	doc.started_on = D(year, 3, 2)
	doc.save()
	apply_workflow(doc, "开始实施")


def _as_leader(users, title: str) -> str:
	return LEADERS[title][0] or users["implementation"]


def record_progress(users, project: str, title: str) -> None:
	"""Each milestone recorded as it went, by the leader (or the group for a leader without a login)."""
	frappe.set_user(_as_leader(users, title))
	rows = TIMETABLES[title]
	for i, (_m, _planned, actual, *percent) in enumerate(rows):
		doc = _project(project)
		row = doc.milestones[i]
		row.percent, row.actual_date = (100, actual) if actual else (percent[0], None)
		if actual:
			row.note = "按时间表完成" if actual <= row.planned_date else "因雨季施工推迟，已赶回进度"
		done = sum(1 for r in rows[: i + 1] if r[2])
		doc.funds_used = round(FUNDS_USED[title] * done / len(rows), 2)
		doc.save()


def supervise(project: str, liaisons: list[str], year: int) -> None:
	"""Each liaison deputy's visits: by their own login when they have one, else entered by the office."""
	for k, deputy in enumerate(liaisons):
		user = frappe.db.get_value("Congress Deputy", deputy, "user")
		frappe.set_user(user or "bangongshi@liuqiao.example.cn")
		for month, seen, problem in (
			(4 + k, "施工队伍已进场，材料堆放有序", "施工现场围挡不够完整"),
			(9 + k % 2, "主体工程基本完成，质量良好", ""),
		):
			frappe.get_doc(
				{
					"doctype": "Supervision Log",
					"project": project,
					"deputy": deputy,
					"visit_date": D(year, month, 10 + k),
					"observed": seen,
					"problems": problem or None,
					"suggestions": "请施工单位及时整改" if problem else None,
				}
			).insert()


def inspect(users, cycle: str, congress: str, projects: dict, inspections) -> None:
	frappe.set_user(users["presidium"])
	deputies = frappe.get_all(
		"Congress Deputy", filters={"congress": congress}, pluck="name", order_by="name"
	)
	for n, (date, kind, title, count, finding) in enumerate(inspections):
		findings = []
		for p_title, project in projects.items():
			row = {"project": project, "finding": finding}
			if n == 1 and p_title == "连心小院":  # the June check found something, put right at once
				row["finding"] = "活动室消防器材未配齐，安全出口标识缺失；已督促镇民政办公室当场整改"
			findings.append(row)
		frappe.get_doc(
			{
				"doctype": "Project Inspection",
				"title": title,
				"cycle": cycle,
				"inspection_date": date,
				"kind": kind,
				"organiser": f"{TOWN}人大主席团",
				"participants": [{"deputy": d} for d in deputies[n * 3 : n * 3 + count]],
				"findings": findings,
				"summary": f"镇人大主席团组织{count}名代表对{len(projects)}项民生实事项目进行{kind}。",
			}
		).insert()


def hear(users, cycle: str, projects: dict) -> None:
	frappe.set_user(users["presidium"])
	for date, reporter in HEARINGS:
		frappe.get_doc(
			{
				"doctype": "Progress Hearing",
				"title": f"主席团听取民生实事项目进展情况汇报（{date.month}月）",
				"cycle": cycle,
				"hearing_date": date,
				"reporter": reporter,
				"attendees": "镇人大主席团全体成员",
				"projects": [
					{
						"project": project,
						"progress_reported": _progress_on(title, date),
						"summary": "按时间表推进" if _progress_on(title, date) else "前期准备",
					}
					for title, project in projects.items()
				],
				"opinion": "要求政府倒排工期，确保年底前全部完成。",
			}
		).insert()


def _progress_on(title: str, date: dt.date) -> float:
	rows = TIMETABLES[title]
	return round(100 * sum(1 for *_x, actual in rows if actual <= date) / len(rows), 1)


def accept(users, project: str, title: str) -> None:
	frappe.set_user(_as_leader(users, title))
	apply_workflow(_project(project), "申请验收")
	frappe.set_user(users["implementation"])
	doc = _project(project)
	doc.completed_on = TIMETABLES[title][-1][2]
	doc.completion_summary = "已按时间表完成全部建设内容，经实施工作组验收合格。"
	doc.save()
	apply_workflow(doc, "验收通过")


def evaluate(users, cycle: str, projects: dict) -> None:
	"""The evaluation group (three deputies and five professionals) pre-evaluates in December."""
	frappe.set_user(users["office"])
	congress = frappe.db.get_value("Livelihood Cycle", cycle, "congress")
	deputies = frappe.get_all(
		"Congress Deputy",
		filters={"congress": congress, "user": ("is", "set")},
		fields=["name", "user"],
		order_by="name",
	)[:3]
	frappe.get_doc(
		{
			"doctype": "Evaluation Group",
			"cycle": cycle,
			"formed_on": D(2020, 11, 25),
			"members": [{"member_type": "人大代表", "deputy": d.name} for d in deputies]
			+ [
				{"member_type": "专业人员", "member_name": n, "profession": p, "work_unit": u}
				for n, p, u in PROFESSIONALS
			],
		}
	).insert()
	for i, (title, project) in enumerate(projects.items()):
		for k, deputy in enumerate(deputies):
			frappe.set_user(deputy.user)
			doc = frappe.get_doc(
				{
					"doctype": "Pre-evaluation",
					"project": project,
					"evaluation_date": D(2020, 12, 22),
					"opinion": f"{title}按期完成，质量合格，群众满意。",
				}
			)
			doc.run_method("before_validate")
			for row in doc.scores:
				row.score = row.max_score - (i + k) % 3
			doc.insert()


def unsatisfied_survey(users, cycle: str, title: str) -> str:
	"""A separate survey of one project, rated 不满意 by most deputies: its rectification item."""
	project = frappe.db.get_value(
		"Livelihood Project", {"cycle": cycle, "title": title}, ["name", "candidate"], as_dict=True
	)
	congress = frappe.db.get_value("Livelihood Cycle", cycle, "congress")
	officers = make_officers(congress)
	ratings = [{title: "不满意"}] * 40 + [{title: "基本满意"}] * 20 + [{title: "满意"}] * 8
	return run_vote(
		"2021年民生实事项目满意度专项测评",
		cycle,
		"满意度测评",
		{"office": users["office"]},
		officers,
		68,
		ratings,
		items=[
			{
				"item_label": title,
				"reference_doctype": "Livelihood Proposal",
				"reference_name": project.candidate,
			}
		],
	)
