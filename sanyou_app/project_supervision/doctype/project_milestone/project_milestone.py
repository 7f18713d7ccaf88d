from frappe.model.document import Document


class ProjectMilestone(Document):
	pass
