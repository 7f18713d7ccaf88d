"""Demo: the organ's party groups paired with the city's deputy groups (党小组结对联系代表小组), 2020–2021.

The city's 16th people's congress with twelve deputy groups; each of the organ's 11 party groups
pairs every year with one or two of them on one or two topics; 82 joint research activities
(调研, 视察, 座谈) and 21 research reports over the two years, every report converted: most into
deputies' suggestions (代表建议) handled through the workflow 代表建议办理 and rated by the deputies
(one reply rated 不满意 and handled a second time), the rest into specific measures (专项工作举措).

Every record is made through the app's own code by the user whose role takes that step: each
group's leader (党小组长) pairs, records activities, writes reports and converts them; the
人事代表工作委员会 registers the handling units' replies; the deputies rate them. The figures are
read back from the reports (调研成果转化链, 结对联系覆盖情况), never typed in.
"""

import datetime as dt

import frappe
from frappe.model.workflow import apply_workflow

from sanyou_app.demo.organ import BRANCHES, DOMAIN, OFFICER, ensure_user
from sanyou_app.deputy_liaison.doctype.research_report.research_report import make_suggestion

CITY = "淮北市"
TERM = 16
DAO_USER = ("renshi@" + DOMAIN, "人事代表工作委员会", "Deputy Affairs Office")
DEPUTY_GROUPS = (
	"相山区代表小组",
	"杜集区代表小组",
	"烈山区代表小组",
	"濉溪县代表小组",
	"经济界代表小组",
	"教育界代表小组",
	"医药卫生界代表小组",
	"农业界代表小组",
	"法律界代表小组",
	"企业界代表小组",
	"社会服务界代表小组",
	"机关代表小组",
)
DEPUTIES_PER_GROUP = 8
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ("建国", "秀英", "志强", "丽华", "海涛", "玉兰", "振华", "春梅", "国庆", "红霞", "立新", "桂芳")
# Topics of each party group (in the organ demo's order), per year: one or two.
TOPICS = {
	2020: (
		("优化营商环境",),
		("人大代表建议办理质量提升",),
		("基层立法联系点建设", "乡村振兴"),
		("信访矛盾源头化解",),
		("疫情防控下的中小企业发展",),
		("代表履职平台建设",),
		("预算联网监督",),
		("义务教育优质均衡发展", "基层医疗卫生服务"),
		("老旧小区改造",),
		("脱贫攻坚成果巩固",),
		("农村人居环境整治",),
	),
	2021: (
		("政务服务一网通办",),
		("民生实事项目票决制推广",),
		("法治乡村建设",),
		("网上信访工作",),
		("制造业高质量发展", "中小企业融资"),
		("代表活动室规范化建设",),
		("国有资产管理情况报告制度",),
		("职业教育发展",),
		("养老服务体系建设", "城市停车设施建设"),
		("乡村振兴",),
		("农业产业化经营",),
	),
}
ACTIVITIES = {2020: 40, 2021: 42}
REPORTS = {2020: 10, 2021: 11}
KINDS = ("调研", "视察", "座谈")
PLACES = (
	"相山区东山街道",
	"杜集区高岳街道",
	"烈山区烈山镇",
	"濉溪县刘桥镇",
	"市经济开发区",
	"凤凰山经济开发区",
)
UNITS = (
	"市发展和改革委员会",
	"市住房和城乡建设局",
	"市农业农村局",
	"市教育局",
	"市卫生健康委员会",
	"市财政局",
)


def exists() -> bool:
	return bool(frappe.db.exists("Liaison Pairing", {"year": 2020}))


def load() -> dict:
	if exists():
		frappe.throw("结对联系演示数据已加载")
	dao = ensure_user(DAO_USER[0], DAO_USER[1], [DAO_USER[2]])
	frappe.set_user(dao)
	deputies = make_city()
	groups = party_groups()
	for year in (2020, 2021):
		pairings = pair(year, groups, deputies)
		activities = record_activities(year, pairings)
		reports = write_reports(year, pairings, activities)
		convert(year, reports, dao)
	frappe.set_user("Administrator")
	frappe.db.commit()  # nosemgrep: a command
	return summary()


