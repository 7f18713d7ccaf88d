"""Whitelisted methods and print helpers of the livelihood-project module."""

from dataclasses import replace

import frappe
from frappe.desk.utils import provide_binary_file
from frappe.utils import format_date

from sanyou_app.core import excel
from sanyou_app.core.proposal import STATE_CANDIDATE, funnel, total_investment
from sanyou_app.core.sheets import CANDIDATE_EXPORT, DEPUTY_IMPORT, PROPOSAL_EXPORT, PROPOSAL_IMPORT
from sanyou_app.livelihood_projects import importer

CANDIDATE_FIELDS = ["name", "title", "content", "investment", "implementing_body", "deadline", "village"]


@frappe.whitelist()
def download_template(import_type: str):
	sheet = {importer.PROPOSALS: PROPOSAL_IMPORT, importer.DEPUTIES: DEPUTY_IMPORT}.get(import_type)
	if not sheet:
		frappe.throw(f"未知的导入类型：{import_type}")
	frappe.has_permission("Livelihood Import", "create", throw=True)
	provide_binary_file(f"{sheet.title}导入模板", "xlsx", excel.template(sheet))


@frappe.whitelist()
def start_import(import_name: str):
	importer.start(import_name)
	return {"status": "排队中"}


def candidates(cycle: str) -> list[dict]:
	"""Candidate projects of a cycle the user may read, in the order they became candidates."""
	return frappe.get_list(
		"Livelihood Proposal",
		filters={"cycle": cycle, "workflow_state": STATE_CANDIDATE},
		fields=CANDIDATE_FIELDS,
		order_by="creation asc, name asc",
	)


@frappe.whitelist()
def export_proposals(cycle: str, scope: str = "all"):
	"""All proposals of a cycle, or its candidates, as .xlsx (respecting the user's permissions)."""
	frappe.has_permission("Livelihood Cycle", "read", cycle, throw=True)
	if scope == "candidates":
		rows = [{**row, "idx": i} for i, row in enumerate(candidates(cycle), start=1)]
		provide_binary_file(f"{cycle}候选项目", "xlsx", excel.export(CANDIDATE_EXPORT, rows))
		return
	sheet = PROPOSAL_EXPORT
	if not _can_read_phone():  # the proposers' phones are for the office only
		sheet = replace(sheet, columns=tuple(c for c in sheet.columns if c.field != "contact_phone"))
	rows = frappe.get_list(
		"Livelihood Proposal",
		filters={"cycle": cycle},
		fields=[c.field for c in sheet.columns],
		order_by="name asc",
		limit_page_length=0,
	)
	provide_binary_file(f"{cycle}征集项目", "xlsx", excel.export(sheet, rows))


def _can_read_phone() -> bool:
	return 1 in frappe.get_meta("Livelihood Proposal").get_permlevel_access("read")


def candidate_projects(cycle: str) -> dict:
	"""For print formats: the candidates of a cycle and their total investment."""
	rows = candidates(cycle)
	return {"projects": rows, "total": total_investment(r.investment for r in rows), "count": len(rows)}


def format_amount(value) -> str:
	"""624.66 → "624.66", 276 → "276" (万元 as the reports write them)."""
	text = f"{total_investment([value]):f}"
	return text.rstrip("0").rstrip(".") if "." in text else text


def chinese_date(value) -> str:
	"""2025-05-12 → "2025年5月12日" (print formats and the public project list)."""
	return format_date(value, "y年M月d日")


def latest_cycle() -> str | None:
	"""The cycle being worked on: the one that received the latest proposal the user may read."""
	rows = frappe.get_list(
		"Livelihood Proposal", fields=["cycle"], order_by="creation desc", limit_page_length=1
	)
	return rows[0].cycle if rows else None


def cycle_funnel(cycle: str | None = None) -> dict[str, int]:
	cycle = cycle or latest_cycle()
	if not cycle:
		return funnel([])
	counts = frappe.get_list(
		"Livelihood Proposal",
		filters={"cycle": cycle},
		fields=["workflow_state", "count(name) as n"],
		group_by="workflow_state",
	)
	return funnel(state for row in counts for state in [row.workflow_state] * row.n)


def _card(stage: str, filters) -> dict:
	filters = frappe.parse_json(filters) if filters else {}
	cycle = filters.get("cycle") if isinstance(filters, dict) else None
	return {"value": cycle_funnel(cycle)[stage], "fieldtype": "Int"}


@frappe.whitelist()
def proposals_card(filters=None):
	return _card("proposals", filters)


@frappe.whitelist()
def preliminary_card(filters=None):
	return _card("preliminary", filters)


@frappe.whitelist()
def candidates_card(filters=None):
	return _card("candidates", filters)
