from frappe.model.document import Document


class EvaluationGroupMember(Document):
	pass
