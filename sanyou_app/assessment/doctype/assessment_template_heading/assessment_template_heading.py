from frappe.model.document import Document


class AssessmentTemplateHeading(Document):
	pass
