"""Demo: a municipal people's congress standing-committee organ and its party organisation.

The 机关党委 with 6 branches and 11 party groups aligned with the offices (委室), 80 members, the
2024 branch re-elections (with the 2021 committees of two branches as history), and the year 2025
of branch life: 三会一课, 主题党日 and 组织生活会, study on the five platforms, monthly dues, the
third-quarter 季考 imported from Excel, the task checklists, 党务公开 and 双报到 service. Then three
membership transfers (one within the organ and one in completed, one out awaiting approval).

Every record is made through the app's own code (forms' controllers, the dues generation, the
score import, the transfer workflow), by the user whose role takes that step: the officer of the
机关党委, each branch's secretary, each group's leader, a member.
"""

import datetime as dt
import io

import frappe
from frappe.model.workflow import apply_workflow
from openpyxl import Workbook

from sanyou_app.core.education import SCORE_IMPORT
from sanyou_app.setup.users import insert_users_in_bulk

PASSWORD = "Sanyou@2026"
DOMAIN = "rdjg.example.cn"
YEAR = 2025
ROOT = "市人大常委会机关党委"
OFFICER = ("dangwei@" + DOMAIN, "Organ Party Committee Officer")

# branch: [(office, group, members)]; 11 offices, 11 groups, 80 members.
BRANCHES = {
	"机关第一党支部": [("办公室", "办公室第一党小组", 8), ("办公室", "办公室第二党小组", 8)],
	"机关第二党支部": [("研究室", "研究室党小组", 8), ("信访局", "信访局党小组", 6)],
	"机关第三党支部": [
		("法制工作委员会", "法制工作委员会党小组", 7),
		("人事代表工作委员会", "人事代表工作委员会党小组", 6),
	],
	"机关第四党支部": [
		("财政经济工作委员会", "财政经济工作委员会党小组", 7),
		("预算工作委员会", "预算工作委员会党小组", 6),
	],
	"机关第五党支部": [
		("教育科学文化卫生工作委员会", "教育科学文化卫生工作委员会党小组", 7),
		("社会建设工作委员会", "社会建设工作委员会党小组", 6),
	],
	"机关第六党支部": [
		("城乡建设环境保护工作委员会", "城建环保和农业农村工作委员会党小组", 6),
		("农业与农村工作委员会", "城建环保和农业农村工作委员会党小组", 5),
	],
}
OFFICES = (
	"办公室",
	"研究室",
	"法制工作委员会",
	"财政经济工作委员会",
	"预算工作委员会",
	"教育科学文化卫生工作委员会",
	"社会建设工作委员会",
	"城乡建设环境保护工作委员会",
	"农业与农村工作委员会",
	"人事代表工作委员会",
	"信访局",
)
SURNAMES = (
	"王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜范江"
)
GIVEN = (
	"建华",
	"秀英",
	"国强",
	"桂芳",
	"志刚",
	"玉兰",
	"海燕",
	"德明",
	"丽娟",
	"红梅",
	"学军",
	"春生",
	"晓东",
	"雅琴",
	"振宇",
	"慧敏",
	"文博",
	"淑华",
	"立新",
	"婷婷",
)
COMMUNITIES = (
	"幸福里社区",
	"滨江社区",
	"解放路社区",
	"新华社区",
	"和平社区",
	"朝阳社区",
	"文昌社区",
	"东湖社区",
)
ABSENCE = (
	("请假", "公务出差"),
	("请假", "参加全市人大会议保障工作"),
	("请假", "病假"),
	("缺席", "未请假，已批评教育"),
)

# Meetings a branch skipped in 2025 (so the report shows shortfalls): (branch, type, month).
SKIPPED = {
	("机关第四党支部", "支部党员大会", 6),
	("机关第六党支部", "支部委员会", 7),
	("机关第六党支部", "支部委员会", 8),
	("信访局党小组", "党小组会", 11),
}


def ensure_user(email: str, full_name: str, roles=()) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": full_name,
				"language": "zh",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": r} for r in roles],
			}
		)
		user.flags.no_welcome_mail = True
		insert_users_in_bulk(user)
	return email


def as_user(user: str):
	frappe.set_user(user)


