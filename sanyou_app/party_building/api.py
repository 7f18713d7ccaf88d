"""Whitelisted methods, print helpers and number cards of the Party Building module.

Everything a user reads here goes through `frappe.get_list` (or a document permission check), so
the user's scope applies: see docs/permissions.md.
"""

import frappe
from frappe.desk.utils import provide_binary_file
from frappe.utils import cint, getdate

from sanyou_app.core import excel
from sanyou_app.core.dues import ledger as dues_ledger
from sanyou_app.core.education import SCORE_IMPORT, score_row_validator
from sanyou_app.core.party import ON_ROLL
from sanyou_app.party_building.common import plain

# --- dues ----------------------------------------------------------------------------------------


@frappe.whitelist()
def generate_dues(ledger: str, month) -> dict:
	"""党费台账 → 生成某月党费记录 for every member on the branch's roll."""
	month = cint(month)
	doc = frappe.get_doc("Party Dues Ledger", ledger)
	return doc.generate_month(month)


def ledger_table(ledger: str) -> dict:
	"""For the print format 党费缴纳台账: the branch's year, members × months, with totals."""
	doc = frappe.get_doc("Party Dues Ledger", ledger)
	doc.check_permission("read")
	rows = frappe.get_list(
		"Party Dues",
		filters={"party_branch": doc.party_branch, "year": doc.year},
		fields=["member", "full_name", "month", "amount", "paid_amount", "paid_on", "status", "party_group"],
		order_by="party_group asc, full_name asc, month asc",
		limit_page_length=0,
	)
	order = list(dict.fromkeys(r.member for r in rows))
	book = dues_ledger(rows, order)
	return {"lines": book.lines, "month_paid": book.month_paid, "due": book.due, "paid": book.paid}


def yuan(value) -> str:
	if value is None:
		return ""
	return f"{value:,.2f}"


# --- meetings and study --------------------------------------------------------------------------


@frappe.whitelist()
def members_for(party_branch: str | None = None, party_group: str | None = None) -> list[dict]:
	"""Members on the roll of a branch (or group), to fill a meeting's or a study's attendance."""
	filters = {"status": ON_ROLL}
	if party_branch:
		filters["party_branch"] = party_branch
	if party_group:
		filters["party_group"] = party_group
	return frappe.get_list(
		"Party Member",
		filters=filters,
		fields=["name", "full_name"],
		order_by="party_group asc, full_name asc",
		limit_page_length=0,
	)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def receiving_branches(doctype, txt, searchfield, start, page_len, filters):
	"""The branches a member may be transferred to: every branch's name (nothing else), so a
	secretary can name the receiving branch without reading it."""
	frappe.has_permission("Membership Transfer", "create", throw=True)
	return frappe.get_all(
		"Party Branch",
		filters={"is_group": 0, "name": ("like", f"%{txt}%")},
		fields=["name"],
		order_by="lft asc",
		start=cint(start),
		page_length=cint(page_len) or 20,
		as_list=True,
	)


# --- the quarterly test's scores -----------------------------------------------------------------


@frappe.whitelist()
def download_score_template():
	frappe.has_permission("Quarterly Test Score", "create", throw=True)
	provide_binary_file(f"{SCORE_IMPORT.title}导入模板", "xlsx", excel.template(SCORE_IMPORT))


@frappe.whitelist()
def import_scores(test: str) -> dict:
	"""Import a 季考's scores from its attached workbook: every row checked first, then all saved,
	or none (with an error file naming, per row, each field and the reason)."""
	from sanyou_app.common.files import read_upload
	from sanyou_app.common.importing import save_error_file

	doc = frappe.get_doc("Quarterly Test", test)
	doc.check_permission("write")
	frappe.has_permission("Quarterly Test Score", "create", throw=True)
	if not doc.score_file:
		frappe.throw("成绩文件(.xlsx)：请先上传由模板填写的成绩文件", title="无法导入")
	content = read_upload(doc.score_file, "成绩文件(.xlsx)")
	members: dict[tuple[str, str], list[str]] = {}
	for m in frappe.get_all(
		"Party Member", filters={"status": ON_ROLL}, fields=["name", "full_name", "party_branch"]
	):
		members.setdefault((m.full_name, m.party_branch), []).append(m.name)
	scored = frappe.get_all("Quarterly Test Score", filters={"test": test}, pluck="member")
	validate = score_row_validator(doc.full_marks, members, scored)
	result = excel.check(content, SCORE_IMPORT, validate, unique=("full_name", "party_branch"))
	if not result.ok:
		error_file = save_error_file("Quarterly Test", doc.name, "error_file", result, SCORE_IMPORT)
		doc.db_set({"import_status": "未导入", "import_message": result.summary(), "error_file": error_file})
		return {"ok": False, "message": result.summary(), "error_file": error_file}
	for record in result.records:
		values = plain({k: record[k] for k in ("member", "score", "absent", "note")})
		score = frappe.get_doc({"doctype": "Quarterly Test Score", "test": test, **values})
		score.flags.in_import = True
		score.insert()
	doc.refresh_stats()
	message = f"共{len(result.records)}行，已全部导入"
	doc.db_set({"import_status": "已导入", "import_message": message, "error_file": None})
	return {"ok": True, "message": message, "imported": len(result.records)}


