from frappe.model.document import Document


class LiaisonTopic(Document):
	pass
