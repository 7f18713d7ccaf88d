import frappe
from frappe.model.document import Document


class SealedBallot(Document):
	"""An electronic ballot as cast: sealed for the scrutineers, written once by the ballot box,
	opened layer by layer at the count and then destroyed."""

	def validate(self):
		frappe.throw("选票只能由投票或计票程序写入，不能新建或修改", frappe.PermissionError, title="不能修改")

	def on_trash(self):
		frappe.throw("选票不能删除", frappe.PermissionError, title="不能删除")


def on_doctype_update():
	frappe.db.add_index("Sealed Ballot", ["vote"])
	# the same sealed ballot is stored once in a vote (a replayed cast is refused by the database)
	frappe.db.add_unique("Sealed Ballot", ["vote", "digest"], constraint_name="vote_digest")
