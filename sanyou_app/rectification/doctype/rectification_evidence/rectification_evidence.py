from frappe.model.document import Document


class RectificationEvidence(Document):
	pass
