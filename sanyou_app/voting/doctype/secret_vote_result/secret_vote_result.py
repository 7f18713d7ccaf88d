from frappe.model.document import Document


class SecretVoteResult(Document):
	pass
