"""Sites installed before these records had readable names: each record of the doctypes named by
what they are about (common/naming.py, TITLES) that still has a random name gets the name a new
one would get ("2025-05-12 张三 幸福社区"), and every link to it follows."""

import re

import frappe

from sanyou_app.common.naming import TITLES, title_name
from sanyou_app.patches.names_people_use import rename_all

RANDOM = re.compile(r"^[0-9a-z]{10}$")


def execute():
	for doctype in TITLES:
		rows = frappe.get_all(doctype, fields=["*"], order_by="creation asc, name asc")
		taken = {row.name for row in rows}
		mapping = {}
		for row in rows:
			if not RANDOM.match(row.name):
				continue
			row.doctype = doctype
			new = title_name(row, taken.__contains__)
			if new:
				taken.add(new)
				mapping[row.name] = new
		rename_all(doctype, mapping)
