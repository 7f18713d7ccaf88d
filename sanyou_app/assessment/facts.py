"""数据汇总: the facts each computed rule needs, gathered from the Party Building records of a
year for many assessees at once (one query per kind of record, not one per sheet), and the list
views that show the records counted (drill-down).

Runs as the system: aggregation is the 机关党委's step, and its results stay at the scores'
permission level.
"""

import json
from collections import defaultdict
from urllib.parse import urlencode

import frappe

from sanyou_app.core.assessment import (
	APPRAISAL,
	ATTENDANCE,
	BRANCH,
	DUES,
	GROUP,
	MEETINGS,
	MEMBER,
	SERVICE,
	STUDY,
	TASKS,
	TEST_AVERAGE,
	year_span,
)
from sanyou_app.core.meetings import GROUP_MEETING, PRESENT
from sanyou_app.core.periods import month_end, quarter_of


def key_of(sheet) -> tuple[str, str]:
	kind = sheet.get("assessee_kind")
	return kind, sheet.get("member") if kind == MEMBER else sheet.get(
		"party_group"
	) if kind == GROUP else sheet.get("party_branch")


class Facts(dict):
	"""{(kind, name): {rule: facts}} for one year."""

	year: int


def gather(year: int, sheets) -> Facts:
	start, end = year_span(year)
	out = Facts()
	out.year = year
	keys = {key_of(s) for s in sheets}
	for k in keys:
		out[k] = defaultdict(dict)
	members = frappe.get_all(
		"Party Member",
		filters={"status": "在册"},
		fields=["name", "party_branch", "party_group"],
	)
	unit_of = {m.name: (m.party_branch, m.party_group) for m in members}

	def units(member):
		"""The assessees a member's record counts for: themself, their group, their branch."""
		branch, group = unit_of.get(member, (None, None))
		return [(MEMBER, member), (GROUP, group), (BRANCH, branch)]

	def add(key, rule, field, value=1):
		if key in out:
			out[key][rule][field] = out[key][rule].get(field, 0) + value

	# 三会一课 and attendance of units
	for m in frappe.get_all(
		"Party Meeting",
		filters={"meeting_date": ("between", (start, end))},
		fields=[
			"party_branch",
			"party_group",
			"meeting_type",
			"meeting_date",
			"expected_count",
			"present_count",
		],
	):
		quarter = quarter_of(m.meeting_date)
		targets = [(GROUP, m.party_group)] if m.meeting_type == GROUP_MEETING else [(BRANCH, m.party_branch)]
		for key in targets:
			if key in out:
				held = out[key][MEETINGS].setdefault("held", {})
				held[(m.meeting_type, quarter)] = held.get((m.meeting_type, quarter), 0) + 1
		for key in {(BRANCH, m.party_branch), (GROUP, m.party_group)}:
			add(key, ATTENDANCE, "expected", int(m.expected_count or 0))
			add(key, ATTENDANCE, "present", int(m.present_count or 0))
	# members' own attendance
	meeting = frappe.qb.DocType("Party Meeting")
	row = frappe.qb.DocType("Party Meeting Attendance")
	for member, attendance in (
		frappe.qb.from_(row)
		.join(meeting)
		.on(row.parent == meeting.name)
		.select(row.member, row.attendance)
		.where((row.parenttype == "Party Meeting") & meeting.meeting_date[start:end])
		.run()
	):
		add((MEMBER, member), ATTENDANCE, "expected")
		add((MEMBER, member), ATTENDANCE, "present", int((attendance or PRESENT) == PRESENT))

	# 季考
	tests = frappe.get_all("Quarterly Test", filters={"year": year}, fields=["name", "full_marks"])
	full = {t.name: t.full_marks or 100 for t in tests}
	if tests:
		for s in frappe.get_all(
			"Quarterly Test Score",
			filters={"test": ("in", list(full)), "absent": 0},
			fields=["member", "score", "test"],
		):
			share = (s.score or 0) * 100 / full[s.test]  # on a 100-point scale
			for key in units(s.member):
				if key in out:
					out[key][TEST_AVERAGE].setdefault("scores", []).append(share)

	# dues paid on time (by the end of their month)
	today = frappe.utils.getdate()
	for d in frappe.get_all(
		"Party Dues", filters={"year": year}, fields=["member", "month", "status", "paid_on"]
	):
		due_by = month_end(year, int(d.month))
		if due_by >= today and d.status != "已缴":
			continue  # not yet due
		on_time = int(d.status == "已缴" and bool(d.paid_on) and d.paid_on <= due_by)
		for key in units(d.member):
			add(key, DUES, "due")
			add(key, DUES, "on_time", on_time)

	# tasks done by their deadline (branch tasks count for the branch; a member's for them and their group)
	for t in frappe.get_all(
		"Party Task",
		filters={"year": year},
		fields=["responsible", "party_branch", "deadline", "status", "completed_on"],
	):
		if t.deadline >= today and t.status != "已完成":
			continue  # not yet due
		on_time = int(t.status == "已完成" and bool(t.completed_on) and t.completed_on <= t.deadline)
		_, group = unit_of.get(t.responsible, (None, None))
		for key in ((MEMBER, t.responsible), (GROUP, group), (BRANCH, t.party_branch)):
			add(key, TASKS, "due")
			add(key, TASKS, "on_time", on_time)

	# study sessions: a branch's own sessions; a member's attendance; a group's members' attendance
	for s in frappe.get_all(
		"Study Session", filters={"session_date": ("between", (start, end))}, fields=["name", "party_branch"]
	):
		if s.party_branch:
			add((BRANCH, s.party_branch), STUDY, "sessions")
	session = frappe.qb.DocType("Study Session")
	attendee = frappe.qb.DocType("Study Session Attendee")
	group_sessions = defaultdict(set)
	for parent, member in (
		frappe.qb.from_(attendee)
		.join(session)
		.on(attendee.parent == session.name)
		.select(attendee.parent, attendee.member)
		.where((attendee.parenttype == "Study Session") & session.session_date[start:end])
		.run()
	):
		add((MEMBER, member), STUDY, "sessions")
		group_sessions[unit_of.get(member, (None, None))[1]].add(parent)
	for group, parents in group_sessions.items():
		add((GROUP, group), STUDY, "sessions", len(parents))

	# 民主评议 grade of the year
	for parent, grade in frappe.get_all(
		"Party Member Appraisal",
		filters={"year": year, "parenttype": "Party Member"},
		fields=["parent", "grade"],
		as_list=True,
	):
		if (MEMBER, parent) in out:
			out[(MEMBER, parent)][APPRAISAL]["grade"] = grade

	# 双报到: a member's hours; a unit's members and how many of them served
	served = defaultdict(float)
	for s in frappe.get_all(
		"Community Service Log",
		filters={"service_date": ("between", (start, end))},
		fields=["member", "hours"],
	):
		served[s.member] += float(s.hours or 0)
	for member, (branch, group) in unit_of.items():
		add((MEMBER, member), SERVICE, "hours", served.get(member, 0))
		for key in ((GROUP, group), (BRANCH, branch)):
			add(key, SERVICE, "members")
			add(key, SERVICE, "serving", int(served.get(member, 0) > 0))
	return out


