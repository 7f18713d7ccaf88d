"""Each document the app prints for filing, as a 公文 (core/gongwen.Document) built from its record.

One builder per document; the print format, the PDF and the Word copy are all made from what it
returns. What an administrator sets (发文机关标志, 发文字号 series, 主送, 抄送, 印发) comes from 公文设置
(settings.py); what the record says comes from the record.
"""

from __future__ import annotations

import frappe
from frappe.utils import format_datetime, getdate

from sanyou_app.assessment.api import published_titles
from sanyou_app.core import gongwen as gw
from sanyou_app.core.congress import chinese_number
from sanyou_app.documents.settings import organ_name
from sanyou_app.livelihood_projects.api import candidate_projects, format_amount
from sanyou_app.project_supervision.api import completion_report

D = gw.date_text
P, H, T = gw.Paragraph, gw.Heading, gw.Table


def notice(doc) -> gw.Document:
	"""征集公告 (Livelihood Cycle)."""
	body = [
		P(doc.notice_body)
		if doc.notice_body
		else P(
			f"为切实办好群众最关心、最直接、最现实的民生实事，根据《{doc.town}人民代表大会关于实施政府民生实事项目"
			f"人大代表票决制的实施办法》，现面向全镇公开征集{doc.year}年民生实事项目建议。"
		),
		H("一、征集时间"),
		P(f"{D(doc.collection_start) or '另行通知'}至{D(doc.collection_end) or '另行通知'}。"),
		H("二、征集内容"),
		P(
			"涉及群众切身利益、受益面广、当年能够完成的民生实事项目，如道路交通、饮水安全、环境整治、公共服务设施等。"
			"请写明项目名称、所在村(社区)、项目描述、建议理由，可附估算投资。"
		),
		H("三、征集方式"),
		*[
			P(f"{i}. {row.channel}{'：' + row.note if row.note else ''}")
			for i, row in enumerate(doc.get("channels") or [], 1)
		],
		P(f"网上提交：{frappe.utils.get_url('/livelihood-proposal')}（无需登录）。"),
		H("四、联系方式"),
		P(f"联系人：{doc.contact_person or ''}　联系电话：{doc.contact_phone or ''}"),
		P("欢迎广大群众积极建言献策。"),
	]
	return gw.Document(
		kind="征集公告",
		title=doc.notice_title or "关于公开征集民生实事项目的公告",
		body=body,
		signer=doc.notice_issuer or f"{doc.town}人民政府",
		date=D(doc.notice_date),
	)


def candidate_report(doc) -> gw.Document:
	"""候选项目情况报告 (Livelihood Cycle)."""
	data = candidate_projects(doc.name)
	body = []
	if doc.report_intro:
		body.append(P(doc.report_intro))
	body.append(
		P(
			f"根据《{doc.town}人民代表大会关于实施政府民生实事项目人大代表票决制的实施办法》，经公开征集、评议遴选、"
			f"镇人大主席团审议并报镇党委同意，确定{doc.year}年民生实事候选项目{data['count']}个，总投资"
			f"{format_amount(data['total'])}万元。本次会议将以无记名投票方式差额票决，从中确定"
			f"{doc.projects_to_pick}个民生实事项目。现将候选项目情况报告如下："
		)
	)
	for i, p in enumerate(data["projects"], 1):
		body += [
			H(f"{chinese_number(i)}、{p.title}"),
			P(f"主要内容：{p.content or ''}"),
			P(
				f"投资金额：{format_amount(p.investment)}万元；实施主体：{p.implementing_body or ''}；"
				f"完成时限：{D(p.deadline)}。"
			),
		]
	rows = [
		[str(i), p.title, format_amount(p.investment), p.implementing_body or "", D(p.deadline)]
		for i, p in enumerate(data["projects"], 1)
	]
	rows.append([f"合计（{data['count']}个项目）", "", format_amount(data["total"]), "", ""])
	body += [
		T(
			["序号", "项目名称", "投资金额(万元)", "实施主体", "完成时限"],
			rows,
			[0.1, 0.35, 0.15, 0.2, 0.2],
			["center", "left", "right", "left", "center"],
		),
		P("以上报告，请予审议。"),
	]
	subtitle = f"——{D(doc.session_date)}在{doc.session_title}上" if doc.session_title else ""
	return gw.Document(
		kind="候选项目情况报告",
		title=doc.report_title or f"关于{doc.year}年民生实事候选项目情况的报告",
		subtitle=subtitle,
		recipient="各位代表：",
		body=body,
		signer=f"{doc.town}人民政府",
		date=D(doc.session_date),
	)


