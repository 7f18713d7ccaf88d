from frappe.model.document import Document


class PartyMemberAppraisal(Document):
	pass
