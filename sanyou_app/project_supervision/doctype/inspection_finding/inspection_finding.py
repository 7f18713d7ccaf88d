from frappe.model.document import Document


class InspectionFinding(Document):
	pass
