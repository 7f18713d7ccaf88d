"""A deputy's year counted from the records (代表履职档案): room activities, voters received, visits,
joint activities with the party groups, suggestions and their outcome, education attended, exam.

Parents are read through frappe.get_list (the user's permissions); their deputy rows then by parent.
"""

import frappe

# kind: (parent doctype, child doctype, date field, extra parent filters, label)
SOURCES = {
	"room_activities": ("Room Activity", "Room Activity Deputy", "activity_date", {}, "活动室活动"),
	"voters_received": (
		"Room Activity",
		"Room Activity Deputy",
		"activity_date",
		{"activity_type": "接待选民"},
		"接待选民",
	),
	"visits": ("Deputy Visit", "Deputy Visit Deputy", "visit_date", {}, "代表走访"),
	"joint_activities": ("Joint Activity", "Joint Activity Deputy", "activity_date", {}, "结对联合活动"),
	"suggestions": ("Deputy Suggestion", "Deputy Suggestion Deputy", "submitted_on", {}, "议案建议"),
	"suggestions_satisfied": (
		"Deputy Suggestion",
		"Deputy Suggestion Deputy",
		"submitted_on",
		{"workflow_state": "代表满意"},
		"办复满意",
	),
	"education_attended": (
		"Deputy Education Session",
		"Deputy Education Attendee",
		"session_date",
		{},
		"政治教育",
	),
}
CONGRESS_SCOPED = {"Room Activity", "Deputy Education Session"}


def _parents(kind: str, year: int, congress: str | None) -> list[dict]:
	parent, _child, date_field, extra, _label = SOURCES[kind]
	filters = {"year": year, **extra}
	if congress and parent in CONGRESS_SCOPED:
		filters["congress"] = congress
	return frappe.get_list(
		parent, filters=filters, fields=["name", f"{date_field} as day"], limit_page_length=0
	)


def counts(year: int, congress: str | None, deputies: list[str]) -> dict[str, dict[str, int]]:
	out: dict[str, dict[str, int]] = {}
	for kind, (parent, child, *_rest) in SOURCES.items():
		names = [p.name for p in _parents(kind, year, congress)]
		out[kind] = {}
		if not names or not deputies:
			continue
		for deputy, n in frappe.get_all(
			child,
			filters={"parenttype": parent, "parent": ("in", names), "deputy": ("in", deputies)},
			fields=["deputy", "count(distinct parent) as n"],
			group_by="deputy",
			as_list=True,
		):
			out[kind][deputy] = n
	held = len(
		frappe.get_list(
			"Deputy Education Session", filters={"year": year, "congress": congress}, pluck="name"
		)
	)
	out["education_held"] = dict.fromkeys(deputies, held)
	return out


def exam_scores(year: int, congress: str | None) -> dict:
	exams = frappe.get_list("Deputy Theory Exam", filters={"year": year, "congress": congress}, pluck="name")
	rows = frappe.get_all(
		"Deputy Exam Score",
		filters={"parenttype": "Deputy Theory Exam", "parent": ("in", exams or [""])},
		fields=["deputy", "score", "absent"],
	)
	return {r.deputy: (None if r.absent else r.score) for r in rows}


def records_of(deputy: str, year: int, congress: str | None) -> list[dict]:
	"""Every record counted for the deputy in the year: the drill-down of the performance record."""
	out = []
	for kind, (parent, child, _date, _extra, label) in SOURCES.items():
		if kind in ("voters_received", "suggestions_satisfied"):
			continue  # the same records as room_activities / suggestions
		parents = {p.name: p.day for p in _parents(kind, year, congress)}
		if not parents:
			continue
		mine = frappe.get_all(
			child,
			filters={"parenttype": parent, "parent": ("in", list(parents)), "deputy": deputy},
			pluck="parent",
			distinct=True,
		)
		for name in mine:
			out.append({"kind": label, "record_type": parent, "record": name, "day": parents[name]})
	out.sort(key=lambda r: (r["day"] or "", r["kind"]))
	return out