# --- democratic appraisal (民主评议党员) ------------------------------------------------------------


@frappe.whitelist()
def record_appraisal_grades(year, grades, source: str = "民主评议") -> int:
	"""Store a year's grades on each member's record (one row per year, replaced if present).

	The anonymous-ballot engine hands its result here ({member: grade}); until it is installed the
	机关党委 enters grades on the member's form. All grades are checked first, then all saved.
	"""
	from sanyou_app.common.errors import throw_field_errors
	from sanyou_app.core.party import appraisal_grade_errors

	if 1 not in frappe.get_meta("Party Member").get_permlevel_access("write"):
		frappe.throw("民主评议等次由机关党委录入", frappe.PermissionError, title="没有权限")
	year, grades = cint(year), frappe.parse_json(grades)
	if not 2000 <= year <= getdate().year:
		frappe.throw(f"年度：应在2000到{getdate().year}之间", title="无法保存")
	roll = frappe.get_all(
		"Party Member",
		filters={"name": ("in", list(grades) or [""]), "status": ON_ROLL},
		fields=["name", "full_name"],
	)
	throw_field_errors(
		appraisal_grade_errors(
			grades, on_roll=[m.name for m in roll], names={m.name: m.full_name for m in roll}
		)
	)
	for member, grade in grades.items():
		doc = frappe.get_doc("Party Member", member)
		doc.check_permission("write")
		row = next((r for r in doc.appraisals if r.year == year), None) or doc.append(
			"appraisals", {"year": year}
		)
		row.update({"grade": grade, "source": source})
		doc.save()
	return len(grades)


# --- number cards --------------------------------------------------------------------------------


def _count(doctype: str, filters) -> dict:
	return {
		"value": len(frappe.get_list(doctype, filters=filters, pluck="name", limit_page_length=0)),
		"fieldtype": "Int",
	}


@frappe.whitelist()
def members_card(filters=None):
	return _count("Party Member", {"status": ON_ROLL})


@frappe.whitelist()
def unpaid_dues_card(filters=None):
	return _count("Party Dues", {"status": "未缴"})


@frappe.whitelist()
def overdue_tasks_card(filters=None):
	return _count("Party Task", {"status": ("!=", "已完成"), "deadline": ("<", getdate())})


# --- where the reports open ----------------------------------------------------------------------

# the records each report counts, and the field that dates them (a date, or a year)
_DATED = {
	"Party Meeting": ("meeting_date", "date"),
	"Study Session": ("session_date", "date"),
	"Quarterly Test": ("year", "year"),
	"Party Dues": ("year", "year"),
	"Party Task": ("deadline", "date"),
}


def latest_year_of(doctype: str) -> int:
	"""The latest year in which the user may read a record of the kind (this year when none): a
	report opens where the data is, not on a year of zeros."""
	field, kind = _DATED[doctype]
	rows = frappe.get_list(
		doctype, fields=[field], filters={field: ("is", "set")}, order_by=f"{field} desc", limit=1
	)
	if not rows:
		return getdate().year
	value = rows[0][field]
	return cint(value) if kind == "year" else getdate(value).year


@frappe.whitelist()
def latest_year(doctype: str) -> int:
	if doctype not in _DATED:
		frappe.throw("不支持的记录类型", title="无法查询")
	return latest_year_of(doctype)
