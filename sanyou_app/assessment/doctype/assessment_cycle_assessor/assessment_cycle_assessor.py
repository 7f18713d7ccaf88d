from frappe.model.document import Document


class AssessmentCycleAssessor(Document):
	pass
