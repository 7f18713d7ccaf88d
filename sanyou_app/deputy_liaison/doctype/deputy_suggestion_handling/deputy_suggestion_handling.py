from frappe.model.document import Document


class DeputySuggestionHandling(Document):
	pass
