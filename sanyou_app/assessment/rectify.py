"""Problems found in 督促检查 and criteria scored low become rectification items (整改清单)."""

import datetime as dt

import frappe
from frappe.utils import getdate

from sanyou_app.common.rectification import create_items
from sanyou_app.core.assessment import BRANCH, GROUP, MEMBER, dec, points

OWNER = {
	BRANCH: ("Party Branch", "party_branch"),
	GROUP: ("Party Group", "party_group"),
	MEMBER: ("Party Member", "member"),
}


def deadline(year: int) -> dt.date:
	"""Rectify by the end of the first half of the next year (or within 90 days, if that is later)."""
	return max(dt.date(int(year) + 1, 6, 30), getdate() + dt.timedelta(days=90))


def problems(sheet) -> list[str]:
	found = []
	if (sheet.inspection_note or "").strip():
		found.append(f"督促检查发现：{sheet.inspection_note.strip()}")
	below = dec(frappe.db.get_value("Assessment Cycle", sheet.cycle, "rectify_below_percent"))
	if sheet.assessee_kind in (BRANCH, GROUP) and below > 0:
		for c in sheet.criteria:
			top = dec(c.max_score)
			if top > 0 and dec(c.final_score) * 100 < top * below:
				basis = f"（{c.basis}）" if c.basis else ""
				found.append(
					f"{c.heading}·{c.criterion}得分{points(c.final_score)}/{points(top)}，"
					f"低于{below.normalize():f}%{basis}"
				)
	return found


def from_sheet(sheet) -> list[str]:
	found = problems(sheet)
	if not found:
		return []
	doctype, field = OWNER[sheet.assessee_kind]
	items = [
		{
			"problem": p,
			"owner_doctype": doctype,
			"owner_name": sheet.get(field),
			"deadline": deadline(sheet.year),
		}
		for p in found
	]
	return create_items(sheet.doctype, sheet.name, "两争考核", items)
