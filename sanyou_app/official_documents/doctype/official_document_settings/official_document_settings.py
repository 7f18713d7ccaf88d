from frappe.model.document import Document

from sanyou_app.documents.settings import keep_issued_numbers


class OfficialDocumentSettings(Document):
	def validate(self):
		keep_issued_numbers(self)
