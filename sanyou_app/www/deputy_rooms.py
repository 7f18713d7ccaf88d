"""代表信息公开: the public page of deputy activity rooms, their deputies and when they receive voters.

Open to everyone without login. It shows only what a room publishes: its name, place, congress,
whether it meets the "六有" standard, the reception schedule and the room's own telephone, and the
names and constituencies of the deputies attached. Never a deputy's own telephone, login or any
other record.
"""

import frappe

no_cache = 1


def get_context(context):
	context.title = "代表信息公开"
	context.congress = frappe.form_dict.get("congress") or ""
	context.q = (frappe.form_dict.get("q") or "").strip()[:40]
	every = published_rooms()
	context.total = len(every)
	context.congresses = sorted({r["congress"] for r in every})
	context.rooms = [
		r
		for r in every
		if (not context.congress or r["congress"] == context.congress) and matches(r, context.q)
	]
	return context


def matches(room: dict, q: str) -> bool:
	"""A room found by any word of its name, place, schedule or its deputies' names and units."""
	if not q:
		return True
	text = " ".join(
		[room["room_name"] or "", room["place"] or "", room["congress"] or "", room["reception_schedule"]]
		+ [f"{d['full_name']} {d['village_unit'] or ''}" for d in room["deputies"]]
	)
	return all(word in text for word in q.split())


def published_rooms(congress: str | None = None) -> list[dict]:
	filters = {"published": 1}
	if congress:
		filters["congress"] = congress
	rooms = frappe.get_all(
		"Deputy Activity Room",
		filters=filters,
		fields=[
			"name",
			"room_name",
			"place",
			"congress",
			"meets_standard",
			"reception_schedule",
			"reception_phone",
		],
		order_by="congress asc, creation asc",
	)
	deputies: dict[str, list[dict]] = {}
	rows = frappe.get_all(
		"Deputy Activity Room Deputy",
		filters={"parenttype": "Deputy Activity Room", "parent": ("in", [r.name for r in rooms] or [""])},
		fields=["parent", "deputy"],
		order_by="idx asc",
	)
	people = {
		d.name: d
		for d in frappe.get_all(
			"Congress Deputy",
			filters={"name": ("in", [r.deputy for r in rows] or [""]), "active": 1},
			fields=["name", "full_name", "village_unit"],
		)
	}
	for row in rows:
		if row.deputy in people:
			p = people[row.deputy]
			deputies.setdefault(row.parent, []).append(
				{"full_name": p.full_name, "village_unit": p.village_unit}
			)
	return [
		{
			"room_name": r.room_name,
			"place": r.place,
			"congress": r.congress,
			"meets_standard": bool(r.meets_standard),
			"reception_schedule": r.reception_schedule or "",
			"reception_phone": r.reception_phone or "",
			"deputies": deputies.get(r.name, []),
		}
		for r in rooms
	]