def source_link(rule: str, kind: str, name: str, year: int) -> str:
	"""The list of records a computed criterion counted, as a desk URL with filters."""
	start, end = (str(d) for d in year_span(year))

	def between(field):
		return {field: json.dumps(["Between", [start, end]])}

	scope = {BRANCH: "party_branch", GROUP: "party_group", MEMBER: "member"}[kind]
	if rule in (MEETINGS, ATTENDANCE):
		doctype = "party-meeting"
		filters = {**between("meeting_date")}
		if kind == GROUP and rule == MEETINGS:
			filters["meeting_type"] = GROUP_MEETING
		if kind != MEMBER:
			filters[scope] = name
	elif rule == TEST_AVERAGE:
		doctype, filters = "quarterly-test-score", {scope: name}
	elif rule == DUES:
		doctype, filters = "party-dues", {"year": year, scope: name}
	elif rule == TASKS:
		doctype = "party-task"
		filters = {
			"year": year,
			**({"responsible": name} if kind == MEMBER else {"party_branch": name} if kind == BRANCH else {}),
		}
	elif rule == STUDY:
		doctype = "study-session"
		filters = {**between("session_date"), **({"party_branch": name} if kind == BRANCH else {})}
	elif rule == APPRAISAL:
		return f"/app/party-member/{name}"
	else:
		doctype, filters = "community-service-log", {**between("service_date"), scope: name}
	return f"/app/{doctype}?{urlencode(filters)}"