def make_city() -> dict[str, list[dict]]:
	"""The city congress, its twelve deputy groups of eight, each group's first deputy with a login."""
	congress = frappe.get_doc(
		{"doctype": "Congress", "region": CITY, "term_no": TERM, "current_session_no": 5}
	).insert()
	out: dict[str, list[dict]] = {}
	n = 0
	for g, group_name in enumerate(DEPUTY_GROUPS, start=1):
		group = frappe.get_doc(
			{"doctype": "Deputy Group", "congress": congress.name, "group_name": group_name}
		).insert()
		out[group.name] = []
		for d in range(DEPUTIES_PER_GROUP):
			full_name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 5) % len(GIVEN)]
			user = None
			if d == 0:
				user = ensure_user(f"daibiao{g:02d}@{DOMAIN}", full_name, ["Congress Deputy"])
			deputy = frappe.get_doc(
				{
					"doctype": "Congress Deputy",
					"congress": congress.name,
					"full_name": full_name,
					"gender": "女" if n % 3 == 1 else "男",
					"village_unit": group_name.replace("代表小组", "选区")
					if g <= 4
					else f"{CITY}{group_name[:-4]}",
					"deputy_group": group.name,
					"user": user,
				}
			).insert()
			out[group.name].append({"name": deputy.name, "user": user})
			n += 1
		group.leader = out[group.name][0]["name"]
		group.save()
	return out


def party_groups() -> list[dict]:
	"""The organ's 11 party groups in its demo's order, with their leader (member and login) and members."""
	out = []
	for group in dict.fromkeys(g for parts in BRANCHES.values() for _office, g, _n in parts):
		terms = frappe.get_all(
			"Party Officer Term",
			filters={"party_group": group, "position": "党小组长"},
			fields=["member", "end_date"],
			order_by="start_date desc",
			limit=1,
		)
		leader = terms[0].member if terms else None
		# a group whose leader has left since is paired by the 机关党委's officer
		current = terms and not terms[0].end_date
		user = frappe.db.get_value("Party Member", leader, "user") if current else None
		members = frappe.get_all(
			"Party Member", {"party_group": group, "status": "在册"}, pluck="name", order_by="creation asc"
		)
		out.append(
			{
				"name": group,
				"leader": leader,
				"user": user or OFFICER[0],
				"members": members,
			}
		)
	return out


def pair(year: int, groups: list[dict], deputies: dict) -> list[dict]:
	names = list(deputies)
	out = []
	for i, group in enumerate(groups):
		paired = [names[(i + year) % len(names)]]
		if i % 3 == 0:
			paired.append(names[(i + year + 5) % len(names)])
		frappe.set_user(group["user"])
		doc = frappe.get_doc(
			{
				"doctype": "Liaison Pairing",
				"year": year,
				"party_group": group["name"],
				"party_lead": group["leader"],
				"deputy_groups": [{"deputy_group": g, "deputy_lead": deputies[g][0]["name"]} for g in paired],
				"topics": [{"topic": t} for t in TOPICS[year][i]],
			}
		).insert()
		out.append(
			{
				**group,
				"pairing": doc.name,
				"topics": list(TOPICS[year][i]),
				"deputies": [deputies[g] for g in paired],
			}
		)
	return out


def record_activities(year: int, pairings: list[dict]) -> dict[tuple, list[str]]:
	"""ACTIVITIES[year] activities, round the topics of the year, from March to November."""
	slots = [(p, t) for p in pairings for t in p["topics"]]
	out: dict[tuple, list[str]] = {}
	for k in range(ACTIVITIES[year]):
		p, topic = slots[k % len(slots)]
		day = dt.date(year, 3 + (k * 7) % 9, 1 + (k * 11) % 27)
		people = p["members"]
		members = [people[(k + j) % len(people)] for j in range(2 + k % 3)]
		deputies = [d["name"] for group in p["deputies"] for d in group[: 3 + k % 3]]
		frappe.set_user(p["user"])
		doc = frappe.get_doc(
			{
				"doctype": "Joint Activity",
				"pairing": p["pairing"],
				"topic": topic,
				"activity_type": KINDS[k % 3],
				"activity_date": day,
				"place": PLACES[k % len(PLACES)],
				"party_members": [{"party_member": m} for m in dict.fromkeys(members)],
				"deputies": [{"deputy": d} for d in deputies],
				"findings": f"<p>围绕“{topic}”听取情况介绍，收集意见建议{3 + k % 5}条。</p>",
			}
		).insert()
		out.setdefault((p["pairing"], topic), []).append(doc.name)
	return out


