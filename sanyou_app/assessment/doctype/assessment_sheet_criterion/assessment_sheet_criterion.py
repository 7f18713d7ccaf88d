from frappe.model.document import Document


class AssessmentSheetCriterion(Document):
	pass
