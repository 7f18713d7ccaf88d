"""Demo story: the town of the source case (刘桥镇), set up as its users would have it.

`bench --site SITE sanyou-demo` completes the setup wizard in Chinese (zh, China, CNY,
Asia/Shanghai), creates the users of each role, the 18th town congress with its deputies (imported
from Excel through the import tool), and the 2020 and 2021 cycles: every proposal entered by its
channel (desk, Excel import) and moved through screening and deliberation by the user whose role
takes that step. 2020: 10 proposals → 6 candidates; 2021: 46 proposals → 5 candidates.
"""

import datetime as dt
import io

import frappe
from frappe.model.workflow import apply_workflow
from openpyxl import Workbook

from sanyou_app.core.sheets import DEPUTY_IMPORT, PROPOSAL_IMPORT
from sanyou_app.setup.users import insert_users_in_bulk

TOWN = "刘桥镇"
PASSWORD = "Sanyou@2026"
USERS = {
	"office": ("bangongshi@liuqiao.example.cn", "王", "晓燕", "Town Congress Office"),
	"presidium": ("zhuxituan@liuqiao.example.cn", "陈", "建国", "Presidium Member"),
	"party": ("dangwei@liuqiao.example.cn", "刘", "志强", "Party Committee Approver"),
	"deputy": ("daibiao@liuqiao.example.cn", "张", "桂兰", "Congress Deputy"),
}
VILLAGES = (
	"丁楼村",
	"陈集村",
	"刘桥村",
	"张庄村",
	"王店村",
	"孙楼村",
	"蒋湖村",
	"黄桥村",
	"镇区社区",
	"光明社区",
)
SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高梁郑罗宋谢唐韩曹许邓萧冯曾程蔡彭潘袁于董余苏叶吕魏蒋田杜丁沈姜范江傅钟卢汪戴崔任陆廖姚方金邱夏谭韦贾邹石熊孟秦阎薛侯雷白龙段郝孔邵史毛常万顾赖武康贺严尹钱施牛洪龚"
GIVEN = ("建华", "秀英", "国强", "桂芳", "志刚", "玉兰", "海燕", "德明", "丽娟", "红梅", "学军", "春生")
DEPUTIES = 72
PRESIDIUM = 9
GROUPS = ("第一代表小组", "第二代表小组", "第三代表小组", "第四代表小组", "第五代表小组", "第六代表小组")

# 2020: the five projects the session picked (seed names, 624.66 万元 in all) and one more candidate.
CANDIDATES_2020 = (
	("村庄扶贫路", "刘桥村", 286.50, "镇交通运输管理站", "硬化刘桥村、张庄村等贫困村村内道路约9.6公里"),
	(
		"陈集新村下水道改造提升工程",
		"陈集村",
		158.36,
		"镇城乡建设办公室",
		"改造陈集新村雨污管网约3.2公里，新建检查井120座",
	),
	("连心小院", "镇区社区", 45.80, "镇民政办公室", "建设为留守老人、儿童服务的连心小院3处，配套活动设施"),
	("丁楼村张庄路", "丁楼村", 92.00, "镇交通运输管理站", "新建丁楼村至张庄道路2.3公里，宽4.5米"),
	(
		"刘桥镇返乡大学生创业园",
		"镇区社区",
		42.00,
		"镇经济发展办公室",
		"改造闲置厂房1200平方米，建设返乡大学生创业孵化场地",
	),
	(
		"镇农贸市场改造提升",
		"镇区社区",
		120.00,
		"镇市场监督管理所",
		"改造农贸市场棚顶、排水和摊位，规范周边停车",
	),
)
OTHERS_2020 = (
	("张庄村道路硬化", "张庄村", "merge", 0),  # merged into 村庄扶贫路
	("陈集村排水沟清淤", "陈集村", "merge", 1),  # merged into the sewer project
	("镇区建设大型广场", "镇区社区", "reject", "投资过大，当年难以完成"),
	("村村通公交", "王店村", "reject", "属县级交通规划事项，已转县交通运输局研究"),
)

