from frappe.model.document import Document


class ProjectPlanFile(Document):
	pass
