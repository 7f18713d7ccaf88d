"""Closes a hole in Frappe v15's field-level read permissions on list queries.

`DatabaseQuery.apply_fieldlevel_read_permissions` removes the fields a user may not read by
popping them from the list it is iterating over, so of two such fields in a row the second one
survives: `frappe.get_list(doctype, fields=["name", "total_score", "heading_1"])` returned
`heading_1` to a user without read access to that level (and so did `/api/resource`,
`frappe.client.get_list` and the report view). Here the same method runs with fields blanked
instead of popped, and the blanks are dropped afterwards: the list is filtered as Frappe intends,
for every doctype.

Applied on import; the permission hooks of the app's modules import this module, so it is in
place before any list query that applies them.
"""

from frappe.model.db_query import DatabaseQuery

_original = DatabaseQuery.apply_fieldlevel_read_permissions


def apply_fieldlevel_read_permissions(self):
	as_list = self.as_list
	self.as_list = True  # remove_field blanks a field instead of popping it
	try:
		_original(self)
	finally:
		self.as_list = as_list
	if not as_list:
		self.fields = [f for f in self.fields if f is not None]


apply_fieldlevel_read_permissions.sanyou_fixed = True

if not getattr(DatabaseQuery.apply_fieldlevel_read_permissions, "sanyou_fixed", False):
	DatabaseQuery.apply_fieldlevel_read_permissions = apply_fieldlevel_read_permissions
