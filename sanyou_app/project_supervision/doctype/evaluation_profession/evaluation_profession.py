from frappe.model.document import Document


class EvaluationProfession(Document):
	pass