def write_reports(year: int, pairings: list[dict], activities: dict) -> list[dict]:
	"""REPORTS[year] reports, on the first topics of the year, drawing on all their activities."""
	out = []
	slots = [(p, t) for p in pairings for t in p["topics"]][: REPORTS[year]]
	for r, (p, topic) in enumerate(slots):
		measure = r % 4 == 3
		frappe.set_user(p["user"])
		doc = frappe.get_doc(
			{
				"doctype": "Research Report",
				"title": f"关于{topic}情况的调研报告",
				"pairing": p["pairing"],
				"topic": topic,
				"report_date": dt.date(year, 12, 1),
				"activities": [{"joint_activity": a} for a in activities[(p["pairing"], topic)]],
				"summary": f"<p>{topic}：成效、问题与建议。</p>",
				"conversion": "专项工作举措" if measure else "代表建议",
				"measure": f"将“{topic}”列入{year + 1}年常委会监督工作计划" if measure else None,
				"outcome": f"{year + 1}年开展专题询问" if measure else None,
			}
		).insert()
		out.append(
			{
				"name": doc.name,
				"user": p["user"],
				"topic": topic,
				"measure": measure,
				"deputies": p["deputies"],
			}
		)
	return out


def convert(year: int, reports: list[dict], dao: str) -> None:
	"""Each report not turned into a measure becomes a suggestion: submitted by the group leader,
	replied through the 人事代表工作委员会, rated by the first deputy of the paired group."""
	number = 0
	for r, report in enumerate(reports):
		if report["measure"]:
			continue
		number += 1
		# the group leader submits it; for a group now without a leader, the 人事代表工作委员会 registers it
		frappe.set_user(dao if report["user"] == OFFICER[0] else report["user"])
		doc = make_suggestion(report["name"])
		doc.update(
			{
				"number": f"{year + 1}年第{number}号",
				"handling_unit": UNITS[r % len(UNITS)],
				"submitted_on": dt.date(year, 12, 10),
			}
		)
		doc.insert()
		rater = report["deputies"][0][0]["user"]
		second = year == 2020 and number == 2  # the one reply the deputies found wanting
		reply(
			doc.name,
			dao,
			f"{UNITS[r % len(UNITS)]}已研究办理，列入{year + 1}年工作计划",
			dt.date(year + 1, 2, 20),
		)
		rate(doc.name, rater, "代表不满意" if second else "代表满意")
		if second:
			frappe.set_user(dao)
			apply_workflow(frappe.get_doc("Deputy Suggestion", doc.name), "再次办理")
			reply(doc.name, dao, "承办单位重新办理，已制定专项方案并落实资金", dt.date(year + 1, 5, 15))
			rate(doc.name, rater, "代表满意")


def reply(name: str, dao: str, text: str, day: dt.date) -> None:
	frappe.set_user(dao)
	doc = frappe.get_doc("Deputy Suggestion", name)
	doc.update({"reply": text, "replied_on": day, "outcome": text})
	doc.save()
	apply_workflow(doc, "登记办复")


def rate(name: str, deputy_user: str, action: str) -> None:
	frappe.set_user(deputy_user)
	apply_workflow(frappe.get_doc("Deputy Suggestion", name), action)


def summary() -> dict:
	from sanyou_app.deputy_liaison.report.liaison_chain import liaison_chain

	_, rows, *_ = liaison_chain.execute({"group_by": "党支部"})
	keys = ("activities", "person_times", "reports", "converted", "suggestions", "measures", "satisfied")
	return {
		"groups_paired": len({p for p in frappe.get_all("Liaison Pairing", pluck="party_group")}),
		**{k: sum(r[k] for r in rows) for k in keys},
	}
