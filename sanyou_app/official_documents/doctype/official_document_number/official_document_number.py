from frappe.model.document import Document


class OfficialDocumentNumber(Document):
	pass
