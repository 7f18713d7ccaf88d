import frappe
from frappe.model.document import Document


class SecretBallotMark(Document):
	pass


def on_doctype_update():
	# Covers the tally's GROUP BY: vote, valid → item, mark.
	frappe.db.add_index("Secret Ballot Mark", ["vote", "valid", "item_label", "choice"])
