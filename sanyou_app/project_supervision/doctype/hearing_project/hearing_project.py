from frappe.model.document import Document


class HearingProject(Document):
	pass
