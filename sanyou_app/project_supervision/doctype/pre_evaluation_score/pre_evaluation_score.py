from frappe.model.document import Document


class PreevaluationScore(Document):
	pass
