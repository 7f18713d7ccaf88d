"""Score sheets say whether there was a last year's result: the total's column stores 0 for none,
which the ranking showed as 上年总分 0 and 较上年 the whole total. A sheet made with a last year's
total (it is never 0 in practice) is marked as having one."""

import frappe


def execute():
	frappe.db.sql(
		"update `tabAssessment Score Sheet` set has_last_year = 1 where ifnull(last_year_total, 0) != 0"
	)
