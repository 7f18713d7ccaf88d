from frappe.model.document import Document


class PartyAttachment(Document):
	pass
