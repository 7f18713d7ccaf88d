"""Rectification items (整改清单) raised by this module: a survey's 不满意, an inspection's finding.

One doctype serves every source (module Rectification); this file only hands it what to record.
"""

import frappe


def raise_item(
	*,
	source_doctype: str,
	source_name: str,
	project: str,
	problem: str,
	owner_unit: str | None,
	owner_user: str | None,
	owner_name: str | None,
	deadline=None,
) -> str | None:
	"""Create the item unless this source already raised one for this project. Returns its name."""
	if not frappe.db.table_exists("Rectification Item"):
		return None
	from sanyou_app.common.rectification import create_items

	names = create_items(
		[
			{
				"source_doctype": source_doctype,
				"source_name": source_name,
				"subject_doctype": "Livelihood Project",
				"subject_name": project,
				"problem": problem,
				"owner_unit": owner_unit,
				"owner_user": owner_user,
				"owner_name": owner_name,
				"deadline": deadline,
			}
		]
	)
	return names[0] if names else None
