from frappe.model.document import Document


class PaperBallotEntryMark(Document):
	pass
