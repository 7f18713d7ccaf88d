"""A presidium inspection (视察 / 督查): who went, and a finding per project covered."""

import frappe
from frappe.model.document import Document

from sanyou_app.project_supervision.rectify import raise_item


class ProjectInspection(Document):
	def before_validate(self):
		self.town = frappe.db.get_value("Livelihood Cycle", self.cycle, "town")
		for row in self.participants:
			row.deputy_name = frappe.db.get_value("Congress Deputy", row.deputy, "full_name")
		self.participant_count = len(self.participants)

	def validate(self):
		check_projects_of_cycle(self.cycle, self.findings, "视察发现")
		for row in self.findings:
			if row.needs_rectification and not (row.rectification_owner and row.rectification_deadline):
				frappe.throw(
					f"视察发现第{row.idx}行：需要整改的问题请填写整改责任单位和整改时限", title="无法保存"
				)

	def on_update(self):
		self.raise_rectification_items()

	def raise_rectification_items(self):
		"""Each finding that needs action becomes one rectification item (once)."""
		for row in self.findings:
			if not row.needs_rectification or row.rectification_item:
				continue
			name = raise_item(
				source_doctype=self.doctype,
				source_name=self.name,
				source_kind="视察督查",
				project=row.project,
				problem=inspection_problem(self, row),
				owner_user=row.rectification_owner_user,
				deadline=row.rectification_deadline,
			)
			row.db_set("rectification_item", name, update_modified=False)


def inspection_problem(doc, row) -> str:
	title = frappe.db.get_value("Livelihood Project", row.project, "title")
	return f"{doc.inspection_date}{doc.kind}发现{title}：{row.finding}（整改责任单位：{row.rectification_owner}）"


def check_projects_of_cycle(cycle: str, rows, label: str) -> None:
	seen = set()
	for row in rows:
		if frappe.db.get_value("Livelihood Project", row.project, "cycle") != cycle:
			frappe.throw(f"{label}第{row.idx}行：项目不属于本年度", title="无法保存")
		if row.project in seen:
			frappe.throw(f"{label}第{row.idx}行：同一项目不能重复列入", title="无法保存")
		seen.add(row.project)
