"""选票核验: a deputy of an electronic vote checks that their ballot is in the box (its tracker)
and was counted unchanged (its receipt code), in their own browser."""

import frappe

from sanyou_app.voting.api import verification

no_cache = 1


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=" + frappe.utils.quote(
			frappe.request.full_path if frappe.request else "/ballot-check"
		)
		raise frappe.Redirect
	context.title = "选票核验"
	context.no_breadcrumbs = True
	context.vote = frappe.form_dict.get("vote")
	context.check = verification(context.vote) if context.vote else None
	return context
