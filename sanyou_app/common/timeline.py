"""Who acted, by name, on a form's timeline.

Frappe v15 sends with a form the full names of the users its comments, shares, assignments and views
name, but not of the user who created it, the user who last edited it, or the authors of its
versions: the timeline shows those by their user ID ("Administrator created this",
"wang@example.cn changed the value of …"). The form's load adds their names; the administrator
account, when it has no name of its own, is called by the Chinese of its role.
"""

import json

import frappe
from frappe import _
from frappe.desk.form import load
from frappe.utils import add_user_info

ADMINISTRATOR = "Administrator"


@frappe.whitelist()
def getdoc(doctype, name, user=None):
	load.getdoc(doctype, name, user)
	docinfo = frappe.response.get("docinfo")
	if docinfo is None:
		return
	for doc in frappe.response.get("docs") or ():
		add_user_info({doc.owner, doc.modified_by}, docinfo.user_info)
	name_actors(docinfo)


@frappe.whitelist()
def get_docinfo(doc=None, doctype=None, name=None):
	load.get_docinfo(doc, doctype, name)
	docinfo = frappe.response.get("docinfo")
	if docinfo is not None:
		name_actors(docinfo)


@frappe.whitelist()
def get_user_info_for_viewers(users):
	return named(load.get_user_info_for_viewers(users if isinstance(users, str) else json.dumps(users)))


def name_actors(docinfo) -> None:
	"""Add the authors of the versions shown to the users the timeline can name."""
	add_user_info({version.owner for version in docinfo.get("versions") or ()}, docinfo.user_info)
	named(docinfo.user_info)


def named(user_info: dict) -> dict:
	info = user_info.get(ADMINISTRATOR)
	if info and info.get("fullname") in (None, "", ADMINISTRATOR):
		info["fullname"] = _(ADMINISTRATOR)
	return user_info
