from frappe.model.document import Document


class LivelihoodCycleChannel(Document):
	pass
