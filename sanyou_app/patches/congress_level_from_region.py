"""Congresses saved before levels existed get the level their region's name implies (…镇 → 乡镇)."""

import frappe

from sanyou_app.core.congress import level_of_region


def execute():
	for name, region in frappe.get_all(
		"Congress", filters={"level": ("in", ("", None))}, fields=["name", "region"], as_list=True
	):
		level = level_of_region(region)
		if level:
			frappe.db.set_value("Congress", name, "level", level, update_modified=False)
