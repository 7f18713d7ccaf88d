"""Many towns on one site: each town's users see and change only their own town's records.

A county congress may run one site for all its towns. A town's records — its congress, deputies,
deputy groups, cycles, proposals, votes, projects, supervision logs, inspections, hearings,
evaluation groups, pre-evaluations and rectification items — all name their congress (a Link
field, filled from the cycle or project), so one User Permission on a congress confines a user
to that town everywhere Frappe checks permissions: forms, lists, reports, counts, link search,
exports. The county congress office (role County Congress Office) has none and reads every town.

- A town deputy who logs in is given the User Permission on their congress by the app
  (core/congress.py, scoped_to_own_congress).
- The town's staff (office, presidium, party committee, implementation group, leaders,
  evaluators) are given it by an administrator, in Frappe's User Permissions.
- A new term's congress (same region and level) carries over the User Permissions of the term
  before, so nobody has to be given access again at each election.
A site with one town needs none of this: users without a User Permission see every congress.
"""

import frappe
from frappe.permissions import add_user_permission

from sanyou_app.core.congress import previous_term, scoped_to_own_congress

CONGRESS = "Congress"


def allow(user: str, congress: str) -> None:
	"""A User Permission of user on congress (for every doctype), unless there is one."""
	add_user_permission(CONGRESS, congress, user, ignore_permissions=True)


def scope_deputy(doc, method=None) -> None:
	"""Congress Deputy on_update: a town deputy with a login sees their own congress only. (Taking
	the login away leaves the User Permission: an administrator removes it, as with any other.)"""
	level = frappe.db.get_value(CONGRESS, doc.congress, "level")
	if scoped_to_own_congress(level, doc.user, doc.active):
		allow(doc.user, doc.congress)


def carry_over_to_new_term(doc, method=None) -> None:
	"""Congress after_insert: whoever was confined to the term before is confined to this one too."""
	congresses = frappe.get_all(CONGRESS, fields=["name", "region", "level", "term_no"])
	before = previous_term(congresses, doc.as_dict())
	if not before:
		return
	for user in frappe.get_all(
		"User Permission", filters={"allow": CONGRESS, "for_value": before}, pluck="user", distinct=True
	):
		allow(user, doc.name)
