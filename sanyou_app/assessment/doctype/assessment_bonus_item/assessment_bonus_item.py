from frappe.model.document import Document


class AssessmentBonusItem(Document):
	pass
