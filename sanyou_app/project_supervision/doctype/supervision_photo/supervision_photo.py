from frappe.model.document import Document


class SupervisionPhoto(Document):
	pass