def exists() -> bool:
	return bool(frappe.db.exists("Party Branch", ROOT))


def load() -> dict:
	if exists():
		frappe.throw("机关党建演示数据已加载")
	officer = ensure_user(OFFICER[0], "机关党委", [OFFICER[1]])
	as_user(officer)
	org = make_organisation()
	members = make_members(org)
	officers = elect(org, members, officer)
	year_of_meetings(org, members, officers)
	year_of_study(org, members, officers, officer)
	year_of_dues(org, members, officers)
	quarterly_test(members, officer)
	checklists(org, members, officers)
	publications(org, officers, officer)
	service(members, officers)
	appraisals(members, officer)
	transfers(members, officers, officer)
	frappe.set_user("Administrator")
	frappe.db.commit()  # nosemgrep: a command
	return summary()


# --- organisation --------------------------------------------------------------------------------


def make_organisation() -> dict:
	for i, office in enumerate(OFFICES, start=1):
		frappe.get_doc({"doctype": "Organ Office", "office_name": office, "sort_order": i}).insert()
	frappe.get_doc(
		{"doctype": "Party Branch", "branch_name": ROOT, "is_group": 1, "established_on": dt.date(1983, 7, 1)}
	).insert()
	org = {}
	for branch, parts in BRANCHES.items():
		offices = list(dict.fromkeys(o for o, _g, _n in parts))
		frappe.get_doc(
			{
				"doctype": "Party Branch",
				"branch_name": branch,
				"parent_party_branch": ROOT,
				"established_on": dt.date(2019, 5, 20),
				"term_years": 3,
				"offices": [{"office": o} for o in offices],
			}
		).insert()
		for group in dict.fromkeys(g for _o, g, _n in parts):
			if not frappe.db.exists("Party Group", group):
				frappe.get_doc(
					{"doctype": "Party Group", "group_name": group, "party_branch": branch}
				).insert()
		org[branch] = parts
	return org


def make_members(org: dict) -> list[dict]:
	members = []
	n = 0
	for branch, parts in org.items():
		for office, group, count in parts:
			for _ in range(count):
				name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)]
				born = dt.date(1966 + (n * 5) % 30, 1 + n % 12, 1 + (n * 3) % 27)
				probationary = n in (17, 58)
				joined = (
					dt.date(YEAR, 3, 15) if probationary else dt.date(born.year + 23 + n % 6, 7 - n % 3, 1)
				)
				doc = frappe.get_doc(
					{
						"doctype": "Party Member",
						"full_name": name,
						"gender": "女" if n % 3 == 1 else "男",
						"birth_date": born,
						"joined_on": joined,
						"member_type": "预备党员" if probationary else "正式党员",
						"full_member_on": None if probationary else dt.date(joined.year + 1, joined.month, 1),
						"party_branch": branch,
						"party_group": group,
						"office": office,
						"job_title": (
							"主任",
							"副主任",
							"处长",
							"副处长",
							"一级主任科员",
							"二级主任科员",
							"科员",
						)[n % 7],
						"phone": f"139{3300_0000 + n * 97:08d}",
						"community": COMMUNITIES[n % len(COMMUNITIES)],
						"is_deputy": 1 if n % 11 == 0 else 0,
						"dues_base": 4200 + (n * 613) % 9800,
					}
				).insert()
				members.append(
					{
						"name": doc.name,
						"full_name": name,
						"branch": branch,
						"group": group,
						"n": n,
						"user": None,
					}
				)
				n += 1
	return members


def link_user(member: dict, email: str) -> str:
	ensure_user(email, member["full_name"])
	doc = frappe.get_doc("Party Member", member["name"])
	doc.user = email
	doc.save()
	member["user"] = email
	return email


