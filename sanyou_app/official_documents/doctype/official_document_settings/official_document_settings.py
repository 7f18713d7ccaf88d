from frappe.model.document import Document


class OfficialDocumentSettings(Document):
	pass
