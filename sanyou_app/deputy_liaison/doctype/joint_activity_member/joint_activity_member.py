from frappe.model.document import Document


class JointActivityMember(Document):
	pass
