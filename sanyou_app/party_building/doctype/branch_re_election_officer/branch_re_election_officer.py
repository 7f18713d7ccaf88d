from frappe.model.document import Document


class BranchReelectionOfficer(Document):
	pass
