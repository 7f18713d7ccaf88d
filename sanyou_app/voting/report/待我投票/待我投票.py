"""待我投票: the votes now open in which the user is on the roll and has not cast yet."""

import frappe

from sanyou_app.voting.desk import votes_awaiting


def execute(filters=None):
	columns = [
		{"fieldname": "title", "label": "表决", "fieldtype": "Data", "width": 260},
		{"fieldname": "vote_type", "label": "类型", "fieldtype": "Data", "width": 110},
		{"fieldname": "mode", "label": "方式", "fieldtype": "Data", "width": 100},
		{"fieldname": "opened_at", "label": "开始投票时间", "fieldtype": "Datetime", "width": 160},
		{"fieldname": "name", "label": "去投票", "fieldtype": "Link", "options": "Secret Vote", "width": 200},
	]
	return columns, votes_awaiting(frappe.session.user)
