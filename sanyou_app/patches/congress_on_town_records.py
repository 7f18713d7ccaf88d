"""Sites from before a town's records carried their congress: fill it in from the record's cycle
(proposals, projects, evaluation groups, pre-evaluations, hearings, inspections), project
(supervision logs) or source (rectification items raised by a survey or an inspection), so a
User Permission on a congress holds for every one of them; and town deputies who log in are
confined to their congress, as a deputy given a login from now on is (livelihood_projects/towns.py)."""

import frappe

from sanyou_app.livelihood_projects.towns import scope_deputy

FROM_CYCLE = (
	"Livelihood Proposal",
	"Livelihood Project",
	"Evaluation Group",
	"Pre-evaluation",
	"Progress Hearing",
	"Project Inspection",
)


def execute():
	for doctype in FROM_CYCLE:
		frappe.db.sql(
			f"""update `tab{doctype}` r join `tabLivelihood Cycle` c on c.name = r.cycle
			set r.congress = c.congress where ifnull(r.congress, '') = ''"""
		)
	frappe.db.sql(
		"""update `tabSupervision Log` r join `tabLivelihood Project` p on p.name = r.project
		set r.congress = p.congress where ifnull(r.congress, '') = ''"""
	)
	for source in ("Secret Vote", "Project Inspection"):
		frappe.db.sql(
			f"""update `tabRectification Item` r join `tab{source}` s on s.name = r.source_name
			set r.congress = s.congress
			where r.source_doctype = %s and ifnull(r.congress, '') = ''""",
			source,
		)
	for deputy in frappe.get_all(
		"Congress Deputy", filters={"user": ("is", "set")}, fields=["name", "congress", "user", "active"]
	):
		scope_deputy(deputy)
