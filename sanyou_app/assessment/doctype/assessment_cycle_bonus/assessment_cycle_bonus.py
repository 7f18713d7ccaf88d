from frappe.model.document import Document


class AssessmentCycleBonus(Document):
	pass
