from frappe.model.document import Document


class LiaisonPairingGroup(Document):
	pass
