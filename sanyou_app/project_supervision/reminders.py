"""Daily reminder of overdue milestones (时间表节点) to each project's leader and liaison deputies."""

import frappe
from frappe.utils import escape_html, get_url_to_form, getdate

from sanyou_app.core import projects as rules


def remind_overdue_milestones() -> int:
	"""One notification a day per person, listing their projects with overdue milestones; a
	project is reminded at most once a day. Returns the number of notifications sent."""
	today = getdate()
	projects = frappe.get_all(  # the open projects: a few per town and year
		"Livelihood Project",
		filters={"workflow_state": ("in", rules.OPEN_STATUSES)},
		fields=["name", "title", "leader_user", "last_reminded_on", "workflow_state as status"],
	)
	if not projects:
		return 0
	names = [p.name for p in projects]
	milestones, liaisons = {}, {}
	for m in frappe.get_all(
		"Project Milestone",
		filters={"parent": ("in", names), "parenttype": "Livelihood Project", "planned_date": ("<", today)},
		fields=["parent", "milestone", "planned_date", "actual_date", "percent"],
		order_by="idx asc",
	):
		milestones.setdefault(m.parent, []).append(m)
	for r in frappe.get_all(
		"Project Liaison Deputy",
		filters={"parent": ("in", names), "user": ("is", "set")},
		fields=["parent", "user"],
	):
		liaisons.setdefault(r.parent, []).append(r.user)
	for p in projects:
		p.milestones, p.liaison_users = milestones.get(p.name, []), liaisons.get(p.name, [])
	by_name = {p.name: p for p in projects}
	sent = 0
	reminded = set()
	for reminder in rules.reminders(projects, today):
		lines = "".join(_line(by_name[name], today) for name in reminder.projects)
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": reminder.recipient,
				"type": "Alert",
				"subject": reminder.subject(),
				"email_content": f"<p>以下民生实事项目有时间节点已超过计划完成日期，请督促推进：</p><ul>{lines}</ul>",
				"document_type": "Livelihood Project",
				"document_name": reminder.projects[0],
			}
		).insert(ignore_permissions=True)
		reminded.update(reminder.projects)
		sent += 1
	for name in reminded:
		frappe.db.set_value("Livelihood Project", name, "last_reminded_on", today, update_modified=False)
	frappe.db.commit()  # nosemgrep: scheduled job
	return sent


def _line(project, today) -> str:
	late = [m for m in project.milestones if rules.is_overdue(m, today)]
	detail = "；".join(
		f"{escape_html(m.milestone)}（计划{m.planned_date}，已逾期{rules.days_overdue(m, today)}天）"
		for m in late
	)
	return f'<li><a href="{get_url_to_form("Livelihood Project", project.name)}">{escape_html(project.title)}</a>：{detail}</li>'
