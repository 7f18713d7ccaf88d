"""季考成绩统计: each quarterly test's scores by branch, with a line for the whole organ (of what
the user may see: the whole organ for the officer). Reads through frappe.get_list, so User Permissions apply."""

import frappe
from frappe.utils import cint

from sanyou_app.common.reports import readable_links
from sanyou_app.core.education import ALL_BRANCHES, score_lines
from sanyou_app.party_building.api import latest_year_of


def _num(value):
	return float(value) if value is not None else None


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	year = cint(filters.year) or latest_year_of("Quarterly Test")
	tests = {
		t.name: {"year": t.year, "quarter": cint(t.quarter), "pass_mark": t.pass_mark}
		for t in frappe.get_list(
			"Quarterly Test",
			filters={"year": year},
			fields=["name", "year", "quarter", "pass_mark"],
			limit_page_length=0,
		)
	}
	conditions = {"test": ("in", list(tests) or [""])}
	if filters.party_branch:
		conditions["party_branch"] = filters.party_branch
	rows = frappe.get_list(
		"Quarterly Test Score",
		filters=conditions,
		fields=["test", "party_branch", "score", "absent"],
		limit_page_length=0,
	)
	lines = score_lines(rows, tests)
	columns = [
		{
			"fieldname": "test",
			"label": "季考",
			"fieldtype": "Link",
			"options": "Quarterly Test",
			"width": 170,
		},
		{"fieldname": "branch", "label": "党支部", "fieldtype": "Data", "width": 170},
		{"fieldname": "takers", "label": "参考人数", "fieldtype": "Int", "width": 80},
		{"fieldname": "absent", "label": "缺考人数", "fieldtype": "Int", "width": 80},
		{
			"fieldname": "participation",
			"label": "参考率(%)",
			"fieldtype": "Float",
			"precision": 1,
			"width": 90,
		},
		{"fieldname": "average", "label": "平均分", "fieldtype": "Float", "precision": 1, "width": 80},
		{"fieldname": "highest", "label": "最高分", "fieldtype": "Float", "precision": 1, "width": 80},
		{"fieldname": "lowest", "label": "最低分", "fieldtype": "Float", "precision": 1, "width": 80},
		{"fieldname": "passed", "label": "及格人数", "fieldtype": "Int", "width": 80},
		{"fieldname": "pass_rate", "label": "及格率(%)", "fieldtype": "Float", "precision": 1, "width": 90},
	]
	data = [
		{
			"test": line.test,
			"branch": line.branch,
			"takers": line.takers,
			"absent": line.absent,
			"participation": _num(line.participation),
			"average": _num(line.average),
			"highest": _num(line.highest),
			"lowest": _num(line.lowest),
			"passed": line.passed,
			"pass_rate": _num(line.pass_rate),
		}
		for line in lines
	]
	branches = [line for line in lines if line.branch != ALL_BRANCHES and line.average is not None]
	chart = None
	if branches:
		chart = {
			"data": {
				"labels": [f"{line.branch}·第{line.quarter}季度" for line in branches],
				"datasets": [{"name": "平均分", "values": [float(line.average) for line in branches]}],
			},
			"type": "bar",
		}
	return columns, data, None, chart
