from frappe.model.document import Document


class SecretVoteOfficer(Document):
	pass
