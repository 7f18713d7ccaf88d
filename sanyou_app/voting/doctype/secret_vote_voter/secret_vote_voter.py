import frappe
from frappe.model.document import Document


class SecretVoteVoter(Document):
	pass


def on_doctype_update():
	frappe.db.add_index("Secret Vote Voter", ["parent", "user"])
