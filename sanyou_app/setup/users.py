"""Creating accounts in bulk: a congress's deputies, an organ's members, the demo and the tests."""

import frappe


def insert_users_in_bulk(user) -> None:
	"""Insert a User that is set up, not signed up: Frappe refuses more than 60 new users an hour
	(a guard against sign-up abuse), and a congress or an organ brings more in one go."""
	conf = frappe.local.conf
	limit = conf.get("throttle_user_limit")
	conf["throttle_user_limit"] = 100_000
	try:
		user.insert(ignore_permissions=True)
	finally:
		if limit is None:
			conf.pop("throttle_user_limit", None)
		else:
			conf["throttle_user_limit"] = limit
