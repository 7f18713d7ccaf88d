"""Coverage of the pairing work (覆盖情况) for a year and quarter, as the user may read it."""

import frappe
from frappe.utils import getdate

from sanyou_app.core.liaison import coverage
from sanyou_app.core.periods import quarter_of
from sanyou_app.deputy_liaison import data


def current_year_and_quarter() -> tuple[int, int]:
	today = getdate()
	return today.year, quarter_of(today)


def compute(year: int, quarter: int, branch: str | None = None, group: str | None = None) -> dict:
	today = getdate()
	pairings = data.pairings(year, branch, group)
	names = [p["name"] for p in pairings]
	overdue = [
		s
		for s in data.overdue_suggestions(today)
		if (not branch or s.get("branch") == branch) and (not group or s.get("party_group") == group)
	]
	return coverage(
		groups=data.party_groups(branch, group) if frappe.has_permission("Party Group", "read") else [],
		pairings=pairings,
		activities=data.activities(names),
		reports=data.reports(names),
		suggestions=overdue,
		year=year,
		quarter=quarter,
		today=today,
	)