def elect(org: dict, members: list[dict], officer: str) -> dict:
	"""2024 re-elections of all six branches; the 2021 committees of two branches as history."""
	officers = {"secretary": {}, "leader": {}, "members": {}}
	by_branch = {b: [m for m in members if m["branch"] == b] for b in org}
	for i, (branch, people) in enumerate(by_branch.items(), start=1):
		officers["members"][branch] = people
		if i <= 2:  # the committee elected in 2021, closed by the 2024 re-election
			for j, post in enumerate(("支部书记", "组织委员", "宣传委员")):
				frappe.get_doc(
					{
						"doctype": "Party Officer Term",
						"member": people[-1 - j]["name"],
						"position": post,
						"party_branch": branch,
						"start_date": dt.date(2021, 3, 18),
					}
				).insert()
		rows = [
			{"member": people[0]["name"], "position": "支部书记"},
			{"member": people[1]["name"], "position": "组织委员"},
			{"member": people[2]["name"], "position": "宣传委员"},
			{"member": people[3]["name"], "position": "纪检委员"},
		]
		if i == 1:
			rows.insert(1, {"member": people[4]["name"], "position": "支部副书记"})
		secretary = people[0]
		officers["secretary"][branch] = secretary
		link_user(secretary, f"shuji{i}@{DOMAIN}")
		for group in dict.fromkeys(m["group"] for m in people):
			in_group = [m for m in people if m["group"] == group and m is not secretary]
			leader = in_group[0]
			rows.append({"member": leader["name"], "position": "党小组长", "party_group": group})
			officers["leader"][group] = leader
			link_user(leader, f"zuzhang{len(officers['leader']):02d}@{DOMAIN}")
		doc = frappe.get_doc(
			{
				"doctype": "Branch Re-election",
				"party_branch": branch,
				"election_date": dt.date(2024, 3, 10 + i),
				"term_years": 3,
				"members_on_roll": len(people),
				"members_present": len(people) - 1,
				"approval_no": f"机关党委〔2024〕{10 + i}号",
				"officers": rows,
			}
		).insert()
		doc.submit()
	# two plain members with a login
	link_user(by_branch["机关第一党支部"][-2], f"dangyuan1@{DOMAIN}")
	link_user(by_branch["机关第三党支部"][-2], f"dangyuan2@{DOMAIN}")
	# the officer of the 机关党委 is a member of the first branch
	link_user(by_branch["机关第一党支部"][-3], officer)
	return officers


# --- branch life ---------------------------------------------------------------------------------


def attendance(people: list[dict], seed: int) -> list[dict]:
	rows = []
	for k, m in enumerate(people):
		if (k * 7 + seed) % 9 == 0:
			status, reason = ABSENCE[(k + seed) % len(ABSENCE)]
			rows.append({"member": m["name"], "attendance": status, "reason": reason})
		else:
			rows.append({"member": m["name"], "attendance": "出席"})
	return rows


TOPICS = {
	"支部党员大会": "学习贯彻党的二十届三中全会精神，研究支部季度工作",
	"支部委员会": "研究本月支部工作和党员教育管理事项",
	"党课": "坚持和完善人民代表大会制度",
	"主题党日": "“践行全过程人民民主”主题党日活动",
	"组织生活会": "2024年度组织生活会暨民主评议党员",
	"专题组织生活会": "党纪学习教育专题组织生活会",
	"党小组会": "学习《中国共产党纪律处分条例》，交流工作体会",
}


def meeting(kind, branch, day, people, seed, host, group=None, lecturer=None) -> None:
	frappe.get_doc(
		{
			"doctype": "Party Meeting",
			"meeting_type": kind,
			"party_branch": branch,
			"party_group": group,
			"meeting_date": day,
			"location": "机关第三会议室" if not group else "处室会议室",
			"topic": TOPICS[kind],
			"host": host["name"],
			"recorder": people[1]["name"],
			"lecturer": lecturer,
			"attendance": attendance(people, seed),
			"minutes": f"<p>{TOPICS[kind]}。与会党员逐一发言，会议形成了工作安排。</p>",
		}
	).insert()


