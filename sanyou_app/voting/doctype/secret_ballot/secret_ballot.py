import frappe
from frappe.model.document import Document


class SecretBallot(Document):
	"""A ballot is written once, by the ballot box, and never changed or removed."""

	def validate(self):
		frappe.throw("选票只能由投票或计票程序写入，不能新建或修改", frappe.PermissionError, title="不能修改")

	def on_trash(self):
		frappe.throw("选票不能删除", frappe.PermissionError, title="不能删除")


def on_doctype_update():
	# Covers the count: the ballots of a vote, valid or void, and their marks.
	frappe.db.add_index("Secret Ballot", ["vote", "void", "marks"])