# 2021: the four picked projects (two named in the seed; 276 万元 in all) and one more candidate.
CANDIDATES_2021 = (
	(
		"大礼堂门前绿化项目",
		"镇区社区",
		58.00,
		"镇城乡建设办公室",
		"对镇大礼堂门前广场进行绿化提升，面积约6000平方米",
	),
	(
		"丁楼村张庄自来水安装及绿化项目",
		"丁楼村",
		96.00,
		"镇水利站",
		"为张庄自然村186户安装自来水，并对村内主干道两侧绿化",
	),
	("镇区路灯亮化工程", "镇区社区", 72.00, "镇城乡建设办公室", "在镇区主次干道安装太阳能路灯260盏"),
	("镇卫生院停车场建设", "镇区社区", 50.00, "镇卫生院", "新建镇卫生院停车场，车位120个"),
	("中心小学运动场改造", "刘桥村", 85.00, "镇中心学校", "改造中心小学运动场，铺设塑胶跑道和人造草坪"),
)
TOPICS_2021 = (
	"村内道路硬化",
	"农村饮水安全",
	"村庄亮化",
	"垃圾分类设施",
	"文化广场建设",
	"农田灌溉渠道修缮",
	"养老服务站",
	"幼儿园扩建",
	"村卫生室改造",
	"桥梁维修",
	"公厕改造",
	"健身器材配置",
)


def load() -> None:
	"""The town, its congress and deputies, the two cycles and their votes."""
	complete_setup()
	users = make_users()
	frappe.set_user(users["office"])
	congress = make_congress()
	c2020 = make_cycle(congress, 2020, 8, 5, dt.date(2020, 1, 2))
	c2021 = make_cycle(congress, 2021, 9, 4, dt.date(2021, 1, 4))
	run_2020(c2020, users)
	run_2021(c2021, users)
	officers = make_officers(congress)
	frappe.set_user(users["office"])
	vote_2020(c2020, users, officers)
	vote_2021(c2021, users, officers)


def complete_setup() -> None:
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	args = {
		"language": "简体中文",
		"country": "China",
		"timezone": "Asia/Shanghai",
		"currency": "CNY",
		"full_name": "系统管理员",
		"email": "admin@liuqiao.example.cn",
		"password": PASSWORD,
	}
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		setup_complete(args)
	settings = frappe.get_single("System Settings")
	settings.update({"language": "zh", "country": "China", "time_zone": "Asia/Shanghai", "currency": "CNY"})
	settings.save(ignore_permissions=True)
	frappe.db.set_default("currency", "CNY")
	frappe.db.set_default("country", "China")
	# the timeline names whoever acted: the administrator too, in Chinese
	frappe.db.set_value(
		"User", "Administrator", {"first_name": "系统管理员", "last_name": None, "full_name": "系统管理员"}
	)


def make_users() -> dict[str, str]:
	out = {}
	for key, (email, last, first, role) in USERS.items():
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": last + first,
					"language": "zh",
					"send_welcome_email": 0,
					"new_password": PASSWORD,
					"roles": [{"role": role}],
				}
			)
			user.flags.no_welcome_mail = True
			insert_users_in_bulk(user)
		out[key] = email
	return out


def _xlsx(sheet, rows) -> bytes:
	wb = Workbook()
	ws = wb.active
	ws.append([c.header for c in sheet.columns])
	for row in rows:
		ws.append([row.get(c.field) for c in sheet.columns])
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()


def import_file(import_type: str, content: bytes, **target) -> str:
	"""Upload a workbook and run it through the import tool, as the office would: the workbook
	uploaded on the new form, then the form saved (Frappe attaches the uploaded file to it)."""
	from sanyou_app.livelihood_projects import importer

	saved = frappe.get_doc(
		{"doctype": "File", "file_name": f"{import_type}.xlsx", "is_private": 1, "content": content}
	).insert()
	doc = frappe.get_doc(
		{"doctype": "Livelihood Import", "import_type": import_type, "import_file": saved.file_url, **target}
	).insert()
	importer.run(doc.name)
	doc.reload()
	if doc.status != "已完成":
		frappe.throw(f"演示数据导入失败：{doc.result_message}")
	return doc.name


