"""Sites installed before deputies had readable names: a deputy gets a deputy number (DB00001, in the
order the deputies were entered), a deputy group its congress's name and its own
(刘桥镇第十八届人民代表大会第一代表小组), the way new records are named."""

import re

import frappe
from frappe.model.naming import make_autoname

from sanyou_app.core.naming import first_free
from sanyou_app.patches.names_people_use import rename_all

NUMBERED = re.compile(r"^DB\d{5}$")


def execute():
	deputies = frappe.get_all("Congress Deputy", pluck="name", order_by="creation asc, name asc")
	rename_all(
		"Congress Deputy",
		{name: make_autoname("DB.#####", "Congress Deputy") for name in deputies if not NUMBERED.match(name)},
	)
	groups = frappe.get_all(
		"Deputy Group", fields=["name", "congress", "group_name"], order_by="creation asc, name asc"
	)
	taken = {group.name for group in groups}
	mapping = {}
	for group in groups:
		wanted = f"{group.congress}{group.group_name}"
		if not (group.congress and group.group_name) or group.name == wanted:
			continue
		new = first_free(wanted, taken.__contains__)
		taken.add(new)
		mapping[group.name] = new
	rename_all("Deputy Group", mapping)
