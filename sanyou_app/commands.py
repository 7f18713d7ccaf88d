import click
from frappe.commands import get_site, pass_context


@click.command("sanyou-demo")
@pass_context
def sanyou_demo(context):
	"""Load the demo town (刘桥镇, 2020 and 2021 cycles) into the site."""
	import frappe

	from sanyou_app.demo import load

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		for cycle, numbers in load().items():
			click.echo(
				f"{cycle}: 征集{numbers['proposals']}个，初选{numbers['preliminary']}个，候选{numbers['candidates']}个"
			)
	finally:
		frappe.destroy()


commands = [sanyou_demo]