def make_congress() -> str:
	congress = frappe.get_doc(
		{"doctype": "Congress", "region": TOWN, "term_no": 18, "current_session_no": 9}
	).insert()
	rows = []
	for i in range(DEPUTIES):
		rows.append(
			{
				"full_name": SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)],
				"gender": "女" if i % 3 == 1 else "男",
				"village_unit": VILLAGES[i % len(VILLAGES)],
				"phone": f"139{5600_0000 + i * 37:08d}",
				"is_presidium_member": "是" if i < PRESIDIUM else "否",
			}
		)
	import_file("人大代表", _xlsx(DEPUTY_IMPORT, rows), congress=congress.name)
	deputies = frappe.get_all(
		"Congress Deputy", filters={"congress": congress.name}, pluck="name", order_by="name"
	)
	for g, group_name in enumerate(GROUPS):
		group = frappe.get_doc(
			{
				"doctype": "Deputy Group",
				"congress": congress.name,
				"group_name": group_name,
				"leader": deputies[g],
			}
		).insert()
		for name in deputies[g :: len(GROUPS)]:
			frappe.db.set_value("Congress Deputy", name, "deputy_group", group.name)
	deputy_user = USERS["deputy"][0]
	frappe.db.set_value("Congress Deputy", deputies[-1], "user", deputy_user)
	return congress.name


def make_cycle(congress: str, year: int, session_no: int, seats: int, start: dt.date) -> str:
	cycle = frappe.get_doc(
		{
			"doctype": "Livelihood Cycle",
			"congress": congress,
			"year": year,
			"session_no": session_no,
			"session_date": dt.date(year, 2, 20),
			"projects_to_pick": seats,
			"collection_start": start,
			"collection_end": start + dt.timedelta(days=20),
			"notice_issuer": f"{TOWN}人民政府",
			"notice_date": start,
			"contact_person": "王晓燕",
			"contact_phone": "0561-7012345",
			"channels": [
				{"channel": "通知征集", "note": "向镇直各单位、各村下发通知"},
				{"channel": "代表座谈会", "note": "召开人大代表座谈会"},
				{"channel": "入户走访", "note": "组织人员深入各村与群众面对面交流"},
				{"channel": "村广播"},
				{"channel": "悬挂条幅"},
				{"channel": "微信群"},
				{"channel": "网络征集"},
			],
		}
	).insert()
	return cycle.name


def desk_proposal(cycle: str, title: str, village: str, channel: str, n: int, cost=None) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Livelihood Proposal",
				"cycle": cycle,
				"title": title,
				"village": village,
				"channel": channel,
				"proposer_name": SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)],
				"contact_phone": f"138{5500_0000 + n * 113:08d}",
				"description": f"建议实施{title}，惠及{village}群众。",
				"reason": f"{village}群众反映强烈，{title}关系群众切身利益。",
				"estimated_cost": cost,
			}
		)
		.insert()
		.name
	)


def act(user: str, name: str, action: str, **values) -> None:
	frappe.set_user(user)
	doc = frappe.get_doc("Livelihood Proposal", name)
	if values:
		doc.update(values)
		doc.save()
	apply_workflow(doc, action)


def to_candidate(users: dict, name: str, year: int, investment, body: str, content: str) -> None:
	act(users["office"], name, "评议保留", screening_note="意见相对集中，具有代表性")
	act(
		users["office"],
		name,
		"确定为初选项目",
		content=content,
		investment=investment,
		implementing_body=body,
		deadline=dt.date(year, 12, 31),
	)
	act(users["presidium"], name, "主席团审议通过", presidium_opinion="同意列为初选项目，提交镇党委")
	act(users["party"], name, "党委同意", party_committee_opinion="同意列为候选项目")


