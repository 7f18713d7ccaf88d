from frappe.model.document import Document


class RoomStandardItem(Document):
	pass
