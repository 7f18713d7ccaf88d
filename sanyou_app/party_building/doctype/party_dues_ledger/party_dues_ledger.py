import frappe
from frappe.model.document import Document

from sanyou_app.common.errors import throw_field_errors
from sanyou_app.core.dues import plan_month
from sanyou_app.party_building.common import check_leaf_branch, plain, today

MEMBER_FIELDS = [
	"name",
	"full_name",
	"party_branch",
	"party_group",
	"status",
	"joined_on",
	"dues_base",
	"dues_rate",
	"dues_fixed",
]


class PartyDuesLedger(Document):
	def validate(self):
		check_leaf_branch(self.party_branch)
		if not self.year or not (2000 <= self.year <= today().year + 1):
			frappe.throw(f"年度：应在2000到{today().year + 1}之间", title="无法保存")
		if frappe.db.exists(
			"Party Dues Ledger",
			{"party_branch": self.party_branch, "year": self.year, "name": ("!=", self.name)},
		):
			frappe.throw(f"年度：{self.party_branch}{self.year}年的党费台账已存在", title="无法保存")

	def generate_month(self, month: int) -> dict:
		"""Create the month's dues record of every member on the branch's roll, all or none."""
		self.check_permission("write")
		frappe.has_permission("Party Dues", "create", throw=True)
		members = frappe.get_all(
			"Party Member",
			filters={"party_branch": self.party_branch, "status": "在册"},
			fields=MEMBER_FIELDS,
			order_by="party_group asc, full_name asc",
		)
		existing = frappe.get_all(
			"Party Dues",
			filters={"member": ("in", [m.name for m in members] or [""]), "year": self.year, "month": month},
			pluck="member",
		)
		plan = plan_month(members, self.year, month, existing)
		throw_field_errors(plan.errors, title="未生成党费记录")
		for record in plan.records:
			doc = frappe.get_doc({"doctype": "Party Dues", "ledger": self.name, **plain(record)})
			doc.flags.in_generation = True  # the summary is refreshed once, below
			doc.insert()
		self.refresh_summary()
		return {"created": len(plan.records), "skipped": [why for _m, why in plan.skipped]}

	def refresh_summary(self):
		rows = frappe.get_all(
			"Party Dues",
			filters={"ledger": self.name},
			fields=["month", "amount", "paid_amount", "status"],
		)
		months = sorted({r.month for r in rows})
		self.db_set(
			{
				"records_count": len(rows),
				"unpaid_count": sum(1 for r in rows if r.status != "已缴"),
				"total_due": sum(r.amount or 0 for r in rows),
				"total_paid": sum(r.paid_amount or 0 for r in rows if r.status == "已缴"),
				"months_generated": "、".join(f"{m}月" for m in months),
			},
			update_modified=False,
		)
