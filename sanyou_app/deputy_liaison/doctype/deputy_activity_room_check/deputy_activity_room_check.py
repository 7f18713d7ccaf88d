from frappe.model.document import Document


class DeputyActivityRoomCheck(Document):
	pass
