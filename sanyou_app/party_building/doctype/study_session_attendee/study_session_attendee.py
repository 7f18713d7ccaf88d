from frappe.model.document import Document


class StudySessionAttendee(Document):
	pass