def run_2020(cycle: str, users: dict) -> None:
	channels = ("代表座谈会", "入户走访", "通知征集")
	candidates = [
		desk_proposal(cycle, title, village, channels[i % 3], i, cost)
		for i, (title, village, cost, _b, _c) in enumerate(CANDIDATES_2020)
	]
	for i, (title, village, how, arg) in enumerate(OTHERS_2020):
		name = desk_proposal(cycle, title, village, "微信群" if i % 2 else "村广播", 20 + i)
		frappe.set_user(users["office"])
		if how == "merge":
			act(users["office"], name, "合并", merged_into=candidates[arg])
		else:
			act(users["office"], name, "不予采纳", rejection_reason=arg)
	for name, (_t, _v, cost, body, content) in zip(candidates, CANDIDATES_2020, strict=True):
		to_candidate(users, name, 2020, cost, body, content)


def run_2021(cycle: str, users: dict) -> None:
	# Six proposals came in at the deputies' symposium and were entered in the desk ...
	frappe.set_user(users["office"])
	candidates = [
		desk_proposal(cycle, title, village, "代表座谈会", 40 + i, cost)
		for i, (title, village, cost, _b, _c) in enumerate(CANDIDATES_2021)
	]
	candidates.append(desk_proposal(cycle, "镇敬老院改造", "镇区社区", "代表座谈会", 46))
	# ... and forty more came back from the villages on the notice's form, imported from Excel.
	channels = ("通知征集", "入户走访", "村广播", "悬挂条幅", "微信群")
	rows = [
		{
			"title": f"{VILLAGES[i % len(VILLAGES)]}{TOPICS_2021[i % len(TOPICS_2021)]}",
			"proposer_name": SURNAMES[(i + 11) % len(SURNAMES)] + GIVEN[(i + 5) % len(GIVEN)],
			"village": VILLAGES[i % len(VILLAGES)],
			"contact_phone": f"137{5400_0000 + i * 71:08d}",
			"description": f"建议在{VILLAGES[i % len(VILLAGES)]}实施{TOPICS_2021[i % len(TOPICS_2021)]}。",
			"reason": "群众多次反映，需求迫切。",
			"estimated_cost": 10 + (i * 7) % 90,
			"channel": channels[i % len(channels)],
		}
		for i in range(40)
	]
	import_file("民生实事项目", _xlsx(PROPOSAL_IMPORT, rows), cycle=cycle)
	imported = frappe.get_all(
		"Livelihood Proposal",
		filters={"cycle": cycle, "name": ("not in", candidates)},
		pluck="name",
		order_by="name",
	)
	for i, name in enumerate(imported + candidates[5:]):
		if i % 3 == 0:
			act(users["office"], name, "合并", merged_into=candidates[i % 5])
		else:
			act(
				users["office"],
				name,
				"不予采纳",
				rejection_reason="经评议，已纳入相关部门年度计划或不具备当年实施条件",
			)
	for name, (_t, _v, cost, body, content) in zip(candidates[:5], CANDIDATES_2021, strict=True):
		to_candidate(users, name, 2021, cost, body, content)


OFFICERS = (
	("计票人", "jipiao1@liuqiao.example.cn"),
	("计票人", "jipiao2@liuqiao.example.cn"),
	("总监票人", "zongjianpiao@liuqiao.example.cn"),
	("监票人", "jianpiao@liuqiao.example.cn"),
)


def make_officers(congress: str) -> list[tuple[str, str, str]]:
	"""Four deputies with logins who count and scrutinise: [(duty, deputy, user)]."""
	deputies = frappe.get_all(
		"Congress Deputy", filters={"congress": congress}, fields=["name", "full_name"], order_by="name"
	)
	out = []
	for (duty, email), deputy in zip(OFFICERS, deputies[PRESIDIUM : PRESIDIUM + len(OFFICERS)], strict=True):
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": deputy.full_name,
					"language": "zh",
					"send_welcome_email": 0,
					"new_password": PASSWORD,
					"roles": [{"role": "Congress Deputy"}],
				}
			)
			user.flags.no_welcome_mail = True
			insert_users_in_bulk(user)
		frappe.db.set_value("Congress Deputy", deputy.name, "user", email)
		out.append((duty, deputy.name, email))
	return out


