"""Daily reminder of overdue party-building tasks (党建任务清单) to the people responsible."""

import frappe
from frappe.utils import get_url_to_form, getdate

from sanyou_app.core.tasks import DONE, reminders


def remind_overdue_tasks() -> int:
	"""Send each owner one notification listing their overdue tasks; a task whose owner has no
	login goes to the branch secretary. Returns the number of notifications sent."""
	today = getdate()
	tasks = frappe.get_all(
		"Party Task",
		filters={"status": ("!=", DONE), "deadline": ("<", today)},
		fields=["name", "task", "responsible", "party_branch", "deadline", "status", "last_reminded_on"],
	)
	if not tasks:
		return 0
	owners = {t.responsible for t in tasks}
	secretaries = dict(
		frappe.get_all(
			"Party Branch",
			filters={"name": ("in", list({t.party_branch for t in tasks}))},
			fields=["name", "secretary"],
			as_list=True,
		)
	)
	users = dict(
		frappe.get_all(
			"Party Member",
			filters={"name": ("in", list(owners | {s for s in secretaries.values() if s}))},
			fields=["name", "user"],
			as_list=True,
		)
	)
	recipients = {m: users.get(m) for m in owners}
	fallback = {b: users.get(s) for b, s in secretaries.items() if s}
	by_name = {t.name: t for t in tasks}
	sent = 0
	for reminder in reminders(tasks, recipients=recipients, fallback=fallback, today=today):
		lines = "".join(
			f'<li><a href="{get_url_to_form("Party Task", name)}">{frappe.utils.escape_html(by_name[name].task)}</a>'
			f"（{by_name[name].party_branch}，完成时限{by_name[name].deadline}，已逾期"
			f"{(today - getdate(by_name[name].deadline)).days}天）</li>"
			for name in reminder.tasks
		)
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": reminder.recipient,
				"type": "Alert",
				"subject": reminder.subject(),
				"email_content": f"<p>以下党建任务已超过完成时限，请尽快办理并上传佐证材料：</p><ul>{lines}</ul>",
				"document_type": "Party Task",
				"document_name": reminder.tasks[0],
			}
		).insert(ignore_permissions=True)
		for name in reminder.tasks:
			frappe.db.set_value("Party Task", name, "last_reminded_on", today, update_modified=False)
		sent += 1
	frappe.db.commit()  # nosemgrep: scheduled job
	return sent
