import frappe
from frappe.model.document import Document


class OfficialDocumentNumber(Document):
	pass


def on_doctype_update():
	# a record of a kind has one 发文字号, and each number of a kind's year is given once
	# (documents/settings.py issues them against these indexes)
	frappe.db.add_unique(
		"Official Document Number",
		["document", "reference_doctype", "reference_name"],
		constraint_name="document_record",
	)
	frappe.db.add_unique(
		"Official Document Number", ["document", "year", "seq"], constraint_name="document_seq"
	)
