import frappe
from frappe.model.document import Document

from sanyou_app.core.tasks import DONE, is_overdue
from sanyou_app.party_building.common import check_leaf_branch, today


class PartyTaskChecklist(Document):
	def validate(self):
		check_leaf_branch(self.party_branch)
		if not self.year or not (2000 <= self.year <= today().year + 1):
			frappe.throw(f"年度：应在2000到{today().year + 1}之间", title="无法保存")
		if frappe.db.exists(
			"Party Task Checklist",
			{"party_branch": self.party_branch, "year": self.year, "name": ("!=", self.name)},
		):
			frappe.throw(f"年度：{self.party_branch}{self.year}年的党建任务清单已存在", title="无法保存")

	def refresh_counts(self):
		tasks = frappe.get_all("Party Task", filters={"checklist": self.name}, fields=["deadline", "status"])
		day = today()
		self.db_set(
			{
				"task_count": len(tasks),
				"done_count": sum(1 for t in tasks if t.status == DONE),
				"overdue_count": sum(1 for t in tasks if is_overdue(t, day)),
			},
			update_modified=False,
		)
