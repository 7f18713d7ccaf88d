"""Demo: the deputy work "2121" of the city congress, 2020–2021 (after the liaison story).

121 deputy activity rooms built to the "六有" standard (and four still short of an item), an
activity in each, political education twice a year, the 2021 theory exam imported from Excel, and
deputies' visits to communities, parks, plants and firms adding up to 4,760 person-times. All
entered by the 人事代表工作委员会 through the app's own forms and import.
"""

import datetime as dt
import io

import frappe
from openpyxl import Workbook

from sanyou_app.demo.liaison import CITY, DAO_USER, TERM
from sanyou_app.deputy_liaison.exam import import_scores
from sanyou_app.deputy_liaison.install import ensure_room_standard

ROOMS_MEETING, ROOMS_SHORT = 121, 4
VISITS_PER_YEAR = 238  # half with 8 deputies, half with 12: 2 × 238 × 10 = 4,760 person-times
STREETS = (
	"东山街道",
	"西园街道",
	"曲阳街道",
	"渠沟镇",
	"高岳街道",
	"烈山镇",
	"宋疃镇",
	"刘桥镇",
	"百善镇",
	"南坪镇",
	"临涣镇",
)
PLACES = {"进社区": "社区", "进园区": "产业园", "进厂区": "工厂", "进企业": "有限公司"}


def exists() -> bool:
	return bool(frappe.db.exists("Deputy Activity Room", {"room_name": f"{STREETS[0]}代表活动室1"}))


def load() -> dict:
	if exists():
		frappe.throw("代表工作演示数据已加载")
	frappe.set_user(DAO_USER[0])
	ensure_room_standard()
	congress = frappe.db.get_value("Congress", {"region": CITY, "term_no": TERM})
	deputies = frappe.get_all(
		"Congress Deputy",
		filters={"congress": congress},
		fields=["name", "deputy_group"],
		order_by="creation asc",
	)
	names = [d.name for d in deputies]
	rooms = build_rooms(congress, names)
	room_activities(rooms, names)
	education(congress, names)
	exam(congress)
	visits(names)
	frappe.set_user("Administrator")
	frappe.db.commit()  # nosemgrep: a command
	return summary()


def build_rooms(congress: str, deputies: list[str]) -> list[str]:
	items = frappe.get_all(
		"Room Standard Item", filters={"active": 1}, pluck="name", order_by="sort_order asc"
	)
	out = []
	for i in range(ROOMS_MEETING + ROOMS_SHORT):
		street = STREETS[i % len(STREETS)]
		short = i >= ROOMS_MEETING  # the last ones lack their 档案 or 计划 still
		attached = [deputies[(i * 3 + k) % len(deputies)] for k in range(2 + i % 2)]
		doc = frappe.get_doc(
			{
				"doctype": "Deputy Activity Room",
				"room_name": f"{street}代表活动室{i // len(STREETS) + 1}",
				"congress": congress,
				"place": f"{CITY}{street}第{i // len(STREETS) + 1}便民服务中心",
				"opened_on": dt.date(2020, 1 + i % 12, 1 + i % 27),
				"reception_schedule": ("每月第一个星期五上午", "每月15日全天", "每周三下午")[i % 3],
				"reception_phone": f"0561-{3100000 + i}",
				"deputies": [{"deputy": d} for d in dict.fromkeys(attached)],
				"checklist": [
					{
						"item": item,
						"met": 0 if short and item == items[-1 - i % 2] else 1,
						"evidence": "现场检查",
					}
					for item in items
				],
			}
		).insert()
		out.append(doc.name)
	return out


def room_activities(rooms: list[str], deputies: list[str]) -> None:
	kinds = ("学习研讨", "联系群众", "接待选民", "向选民述职")
	for i, room in enumerate(rooms[:ROOMS_MEETING]):
		kind = kinds[i % 4]
		attached = frappe.get_all("Deputy Activity Room Deputy", filters={"parent": room}, pluck="deputy")
		frappe.get_doc(
			{
				"doctype": "Room Activity",
				"room": room,
				"activity_type": kind,
				"activity_date": dt.date(2020 + i % 2, 3 + i % 9, 1 + i % 27),
				"people_reached": 15 + i % 40,
				"deputies": [{"deputy": d} for d in attached],
				"summary": f"{kind}活动",
				"voter_request": "反映小区停车难" if kind == "接待选民" else None,
				"action_taken": "已转交街道协调解决" if kind == "接待选民" else None,
			}
		).insert()


def education(congress: str, deputies: list[str]) -> None:
	"""Twice a year; a few deputies miss each session (the missed-session report lists them)."""
	for year in (2020, 2021):
		for half, month in (("上半年", 4), ("下半年", 10)):
			missing = {deputies[(year + month + k * 13) % len(deputies)] for k in range(3)}
			frappe.get_doc(
				{
					"doctype": "Deputy Education Session",
					"title": f"{year}年{half}代表政治教育",
					"congress": congress,
					"session_date": dt.date(year, month, 16),
					"attendees": [{"deputy": d} for d in deputies if d not in missing],
					"content": "旗帜鲜明讲政治、人大代表忠于党",
				}
			).insert()


def exam(congress: str) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Deputy Theory Exam",
			"congress": congress,
			"year": 2021,
			"exam_date": dt.date(2021, 11, 25),
		}
	).insert()
	wb = Workbook()
	ws = wb.active
	ws.append(["姓名*", "选区(单位)*", "成绩", "缺考"])
	people = frappe.get_all(
		"Congress Deputy",
		filters={"congress": congress},
		fields=["full_name", "village_unit"],
		order_by="creation asc",
	)
	for i, p in enumerate(people):
		absent = i % 31 == 30
		ws.append(
			[
				p.full_name,
				p.village_unit,
				None if absent else 70 + (i * 7) % 30 + (i % 2) * 0.5,
				"是" if absent else "否",
			]
		)
	buf = io.BytesIO()
	wb.save(buf)
	f = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": "2021年代表理论考核成绩.xlsx",
			"attached_to_doctype": "Deputy Theory Exam",
			"attached_to_name": doc.name,
			"is_private": 1,
			"content": buf.getvalue(),
		}
	).insert()
	doc.db_set("score_file", f.file_url)
	result = import_scores(doc.name)
	if not result["ok"]:
		frappe.throw(result["message"])
	return doc.name


def visits(deputies: list[str]) -> None:
	kinds = tuple(PLACES)
	for year in (2020, 2021):
		for i in range(VISITS_PER_YEAR):
			size = 8 if i % 2 else 12
			kind = kinds[i % 4]
			start = (i * 5 + year) % len(deputies)
			people = [deputies[(start + k) % len(deputies)] for k in range(size)]
			frappe.get_doc(
				{
					"doctype": "Deputy Visit",
					"visit_date": dt.date(year, 1 + i % 12, 1 + (i * 3) % 27),
					"place_kind": kind,
					"place": f"{STREETS[i % len(STREETS)]}{PLACES[kind]}",
					"deputies": [{"deputy": d} for d in people],
					"issues": ("用工难", "融资难", "停车难", "加装电梯", "道路破损")[i % 5],
				}
			).insert()


def summary() -> dict:
	from sanyou_app.deputy_liaison.report.deputy_visit_statistics import deputy_visit_statistics

	_, _, _, _, visits_summary = deputy_visit_statistics.execute({})
	return {
		"rooms_meeting_standard": len(
			frappe.get_list(
				"Deputy Activity Room", filters={"meets_standard": 1}, pluck="name", limit_page_length=0
			)
		),
		"visit_person_times": visits_summary[0]["value"],
	}
