from frappe.model.document import Document


class InspectionParticipant(Document):
	pass
