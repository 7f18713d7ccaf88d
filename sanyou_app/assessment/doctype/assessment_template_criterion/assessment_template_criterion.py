from frappe.model.document import Document


class AssessmentTemplateCriterion(Document):
	pass