def completion(doc) -> gw.Document:
	"""项目完成情况报告 (Livelihood Cycle)."""
	data = completion_report(doc.name)
	session = doc.session_title or f"{doc.town}人民代表大会"
	hearings = f"，听取项目进展情况汇报{data['hearings']}次" if data.get("hearings") else ""
	body = [
		P(
			f"{doc.year}年，{session}以无记名投票方式票决确定民生实事项目{data['count']}个，总投资"
			f"{format_amount(data['investment'])}万元。镇政府成立实施工作组，每个项目明确包保领导，制订“施工图”"
			f"“时间表”；镇人大安排联系代表日常监督，主席团组织视察、督查{data['inspections']}次{hearings}。截至目前，"
			f"{data['count']}个项目已完成{data['completed']}个，累计使用资金{format_amount(data['funds_used'])}万元。"
			"现将项目完成情况报告如下："
		)
	]
	for i, p in enumerate(data["projects"], 1):
		milestones = "".join(
			f"；{m.milestone}（计划{D(m.planned_date)}"
			+ (f"，实际{D(m.actual_date)}）" if m.actual_date else f"，完成{m.percent or 0}%）")
			for m in p.milestones
		)
		body += [
			H(f"{chinese_number(i)}、{p.title}"),
			P(f"主要内容：{p.content or ''}"),
			P(
				f"投资金额：{format_amount(p.investment)}万元，已使用资金{format_amount(p.funds_used)}万元；"
				f"实施主体：{p.implementing_body or ''}；包保领导：{p.leader_display or ''}；完成时限：{D(p.deadline)}；"
				f"联系代表：{p.liaison_names or ''}。"
			),
			P(f"时间表：共{p.milestone_count}个节点，按期完成{p.met}个{milestones}。"),
		]
		if p.inspections:
			body.append(
				P("视察督查：" + "；".join(f"{D(x.date)}{x.kind}，{x.finding}" for x in p.inspections) + "。")
			)
		state = (
			f"已于{D(p.completed_on)}竣工并通过验收。"
			if p.completed
			else f"{p.workflow_state}，总体进度{p.progress or 0}%。"
		)
		body.append(P(f"完成情况：{state}{p.completion_summary or ''}"))
	rows = [
		[
			str(i),
			p.title,
			format_amount(p.investment),
			format_amount(p.funds_used),
			p.leader_display or "",
			f"{p.met}/{p.milestone_count}",
			f"{len(p.inspections)}次",
			f"{D(p.completed_on)}竣工" if p.completed else f"{p.workflow_state}（{p.progress or 0}%）",
		]
		for i, p in enumerate(data["projects"], 1)
	]
	rows.append(
		[
			f"合计（{data['count']}个项目）",
			"",
			format_amount(data["investment"]),
			format_amount(data["funds_used"]),
			f"已完成{data['completed']}个",
			"",
			"",
			"",
		]
	)
	body += [
		T(
			["序号", "项目名称", "投资(万元)", "已用(万元)", "包保领导", "按期节点", "视察督查", "完成情况"],
			rows,
			[0.1, 0.2, 0.1, 0.1, 0.12, 0.1, 0.1, 0.18],
			["center", "left", "right", "right", "left", "center", "center", "left"],
		),
		P("以上报告，请予审议。"),
	]
	return gw.Document(
		kind="项目完成情况报告",
		title=f"关于{doc.year}年民生实事项目完成情况的报告",
		recipient="各位代表：",
		body=body,
		signer=f"{doc.town}人民政府",
	)


