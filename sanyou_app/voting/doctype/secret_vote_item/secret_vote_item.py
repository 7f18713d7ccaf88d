from frappe.model.document import Document


class SecretVoteItem(Document):
	pass
