from frappe.model.document import Document


class DeputyExamScore(Document):
	pass
