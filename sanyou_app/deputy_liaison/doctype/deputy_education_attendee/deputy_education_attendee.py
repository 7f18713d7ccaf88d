from frappe.model.document import Document


class DeputyEducationAttendee(Document):
	pass
