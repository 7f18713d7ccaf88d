import frappe


def get_context(context):
	from sanyou_app.livelihood_projects.doctype.livelihood_proposal.livelihood_proposal import open_cycle_name

	context.open_cycle = open_cycle_name()
	if not context.open_cycle:
		context.introduction_text = "<p><b>当前不在民生实事项目征集期内，暂不能提交建议。</b></p>"
	frappe.local.lang = frappe.local.lang or "zh"
