from frappe.model.document import Document


class AssessmentSheetBonus(Document):
	pass
