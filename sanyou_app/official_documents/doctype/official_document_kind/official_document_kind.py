from frappe.model.document import Document


class OfficialDocumentKind(Document):
	pass
