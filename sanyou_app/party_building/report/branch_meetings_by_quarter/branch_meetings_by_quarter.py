"""三会一课落实情况: per branch and quarter, the meetings held against those required, and the
attendance. Reads through frappe.get_list, so each user sees only the branches (or the group)
their User Permissions allow."""

import datetime as dt

import frappe
from frappe.utils import cint, getdate

from sanyou_app.common.reports import readable_links
from sanyou_app.core.meetings import MEETING_TYPES, quarterly_lines
from sanyou_app.party_building.api import latest_year_of

TYPE_FIELDS = {kind: f"t{i}" for i, kind in enumerate(MEETING_TYPES)}


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or latest_year_of("Party Meeting")
	quarters = (cint(filters.quarter),) if cint(filters.quarter) in (1, 2, 3, 4) else (1, 2, 3, 4)
	branch_filters = {"is_group": 0}
	meeting_filters = {"meeting_date": ("between", [dt.date(year, 1, 1), dt.date(year, 12, 31)])}
	if filters.party_branch:
		branch_filters["name"] = filters.party_branch
		meeting_filters["party_branch"] = filters.party_branch
	branches = frappe.get_list("Party Branch", filters=branch_filters, pluck="name", limit_page_length=0)
	groups = frappe.get_list(
		"Party Group",
		filters={"party_branch": ("in", branches or [""])},
		fields=["party_branch", "count(name) as n"],
		group_by="party_branch",
		limit_page_length=0,
	)
	group_counts = {b: 0 for b in branches}
	group_counts.update({g.party_branch: g.n for g in groups if g.party_branch in group_counts})
	meetings = frappe.get_list(
		"Party Meeting",
		filters=meeting_filters,
		fields=["party_branch", "meeting_type", "meeting_date", "expected_count", "present_count"],
		limit_page_length=0,
	)
	lines = quarterly_lines(group_counts, meetings, year=year, today=getdate(), quarters=quarters)
	columns = [
		{
			"fieldname": "party_branch",
			"label": "党支部",
			"fieldtype": "Link",
			"options": "Party Branch",
			"width": 180,
		},
		{"fieldname": "quarter", "label": "季度", "fieldtype": "Data", "width": 80},
		*[
			{"fieldname": field, "label": kind, "fieldtype": "Int", "width": 100}
			for kind, field in TYPE_FIELDS.items()
		],
		{"fieldname": "expected", "label": "应到人次", "fieldtype": "Int", "width": 90},
		{"fieldname": "present", "label": "实到人次", "fieldtype": "Int", "width": 90},
		{"fieldname": "rate", "label": "出席率(%)", "fieldtype": "Float", "precision": 1, "width": 90},
		{"fieldname": "status", "label": "落实情况", "fieldtype": "Data", "width": 90},
		{"fieldname": "shortfalls", "label": "未达标项目(已开/应开)", "fieldtype": "Data", "width": 260},
	]
	data = [
		{
			"party_branch": line.branch,
			"quarter": f"第{line.quarter}季度",
			**{field: line.held.get(kind, 0) for kind, field in TYPE_FIELDS.items()},
			"expected": line.expected,
			"present": line.present,
			"rate": float(line.rate) if line.rate is not None else None,
			"status": line.status,
			"shortfalls": "；".join(line.shortfalls),
		}
		for line in lines
	]
	met = sum(1 for line in lines if line.status == "已达标")
	closed = sum(1 for line in lines if line.status in ("已达标", "未达标"))
	summary = [
		{"label": "已结束的支部季度", "value": closed, "datatype": "Int"},
		{"label": "其中已达标", "value": met, "datatype": "Int", "indicator": "Green"},
		{"label": "其中未达标", "value": closed - met, "datatype": "Int", "indicator": "Red"},
	]
	return columns, data, None, None, summary
