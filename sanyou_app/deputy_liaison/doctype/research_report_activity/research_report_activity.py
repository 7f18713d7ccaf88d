from frappe.model.document import Document


class ResearchReportActivity(Document):
	pass
