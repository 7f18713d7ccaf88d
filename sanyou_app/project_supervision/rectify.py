"""Rectification items (整改清单) raised by this module: a survey's 不满意, an inspection's finding.

One doctype serves every source (module Rectification, `sanyou_app.common.rectification`); this
file only hands it what to record. The responsible unit is the project itself (its 实施主体 is
written into the problem), the person responsible its 包保领导 when they have a login.
"""

from sanyou_app.common.rectification import create_items


def raise_item(
	*,
	source_doctype: str,
	source_name: str,
	source_kind: str,
	project: str,
	problem: str,
	owner_user: str | None,
	deadline,
	plan: str | None = None,
) -> str:
	"""The item for this source and project (created once: the same problem of the same source
	is never listed twice). Returns its name."""
	return create_items(
		source_doctype,
		source_name,
		source_kind,
		[
			{
				"problem": problem,
				"owner_doctype": "Livelihood Project",
				"owner_name": project,
				"owner_user": owner_user or None,
				"deadline": deadline,
				"plan": plan,
			}
		],
	)[0]
