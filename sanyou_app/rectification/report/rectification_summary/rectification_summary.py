"""整改清单统计: rectification items counted by owner and source (open, overdue, closed).
Reads through frappe.get_list, so each user counts only the items they may read."""

import frappe
from frappe.utils import getdate

from sanyou_app.common.reports import readable_links
from sanyou_app.core.rectification import summary
from sanyou_app.rectification.owners import owner_names


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	data = get_data(filters)
	chart = {
		"data": {
			"labels": [r["owner"] for r in data],
			"datasets": [
				{"name": "逾期", "values": [r["overdue"] for r in data]},
				{"name": "未销号", "values": [r["open"] for r in data]},
				{"name": "已销号", "values": [r["closed"] for r in data]},
			],
		},
		"type": "bar",
	}
	overdue = sum(r["overdue"] for r in data)
	report_summary = [
		{"label": "未销号", "value": sum(r["open"] for r in data), "datatype": "Int"},
		{"label": "逾期", "value": overdue, "datatype": "Int", "indicator": "Red" if overdue else "Green"},
		{"label": "已销号", "value": sum(r["closed"] for r in data), "datatype": "Int"},
	]
	return get_columns(), data, None, chart if data else None, report_summary


def get_columns():
	return [
		{
			"fieldname": "owner_doctype",
			"label": "责任单位类型",
			"fieldtype": "Data",  # the kind's Chinese name (党支部, 党员…), for readers of any role
			"width": 110,
		},
		{"fieldname": "owner", "label": "责任单位（责任人）", "fieldtype": "Data", "width": 200},
		{"fieldname": "source_kind", "label": "问题来源", "fieldtype": "Data", "width": 100},
		{"fieldname": "total", "label": "整改事项", "fieldtype": "Int", "width": 90},
		{"fieldname": "open", "label": "未销号", "fieldtype": "Int", "width": 80},
		{"fieldname": "overdue", "label": "其中逾期", "fieldtype": "Int", "width": 80},
		{"fieldname": "closed", "label": "已销号", "fieldtype": "Int", "width": 80},
	]


def get_data(filters) -> list[dict]:
	conditions = {k: filters[k] for k in ("source_kind", "party_branch", "owner_doctype") if filters.get(k)}
	items = frappe.get_list(
		"Rectification Item",
		filters=conditions,
		fields=[
			"owner_doctype",
			"owner_name",
			"owner_user",
			"owner_user_full_name",
			"source_kind",
			"status",
			"deadline",
		],
		limit_page_length=0,
	)
	kinds = {(i.owner_name or i.owner_user or ""): i.owner_doctype for i in items}
	names = owner_names(items)
	return [
		{
			"owner_doctype": frappe._(kinds[r.owner], lang="zh") if kinds.get(r.owner) else None,
			"owner": names.get(r.owner) or r.owner,
			"source_kind": r.source_kind,
			"total": r.total,
			"open": r.open,
			"overdue": r.overdue,
			"closed": r.closed,
		}
		for r in summary(items, getdate())
	]
