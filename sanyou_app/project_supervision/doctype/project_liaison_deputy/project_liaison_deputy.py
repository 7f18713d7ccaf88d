from frappe.model.document import Document


class ProjectLiaisonDeputy(Document):
	pass
