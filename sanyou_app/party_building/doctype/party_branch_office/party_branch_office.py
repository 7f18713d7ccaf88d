from frappe.model.document import Document


class PartyBranchOffice(Document):
	pass
