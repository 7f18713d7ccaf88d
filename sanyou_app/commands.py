import click
from frappe.commands import get_site, pass_context


@click.command("sanyou-demo")
@click.option(
	"--skip-if-loaded", is_flag=True, help="Do nothing, and succeed, when the site has the demo already."
)
@pass_context
def sanyou_demo(context, skip_if_loaded=False):
	"""Load the demo town (刘桥镇, 2020 and 2021 cycles) into the site."""
	import frappe

	from sanyou_app.demo import load, loaded

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		if skip_if_loaded and loaded():
			click.echo(f"{site}: 演示数据已加载，跳过")
			return
		cycles = load()
		for cycle, numbers in cycles.items():
			click.echo(
				f"{cycle}: 征集{numbers['proposals']}个，初选{numbers['preliminary']}个，候选{numbers['candidates']}个"
			)
		for vote in frappe.get_all(
			"Secret Vote", filters={"cycle": ("in", list(cycles))}, fields=["name"], order_by="creation"
		):
			doc = frappe.get_doc("Secret Vote", vote.name)
			if doc.vote_type == "项目票决":
				outcome = "、".join(r.item_label for r in doc.results if r.picked)
			else:
				outcome = "、".join(f"{r.item_label}{r.satisfaction_rate:.1f}%" for r in doc.results)
			click.echo(f"{doc.title}（{doc.status}，收回{doc.returned}张）: {outcome}")
	finally:
		frappe.destroy()


commands = [sanyou_demo]