def year_of_meetings(org: dict, members: list[dict], officers: dict) -> None:
	for b, branch in enumerate(org):
		people = officers["members"][branch]
		secretary = officers["secretary"][branch]
		committee = people[:5] if b == 0 else people[:4]
		as_user(secretary["user"])
		meeting("组织生活会", branch, dt.date(YEAR, 1, 20 + b), people, b, secretary)
		if b == 0:
			meeting("专题组织生活会", branch, dt.date(YEAR, 7, 15), people, 3, secretary)
		for month in range(1, 13):
			day = dt.date(YEAR, month, 5 + b)
			if (branch, "支部委员会", month) not in SKIPPED:
				meeting("支部委员会", branch, day, committee, month + b, secretary)
			meeting("主题党日", branch, dt.date(YEAR, month, 15 + b), people, month * 2 + b, secretary)
			if month % 3 == 0:
				if (branch, "支部党员大会", month) not in SKIPPED:
					meeting(
						"支部党员大会", branch, dt.date(YEAR, month, 20 + b), people, month + 5, secretary
					)
				meeting(
					"党课",
					branch,
					dt.date(YEAR, month, 22 + b),
					people,
					month + 7,
					secretary,
					lecturer=secretary["full_name"],
				)
		for group in dict.fromkeys(m["group"] for m in people):
			leader = officers["leader"][group]
			in_group = [m for m in people if m["group"] == group]
			as_user(leader["user"])
			for month in range(1, 13):
				if (group, "党小组会", month) in SKIPPED:
					continue
				meeting(
					"党小组会", branch, dt.date(YEAR, month, 10 + b), in_group, month, leader, group=group
				)


STUDY = {
	"中心组学习": (("理论研讨", "专题调研"), "学习习近平总书记关于坚持和完善人民代表大会制度的重要思想"),
	"人大讲堂": (("案例分析", "模拟庭审"), "地方性法规备案审查实务"),
	"秘书学习": (("轮流讲课",), "秘书学日：公文写作与会议服务规范"),
	"领导干部学法讲法": (("案例分析", "模拟庭审"), "预算法实施条例解读"),
	"支部学习": (("微党课", "轮流讲课", "理论研讨"), "学习贯彻全会精神"),
}


def study(platform, day, attendees, speaker, branch=None, seed=0) -> None:
	methods, topic = STUDY[platform]
	frappe.get_doc(
		{
			"doctype": "Study Session",
			"platform": platform,
			"method": methods[seed % len(methods)],
			"session_date": day,
			"party_branch": branch,
			"topic": topic,
			"speaker": speaker,
			"location": "机关报告厅" if not branch else "支部活动室",
			"attendees": [{"member": m["name"]} for m in attendees],
			"summary": f"<p>围绕“{topic}”开展学习，{len(attendees)}名党员参加。</p>",
		}
	).insert()


def year_of_study(org, members, officers, officer) -> None:
	as_user(officer)
	leaders = list(officers["secretary"].values())
	for k in range(6):
		study("中心组学习", dt.date(YEAR, 2 * k + 1, 26), leaders, "常委会副主任", seed=k)
	for k in range(4):
		study("人大讲堂", dt.date(YEAR, 3 * k + 2, 18), members, "市中级人民法院法官", seed=k)
	secretaries = [m for m in members if m["n"] % 5 == 0]
	for month in range(1, 13):  # 秘书学日, every month
		study(
			"秘书学习",
			dt.date(YEAR, month, 28),
			secretaries,
			secretaries[month % len(secretaries)]["full_name"],
		)
	for k in range(2):
		study("领导干部学法讲法", dt.date(YEAR, 5 + 5 * k, 12), leaders, "法制工作委员会主任", seed=k)
	for branch in org:
		secretary = officers["secretary"][branch]
		people = officers["members"][branch]
		as_user(secretary["user"])
		for k in range(6):
			study(
				"支部学习",
				dt.date(YEAR, 2 * k + 2, 8),
				people,
				people[k % len(people)]["full_name"],
				branch,
				seed=k,
			)


def year_of_dues(org, members, officers) -> None:
	for branch in org:
		secretary = officers["secretary"][branch]
		as_user(secretary["user"])
		ledger = frappe.get_doc(
			{"doctype": "Party Dues Ledger", "party_branch": branch, "year": YEAR}
		).insert()
		for month in range(1, 13):
			ledger.generate_month(month)
		records = frappe.get_all(
			"Party Dues",
			filters={"ledger": ledger.name},
			fields=["name", "member", "month"],
			order_by="month asc",
		)
		index = {m["name"]: m for m in members}
		for r in records:
			n = index[r.member]["n"]
			unpaid = (n % 13 == 5 and r.month >= 10) or (n % 17 == 3 and r.month == 12)
			if unpaid:
				continue
			doc = frappe.get_doc("Party Dues", r.name)
			doc.paid_on = dt.date(YEAR, r.month, 10 + n % 10)
			if n % 9 == 4:
				doc.paid_by = secretary["full_name"]
			doc.save()
		ledger.reload()
		ledger.refresh_summary()


