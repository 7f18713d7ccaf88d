from frappe.model.document import Document


class AssessmentCycleCriterion(Document):
	pass