def vote_result(doc) -> gw.Document:
	"""表决结果公告 (Secret Vote)."""
	project_vote = doc.vote_type == "项目票决"
	title = f"{doc.title}{'结果公告' if project_vote else '结果'}"
	if doc.status not in ("已公布", "本轮无效"):
		return gw.Document(kind="表决结果公告", title=title, body=[P("表决结果尚未经监票人确认公布。")])
	body = []
	cycle = frappe.db.get_value("Livelihood Cycle", doc.cycle, ["session_title", "year"], as_dict=True) or {}
	if project_vote:
		picked = [r for r in doc.results if r.picked]
		body.append(
			P(
				f"{D(doc.opened_at)}，{cycle.get('session_title') or ''}以无记名投票方式对{len(doc.results)}个民生实事"
				f"候选项目进行了差额票决。应到代表{doc.total_voters}名，实到{doc.present}名；发出选票{doc.issued}张，收回"
				f"{doc.returned}张，其中有效票{doc.valid_ballots}张、废票{doc.void_ballots}张。"
			)
		)
		if doc.status == "本轮无效":
			body.append(P("本轮票决无效，应重新进行。"))
		else:
			body.append(P(f"经计票，以下{len(picked)}个项目确定为{cycle.get('year') or ''}年民生实事项目："))
			body += [P(f"{i}. {r.item_label}（赞成{r.votes_for}票）") for i, r in enumerate(picked, 1)]
		table = T(
			["序号", "候选项目", "赞成", "反对", "弃权", "结果"],
			[
				[
					str(i),
					r.item_label,
					str(r.votes_for),
					str(r.votes_against),
					str(r.votes_abstain),
					"确定" if r.picked else ("并列，需再次票决" if r.runoff else "未确定"),
				]
				for i, r in enumerate(doc.results, 1)
			],
			[0.1, 0.38, 0.1, 0.1, 0.1, 0.22],
			["center", "left", "right", "right", "right", "left"],
		)
	else:
		survey = doc.vote_type == "满意度测评"
		void = "本次无效，应重新进行。" if doc.status == "本轮无效" else ""
		body.append(
			P(
				f"{D(doc.opened_at)}，{doc.present}名{'代表' if survey else '党员'}参加"
				f"{'满意度测评' if survey else '民主评议'}，收回{doc.returned}张。{void}"
			)
		)
		header = ["序号", "项目" if survey else "党员", *(["满意率"] if survey else []), "等次"]
		rows = [
			[
				str(i),
				r.item_label,
				*([f"{r.satisfaction_rate or 0:.1f}%"] if survey else []),
				f"{r.grade or ''}{'（交政府整改）' if r.needs_rectification else ''}",
			]
			for i, r in enumerate(doc.results, 1)
		]
		widths = [0.1, 0.5, 0.15, 0.25] if survey else [0.1, 0.6, 0.3]
		table = T(header, rows, widths, ["center", "left", *(["right"] if survey else []), "left"])
	body.append(table)
	chief = "".join(o.officer_name or "" for o in doc.officers if o.officer_role == "总监票人")
	return gw.Document(
		kind="表决结果公告", title=title, body=body, signer=f"总监票人：{chief}", date=D(doc.published_at)
	)


_GRADES = {
	"满意度测评": [("满意", "satisfied"), ("基本满意", "basically_satisfied"), ("不满意", "unsatisfied")],
	"民主评议党员": [
		("优秀", "excellent"),
		("合格", "qualified"),
		("基本合格", "basically_qualified"),
		("不合格", "unqualified"),
	],
}


def count_record(doc) -> gw.Document:
	"""计票记录 (Secret Vote)."""
	project_vote = doc.vote_type == "项目票决"
	subtitle = "计票记录" + (
		f"（第{doc.round_no}轮·{doc.round_kind}）" if doc.round_no and doc.round_no > 1 else ""
	)
	body = []
	if doc.status in ("准备中", "投票中", "计票中"):
		body.append(P("尚未计票。"))
	else:
		body.append(
			T(
				["项目", "人数/张数", "项目", "人数/张数"],
				[
					["应到人数", str(doc.total_voters), "实到人数", str(doc.present)],
					[
						f"发出{'选票' if project_vote else '测评表'}",
						str(doc.issued),
						"收回",
						str(doc.returned),
					],
					["有效票", str(doc.valid_ballots), "废票", str(doc.void_ballots)],
				],
				[0.3, 0.2, 0.3, 0.2],
				["left", "right", "left", "right"],
			)
		)
		rows = doc.count_rows()
		if project_vote:
			body.append(
				T(
					["序号", "候选项目", "赞成", "反对", "弃权", "结果"],
					[
						[
							str(i),
							r.item_label,
							str(r.votes_for),
							str(r.votes_against),
							str(r.votes_abstain),
							"确定"
							if r.picked
							else ("并列，需再次票决" if r.runoff else ("通过" if r.passed else "未通过")),
						]
						for i, r in enumerate(rows, 1)
					],
					[0.1, 0.38, 0.1, 0.1, 0.1, 0.22],
					["center", "left", "right", "right", "right", "left"],
				)
			)
		else:
			survey = doc.vote_type == "满意度测评"
			grades = _GRADES.get(doc.vote_type, _GRADES["民主评议党员"])
			header = ["序号", "项目" if survey else "党员", *[g for g, _ in grades], "有效票"]
			header += ["满意率"] if survey else []
			header.append("等次")
			table_rows = [
				[
					str(i),
					r.item_label,
					*[str(r.get(f)) for _, f in grades],
					str(r.valid),
					*([f"{r.satisfaction_rate or 0:.1f}%"] if survey else []),
					r.grade or "",
				]
				for i, r in enumerate(rows, 1)
			]
			n = len(header)
			# 序号 and the counts wide enough for two characters at 4号, the grade for three
			counts = n - 3
			widths = [0.1, 0.22] + [(1 - 0.1 - 0.22 - 0.16) / counts] * counts + [0.16]
			body.append(T(header, table_rows, widths, ["center", "left"] + ["right"] * counts + ["left"]))
		body += [P(line) for line in (doc.result_text or "").split("\n") if line.strip()]
	body.append(
		T(
			["职责", "姓名", "签字确认"],
			[
				[
					o.officer_role,
					o.officer_name or "",
					f"已确认 {format_datetime(o.signed_off_at, 'yyyy-MM-dd HH:mm')}"
					if o.officer_role != "计票人" and o.signed_off
					else "",
				]
				for o in doc.officers
			],
			[0.25, 0.35, 0.4],
			["left", "left", "left"],
		)
	)
	return gw.Document(kind="计票记录", title=doc.title, subtitle=subtitle, body=body)


