from frappe.model.document import Document


class CycleEvaluationCriterion(Document):
	pass
