from frappe.model.document import Document


class DeputySuggestionDeputy(Document):
	pass
