"""Daily: mark overdue rectification items, and remind each owner once a day of theirs."""

import frappe
from frappe.utils import escape_html, get_url_to_form, getdate

from sanyou_app.core.rectification import CLOSED, days_overdue, reminders


def mark_overdue(today=None) -> None:
	"""The overdue flag as of today (for list filters and the number card)."""
	today = getdate(today)
	table = frappe.qb.DocType("Rectification Item")
	late = (table.deadline < today) & (table.status != CLOSED)
	frappe.qb.update(table).set(table.is_overdue, 1).where(late & (table.is_overdue == 0)).run()
	frappe.qb.update(table).set(table.is_overdue, 0).where(~late & (table.is_overdue == 1)).run()


def remind_overdue_items(today=None) -> int:
	"""One notification per owner listing their overdue items; returns how many were sent."""
	today = getdate(today)
	mark_overdue(today)
	items = frappe.get_all(
		"Rectification Item",
		filters={"status": ("!=", CLOSED), "deadline": ("<", today)},
		fields=["name", "title", "owner_user", "owner_name", "deadline", "status", "last_reminded_on"],
	)
	by_name = {i.name: i for i in items}
	sent = 0
	for reminder in reminders(items, today):
		lines = "".join(
			f'<li><a href="{get_url_to_form("Rectification Item", name)}">{escape_html(by_name[name].title or name)}</a>'
			f"（{escape_html(by_name[name].owner_name or '')}，整改时限{by_name[name].deadline}，"
			f"已逾期{days_overdue(by_name[name], today)}天，{by_name[name].status}）</li>"
			for name in reminder.items
		)
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": reminder.recipient,
				"type": "Alert",
				"subject": reminder.subject(),
				"email_content": f"<p>以下整改事项已超过整改时限，请尽快整改并上传佐证材料：</p><ul>{lines}</ul>",
				"document_type": "Rectification Item",
				"document_name": reminder.items[0],
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"Rectification Item",
			{"name": ("in", list(reminder.items))},
			"last_reminded_on",
			today,
			update_modified=False,
		)
		sent += 1
	return sent


def daily() -> None:
	remind_overdue_items()
	frappe.db.commit()  # nosemgrep: scheduled job