def commendation(doc) -> gw.Document:
	"""表彰决定 (Assessment Cycle), in the name of the organ set in 公文设置."""
	organ = organ_name()
	title = f"{organ}\n关于表彰{doc.year}年度先进党支部、先进党小组和优秀共产党员的决定"
	titles = published_titles(doc.name)
	if not titles:
		return gw.Document(kind="表彰决定", title=title, body=[P("本年度考核结果尚未审定发布。")])
	body = [
		P(
			f"{doc.year}年，机关各级党组织和广大党员深入开展“三优两争”活动，争创先进党支部（党小组）、争做优秀共产党员。"
			"根据《考核实施细则》，经资料报送、数据汇总、赋分评价、督促检查，机关党委研究决定，对以下先进集体和个人予以表彰。"
		)
	]
	for i, t in enumerate(titles, 1):
		body += [
			H(f"{chinese_number(i)}、{t['title']}（{len(t['names'])}个）"),
			P("、".join(t["names"]) or "无"),
		]
	body.append(
		P(
			"希望受到表彰的先进集体和个人珍惜荣誉、再接再厉，充分发挥示范带头作用；机关各党支部和全体党员要以先进为榜样，"
			"对照“五个好”“五带头”要求，推动机关党建工作高质量发展。"
		)
	)
	return gw.Document(
		kind="表彰决定",
		title=title,
		recipient="机关各党支部：",
		body=body,
		signer=organ,
		date=D(getdate(doc.modified)),
		seal=True,
	)


def meeting(doc) -> gw.Document:
	"""会议记录 (Party Meeting)."""
	present = [r.full_name for r in doc.attendance if r.attendance == "出席"]
	away = [
		f"{r.full_name}（{r.attendance}：{r.reason or ''}）" for r in doc.attendance if r.attendance != "出席"
	]
	rows = [
		["会议类型", doc.meeting_type],
		["会议日期", D(doc.meeting_date)],
		["会议地点", doc.location or ""],
		["主持人", doc.host_name or ""],
		["会议主题", doc.topic or ""],
	]
	if doc.meeting_type == "党课":
		rows.append(["讲课人", doc.lecturer or ""])
	rows += [
		[
			"参会情况",
			f"应到{doc.expected_count or 0}人，实到{doc.present_count or 0}人，出席率{doc.attendance_rate or 0:.1f}%",
		],
		["出席人员", "、".join(present)],
		["请假、缺席人员及原因", "；".join(away) or "无"],
	]
	if doc.attachments:
		rows.append(
			[
				"会议材料",
				"；".join(a.file_description or (a.file or "").split("/")[-1] for a in doc.attachments),
			]
		)
	body = [T(["项目", "内容"], rows, [0.24, 0.76], ["left", "left"]), H("会议记录")]
	body += [P(line) for line in _lines(doc.minutes)]
	return gw.Document(
		kind="会议记录",
		title=f"{doc.party_branch}{doc.meeting_type}记录",
		subtitle=doc.party_group or "",
		body=body,
		signatures=[f"记录人：{doc.recorder_name or ''}　　主持人：{doc.host_name or ''}"],
	)


def _lines(html: str | None) -> list[str]:
	"""A text editor's HTML as its paragraphs of plain text."""
	if not html:
		return []
	from bs4 import BeautifulSoup

	soup = BeautifulSoup(html, "html.parser")
	for br in soup.find_all("br"):
		br.replace_with("\n")
	blocks = soup.find_all(["p", "div", "li"]) or [soup]
	lines = []
	for block in blocks:
		if block.find(["p", "div", "li"]):
			continue
		lines += [s.strip() for s in block.get_text().split("\n") if s.strip()]
	return lines
