"""党费未缴名单: members with unpaid monthly dues, through a given month. Reads through
frappe.get_list, so each user sees only what their User Permissions allow."""

import frappe
from frappe.utils import cint

from sanyou_app.common.reports import readable_links
from sanyou_app.core.dues import unpaid
from sanyou_app.party_building.api import latest_year_of


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or latest_year_of("Party Dues")
	conditions = {"year": year, "status": "未缴"}
	through = None
	if cint(filters.month) in range(1, 13):
		through = (year, cint(filters.month))
		conditions["month"] = ("<=", cint(filters.month))
	for field in ("party_branch", "party_group"):
		if filters.get(field):
			conditions[field] = filters.get(field)
	rows = frappe.get_list(
		"Party Dues",
		filters=conditions,
		fields=["member", "full_name", "party_branch", "party_group", "year", "month", "amount", "status"],
		order_by="party_branch asc, month asc",
		limit_page_length=0,
	)
	lines = unpaid(rows, through=through)
	columns = [
		{
			"fieldname": "party_branch",
			"label": "党支部",
			"fieldtype": "Link",
			"options": "Party Branch",
			"width": 170,
		},
		{
			"fieldname": "party_group",
			"label": "党小组",
			"fieldtype": "Link",
			"options": "Party Group",
			"width": 160,
		},
		{
			"fieldname": "member",
			"label": "党员",
			"fieldtype": "Link",
			"options": "Party Member",
			"width": 110,
		},
		{"fieldname": "full_name", "label": "姓名", "fieldtype": "Data", "width": 90},
		{"fieldname": "months", "label": "未缴月份", "fieldtype": "Data", "width": 240},
		{"fieldname": "count", "label": "未缴月数", "fieldtype": "Int", "width": 80},
		{"fieldname": "owed", "label": "未缴金额(元)", "fieldtype": "Currency", "width": 110},
	]
	data = [
		{
			"party_branch": u.branch,
			"party_group": u.group,
			"member": u.member,
			"full_name": u.full_name,
			"months": u.months_text,
			"count": len(u.months),
			"owed": float(u.owed),
		}
		for u in lines
	]
	summary = [
		{
			"label": "未缴党员",
			"value": len(lines),
			"datatype": "Int",
			"indicator": "Red" if lines else "Green",
		},
		{"label": "未缴笔数", "value": sum(len(u.months) for u in lines), "datatype": "Int"},
		{"label": "未缴金额(元)", "value": float(sum(u.owed for u in lines)), "datatype": "Currency"},
	]
	return columns, data, None, None, summary
