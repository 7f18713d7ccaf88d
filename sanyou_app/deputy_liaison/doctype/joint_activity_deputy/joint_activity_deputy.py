from frappe.model.document import Document


class JointActivityDeputy(Document):
	pass
