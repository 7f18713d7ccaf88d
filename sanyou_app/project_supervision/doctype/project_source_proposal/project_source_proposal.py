from frappe.model.document import Document


class ProjectSourceProposal(Document):
	pass
