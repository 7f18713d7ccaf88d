"""What the assessment's print formats read (jinja methods)."""

import frappe

from sanyou_app.core.assessment import PUBLISHED, TITLES, headings_for

SHEET = "Assessment Score Sheet"


def sees_scores(doc=None) -> bool:
	"""Whether the user reads scores as they stand (level 1): the 机关党委 and the assessors."""
	return 1 in frappe.get_meta(SHEET).get_permlevel_access("read")


def sheet_headings(kind: str) -> list[str]:
	return list(headings_for(kind))


def published_titles(cycle: str) -> list[dict]:
	"""The published titles of a cycle, by title: [{title, names: [...]}] (public once published)."""
	if frappe.db.get_value("Assessment Cycle", cycle, "status") != "已发布":
		return []
	rows = frappe.get_all(
		SHEET,
		filters={"cycle": cycle, "status": PUBLISHED, "published_title": ("is", "set")},
		fields=["assessee_name", "party_branch", "assessee_kind", "published_title", "published_rank"],
		order_by="published_rank asc, assessee_name asc",
	)
	return [
		{
			"title": title,
			"names": [
				r.assessee_name if r.assessee_kind != "党员" else f"{r.assessee_name}（{r.party_branch}）"
				for r in rows
				if r.published_title == title
			],
		}
		for title in TITLES.values()
	]
