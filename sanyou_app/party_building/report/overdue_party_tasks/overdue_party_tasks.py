"""逾期党建任务: checklist items past their deadline and not done. Reads through frappe.get_list,
so each user sees only what their User Permissions allow."""

import frappe
from frappe.utils import cint, getdate

from sanyou_app.common.reports import readable_links
from sanyou_app.core.tasks import DONE, days_overdue


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	today = getdate()
	conditions = {"status": ("!=", DONE), "deadline": ("<", today)}
	if filters.party_branch:
		conditions["party_branch"] = filters.party_branch
	if cint(filters.year):
		conditions["year"] = cint(filters.year)
	rows = frappe.get_list(
		"Party Task",
		filters=conditions,
		fields=[
			"name",
			"task",
			"category",
			"party_branch",
			"responsible",
			"responsible_name",
			"deadline",
			"status",
		],
		order_by="deadline asc",
		limit_page_length=0,
	)
	columns = [
		{
			"fieldname": "party_branch",
			"label": "党支部",
			"fieldtype": "Link",
			"options": "Party Branch",
			"width": 170,
		},
		{"fieldname": "name", "label": "任务", "fieldtype": "Link", "options": "Party Task", "width": 110},
		{"fieldname": "task", "label": "任务内容", "fieldtype": "Data", "width": 260},
		{"fieldname": "category", "label": "类别", "fieldtype": "Data", "width": 80},
		{"fieldname": "responsible_name", "label": "责任人", "fieldtype": "Data", "width": 90},
		{"fieldname": "deadline", "label": "完成时限", "fieldtype": "Date", "width": 100},
		{"fieldname": "days", "label": "逾期天数", "fieldtype": "Int", "width": 80},
		{"fieldname": "status", "label": "状态", "fieldtype": "Data", "width": 80},
	]
	data = [{**r, "days": days_overdue(r, today)} for r in rows]
	data.sort(key=lambda r: (-r["days"], r["party_branch"] or ""))
	summary = [
		{"label": "逾期任务", "value": len(data), "datatype": "Int", "indicator": "Red" if data else "Green"}
	]
	return columns, data, None, None, summary
