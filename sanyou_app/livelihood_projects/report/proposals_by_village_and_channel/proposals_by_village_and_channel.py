"""Proposals of a cycle counted by village and by channel (项目征集分布)."""

import frappe

from sanyou_app.common.reports import readable_links
from sanyou_app.core.proposal import CHANNELS
from sanyou_app.core.report import village_channel_table


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	conditions = {"cycle": filters.cycle} if filters.cycle else {}
	# get_list applies the user's permissions (a script report must apply them itself).
	counts = frappe.get_list(
		"Livelihood Proposal",
		filters=conditions,
		fields=["village", "channel", "count(name) as n"],
		group_by="village, channel",
		order_by="village asc",
		limit_page_length=0,
	)
	table = village_channel_table(counts, CHANNELS)
	columns = [
		{"fieldname": "village", "label": "村(社区)", "fieldtype": "Data", "width": 160},
		{"fieldname": "total", "label": "合计", "fieldtype": "Int", "width": 80},
	] + [
		{"fieldname": f"c{i}", "label": ch, "fieldtype": "Int", "width": 90}
		for i, ch in enumerate(table.channels)
	]
	data = [
		{"village": row.village, "total": row.total, **{f"c{i}": n for i, n in enumerate(row.by_channel)}}
		for row in table.rows
	]
	chart = {
		"data": {
			"labels": list(table.channels),
			"datasets": [{"name": "征集项目数", "values": list(table.channel_totals)}],
		},
		"type": "bar",
	}
	return columns, data, None, chart