def _xlsx(rows) -> bytes:
	wb = Workbook()
	ws = wb.active
	ws.append([c.header for c in SCORE_IMPORT.columns])
	for row in rows:
		ws.append(row)
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def quarterly_test(members, officer) -> str:
	"""The third-quarter 季考, its scores imported from the workbook the branches sent in."""
	as_user(officer)
	test = frappe.get_doc(
		{"doctype": "Quarterly Test", "year": YEAR, "quarter": "3", "test_date": dt.date(YEAR, 9, 26)}
	).insert()
	rows = []
	for m in members:
		n = m["n"]
		if n in (9, 44):
			rows.append([m["full_name"], m["branch"], None, "是", "出差"])
		else:
			rows.append([m["full_name"], m["branch"], 58 + (n * 37) % 42 + (n % 2) * 0.5, "否", None])
	saved = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "2025年第三季度季考成绩.xlsx",
			"attached_to_doctype": "Quarterly Test",
			"attached_to_name": test.name,
			"is_private": 1,
			"content": _xlsx(rows),
		}
	).insert()
	test.score_file = saved.file_url
	test.save()
	from sanyou_app.party_building.api import import_scores

	result = import_scores(test.name)
	if not result["ok"]:
		frappe.throw(f"演示数据导入失败：{result['message']}")
	return test.name


TASKS = (
	("优基础", "制定支部年度党建工作计划", 1, 31),
	("优基础", "按月收缴党费并公示", 12, 31),
	("优基础", "完成支部党员信息核对", 4, 30),
	("优教育", "制定年度学习计划并组织实施", 2, 28),
	("优教育", "组织党员参加季考", 9, 30),
	("优服务", "开展党员双报到社区服务", 10, 31),
	("优服务", "结对联系代表小组开展调研", 11, 30),
	("两争", "开展争创先进党支部自查", 12, 15),
)


def checklists(org, members, officers) -> None:
	for b, branch in enumerate(org):
		secretary = officers["secretary"][branch]
		people = officers["members"][branch]
		as_user(secretary["user"])
		checklist = frappe.get_doc(
			{"doctype": "Party Task Checklist", "party_branch": branch, "year": YEAR}
		).insert()
		names = []
		for k, (category, task, month, day) in enumerate(TASKS):
			owner = people[k % 4]
			names.append(
				(
					frappe.get_doc(
						{
							"doctype": "Party Task",
							"checklist": checklist.name,
							"task": task,
							"category": category,
							"responsible": owner["name"],
							"deadline": dt.date(YEAR, month, day),
						}
					)
					.insert()
					.name,
					k,
				)
			)
		for name, k in names:
			if (k + b) % 4 == 3:  # left undone: overdue ever since
				continue
			doc = frappe.get_doc("Party Task", name)
			evidence = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"佐证材料-{k + 1}.txt",
					"attached_to_doctype": "Party Task",
					"attached_to_name": name,
					"is_private": 1,
					"content": f"{branch}：{doc.task}已完成。".encode(),
				}
			).insert()
			doc.evidence = evidence.file_url
			doc.status = "已完成"
			doc.save()


