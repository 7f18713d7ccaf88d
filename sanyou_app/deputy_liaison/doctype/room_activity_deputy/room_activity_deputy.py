from frappe.model.document import Document


class RoomActivityDeputy(Document):
	pass