def run_vote(title, cycle, vote_type, users, officers, present, sheets, **values) -> str:
	"""Prepare, sign in, open, close, enter the paper sheets twice, count, sign off: a whole vote."""
	frappe.set_user(users["office"])
	vote = frappe.get_doc(
		{
			"doctype": "Secret Vote",
			"title": title,
			"vote_type": vote_type,
			"mode": "纸质投票",
			"cycle": cycle,
			"officers": [{"officer_role": duty, "deputy": deputy} for duty, deputy, _ in officers],
			**values,
		}
	).insert()
	for row in vote.voters[:present]:
		row.signed_in = 1
	vote.save()
	vote.open_voting()
	vote.close_voting()
	tellers = [user for duty, _, user in officers if duty == "计票人"]
	for teller in tellers:
		frappe.set_user(teller)
		for number, sheet in enumerate(sheets, start=1):
			entry = frappe.get_doc({"doctype": "Paper Ballot Entry", "vote": vote.name, "sheet_no": number})
			entry.run_method("before_validate")
			for row in entry.marks:
				row.choice = sheet.get(row.item_label)
			entry.insert()
	frappe.set_user(tellers[0])
	frappe.get_doc("Secret Vote", vote.name).count()
	for duty, _, user in officers:
		if duty != "计票人":
			frappe.set_user(user)
			frappe.get_doc("Secret Vote", vote.name).sign_off()
	frappe.set_user(users["office"])
	return vote.name


def vote_2020(cycle: str, users: dict, officers) -> str:
	"""十八届人大八次会议: 70 of 72 present, 6 candidates, 5 picked (624.66 万元)."""
	c = [t for t, *_ in CANDIDATES_2020]
	five, sixth = c[:5], c[5]
	sheets = (
		[{**dict.fromkeys(five, "赞成"), sixth: "反对"}] * 60
		+ [{**dict.fromkeys(c[:4], "赞成"), sixth: "赞成", c[4]: "弃权"}] * 6
		+ [{}] * 2
		+ [dict.fromkeys(c, "赞成")] * 2  # six 赞成 for five seats: void
	)
	return run_vote("2020年民生实事项目票决", cycle, "项目票决", users, officers, 70, sheets)


def vote_2021(cycle: str, users: dict, officers) -> None:
	"""十八届人大九次会议: 68 present; 5 candidates, 4 picked (276 万元); the 2020 projects rated."""
	c = [t for t, *_ in CANDIDATES_2021]
	four, fifth = c[:4], c[4]
	sheets = (
		[{**dict.fromkeys(four, "赞成"), fifth: "反对"}] * 58
		+ [{**dict.fromkeys(c[:3], "赞成"), fifth: "赞成"}] * 8
		+ [{}] * 2
	)
	run_vote("2021年民生实事项目票决", cycle, "项目票决", users, officers, 68, sheets)
	full, most = [t for t, *_ in CANDIDATES_2020[:3]], [t for t, *_ in CANDIDATES_2020[3:5]]
	ratings = (
		[{**dict.fromkeys(full, "满意"), **dict.fromkeys(most, "满意")}] * 58
		+ [{**dict.fromkeys(full, "满意"), **dict.fromkeys(most, "基本满意")}] * 2
		+ [{**dict.fromkeys(full, "基本满意"), **dict.fromkeys(most, "基本满意")}] * 7
		+ [{**dict.fromkeys(full, "基本满意"), **dict.fromkeys(most, "不满意")}]
	)
	run_vote("2020年民生实事项目满意度测评", cycle, "满意度测评", users, officers, 68, ratings)


def summary() -> dict:
	"""The funnel of each of the demo town's cycles (not of other towns' the site may hold)."""
	from sanyou_app.livelihood_projects.api import cycle_funnel

	congress = frappe.db.get_value("Congress", {"region": TOWN})
	return {
		cycle: cycle_funnel(cycle)
		for cycle in frappe.get_all(
			"Livelihood Cycle", filters={"congress": congress}, pluck="name", order_by="year"
		)
	}
