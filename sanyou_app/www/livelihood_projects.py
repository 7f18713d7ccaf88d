"""Public record (民生实事项目公示): a town's adopted projects by year, readable without login."""

import frappe

from sanyou_app.project_supervision.api import public_projects

no_cache = 1


def get_context(context):
	args = frappe.form_dict
	year = args.get("year")
	data = public_projects(args.get("town"), int(year) if year and str(year).isdigit() else None)
	context.update(data)
	context.title = f"{data['town'] or ''}民生实事项目公示"
	context.no_breadcrumbs = 1
	context.show_sidebar = 0
	return context