def publications(org, officers, officer) -> None:
	as_user(officer)
	for title, category, day in (
		("2025年度机关党费收缴、使用和管理情况公示", "党费收缴使用", dt.date(2026, 1, 15)),
		("关于2025年度优秀共产党员和先进党支部评选结果的公示", "评优选先", dt.date(2026, 1, 20)),
		("2026年度机关党建工作要点（征求意见稿）", "组织建设", None),
	):
		frappe.get_doc(
			{
				"doctype": "Party Affairs Publication",
				"title": title,
				"category": category,
				"published_on": day,
				"body": f"<p>{title}。请各党支部组织党员认真阅知，如有意见请向机关党委反映。</p>",
			}
		).insert()
	for branch in org:
		as_user(officers["secretary"][branch]["user"])
		frappe.get_doc(
			{
				"doctype": "Party Affairs Publication",
				"title": f"{branch}2025年度民主评议党员结果",
				"category": "民主评议",
				"party_branch": branch,
				"published_on": dt.date(2026, 1, 25),
				"body": f"<p>{branch}2025年度民主评议党员工作已完成，评议结果如下。</p>",
			}
		).insert()


def service(members, officers) -> None:
	activities = (
		"社区垃圾分类宣传",
		"关爱空巢老人走访",
		"文明交通志愿服务",
		"社区法律咨询",
		"疫苗接种现场引导",
	)
	for m in members:
		if m["n"] % 2:
			continue
		as_user(m["user"] or officers["secretary"][m["branch"]]["user"])
		for k in range(1 + m["n"] % 3):
			frappe.get_doc(
				{
					"doctype": "Community Service Log",
					"member": m["name"],
					"service_date": dt.date(YEAR, 3 + 3 * k, 6 + m["n"] % 20),
					"activity": activities[(m["n"] + k) % len(activities)],
					"hours": 2 + (m["n"] + k) % 3,
				}
			).insert()


def appraisals(members, officer) -> None:
	as_user(officer)
	for m in members:
		grade = "优秀" if m["n"] % 9 == 2 else ("基本合格" if m["n"] == 61 else "合格")
		doc = frappe.get_doc("Party Member", m["name"])
		doc.append("appraisals", {"year": YEAR, "grade": grade, "source": "机关党委录入"})
		doc.save()


def transfers(members, officers, officer) -> None:
	moving = next(m for m in members if m["branch"] == "机关第二党支部" and m["n"] % 7 == 3)
	leaving = next(m for m in members if m["branch"] == "机关第五党支部" and m["n"] % 5 == 2)

	def new(values, secretary):
		as_user(secretary["user"])
		doc = frappe.get_doc({"doctype": "Membership Transfer", **values}).insert()
		apply_workflow(doc, "提交审核")
		return doc.name

	within = new(
		{
			"direction": "机关内转接",
			"party_branch": "机关第二党支部",
			"member": moving["name"],
			"to_branch": "机关第四党支部",
			"transfer_reason": "工作调动至财政经济工作委员会",
		},
		officers["secretary"]["机关第二党支部"],
	)
	incoming = new(
		{
			"direction": "转入",
			"party_branch": "机关第六党支部",
			"other_organisation": "中共市农业农村局机关委员会第二支部",
			"full_name": "邵明远",
			"gender": "男",
			"birth_date": dt.date(1990, 4, 12),
			"joined_on": dt.date(2014, 6, 20),
			"member_type": "正式党员",
			"office": "农业与农村工作委员会",
			"letter_no": "农机党转字〔2026〕3号",
			"transfer_reason": "调入市人大常委会农业与农村工作委员会",
		},
		officers["secretary"]["机关第六党支部"],
	)
	new(
		{
			"direction": "转出",
			"party_branch": "机关第五党支部",
			"member": leaving["name"],
			"other_organisation": "中共市教育局机关委员会",
			"transfer_reason": "调任市教育局",
		},
		officers["secretary"]["机关第五党支部"],
	)
	as_user(officer)
	for name in (within, incoming):
		doc = frappe.get_doc("Membership Transfer", name)
		apply_workflow(doc, "同意转接")
		doc = frappe.get_doc("Membership Transfer", name)
		apply_workflow(doc, "办结")


def summary() -> dict:
	return {
		"branches": frappe.db.count("Party Branch", {"is_group": 0}),
		"groups": frappe.db.count("Party Group"),
		"members": frappe.db.count("Party Member", {"status": "在册"}),
		"meetings": frappe.db.count("Party Meeting"),
		"study_sessions": frappe.db.count("Study Session"),
		"dues_records": frappe.db.count("Party Dues"),
		"test_scores": frappe.db.count("Quarterly Test Score"),
	}
