from frappe.model.document import Document


class PartyMeetingAttendance(Document):
	pass
