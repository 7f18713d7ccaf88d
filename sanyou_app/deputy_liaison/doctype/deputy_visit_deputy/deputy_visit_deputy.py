from frappe.model.document import Document


class DeputyVisitDeputy(Document):
	pass
