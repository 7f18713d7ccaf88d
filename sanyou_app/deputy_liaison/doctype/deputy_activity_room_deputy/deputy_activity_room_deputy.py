from frappe.model.document import Document


class DeputyActivityRoomDeputy(Document):
	pass
