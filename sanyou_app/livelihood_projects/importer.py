"""Excel import of proposals and deputies: all rows validated first, then all saved, or none.

Validation is the same code the forms use (sanyou_app.core). Saving writes the rows in bulk in one
transaction, with names reserved from the naming series in one step, instead of one document at a
time. The job runs in the background and reports progress on the import record's form.
"""

import frappe
from frappe.model.naming import NamingSeries
from frappe.utils import cint, now_datetime

from sanyou_app.common.files import read_upload, upload
from sanyou_app.common.importing import save_error_file
from sanyou_app.core import excel
from sanyou_app.core.congress import clean_deputy
from sanyou_app.core.fields import FieldError
from sanyou_app.core.proposal import CHANNELS, clean_proposal
from sanyou_app.core.sheets import DEPUTY_IMPORT, PROPOSAL_IMPORT

PROPOSALS = "民生实事项目"
DEPUTIES = "人大代表"
CHUNK = 2000

SHEETS = {PROPOSALS: PROPOSAL_IMPORT, DEPUTIES: DEPUTY_IMPORT}


def start(import_name: str) -> None:
	"""Queue the import of an import record's file (long queue: 100,000 rows take a while)."""
	doc = frappe.get_doc("Livelihood Import", import_name)
	doc.check_permission("write")
	if doc.status in ("排队中", "导入中"):
		frappe.throw("该文件正在导入，请稍候", title="不能重复导入")
	if doc.status == "已完成":
		frappe.throw("该文件已导入完成；如需再次导入，请新建导入记录", title="不能重复导入")
	upload(doc.import_file, "Excel 文件")  # refused at once, not in the job, if the user may not read it
	doc.db_set({"status": "排队中", "result_message": "", "error_file": None, "imported_rows": 0})
	frappe.enqueue(
		"sanyou_app.livelihood_projects.importer.run",
		queue="long",
		timeout=3600,
		enqueue_after_commit=True,
		job_id=f"sanyou-import::{import_name}",
		deduplicate=True,
		import_name=import_name,
	)


def run(import_name: str) -> None:
	doc = frappe.get_doc("Livelihood Import", import_name)
	doc.db_set("status", "导入中")
	frappe.db.commit()  # nosemgrep: let the form show that the job has started
	progress(doc, 0, "正在读取文件")
	content = read_upload(doc.import_file, "Excel 文件")
	sheet = SHEETS[doc.import_type]
	validate, unique, existing = _rules(doc)
	result = excel.check(content, sheet, validate, unique=unique)
	if not result.file_error and existing:
		_mark_existing(result, existing, unique)
	progress(doc, 30, "校验完成")
	if not result.ok:
		_refuse(doc, result, sheet)
		return
	try:
		if doc.import_type == PROPOSALS:
			insert_proposals(doc.cycle, result.records, on_chunk=lambda n: _chunk_progress(doc, n, result))
		else:
			insert_deputies(doc.congress, result.records, on_chunk=lambda n: _chunk_progress(doc, n, result))
	except Exception:
		frappe.db.rollback()
		doc.reload()
		doc.db_set(
			{"status": "未导入", "result_message": "保存时出错，未导入任何数据。请联系管理员查看错误日志。"}
		)
		frappe.db.commit()  # nosemgrep
		raise
	doc.db_set(
		{
			"status": "已完成",
			"total_rows": len(result.raw_rows),
			"imported_rows": len(result.records),
			"result_message": f"共{len(result.records)}行，已全部导入",
		}
	)
	frappe.db.commit()  # nosemgrep
	progress(doc, 100, "导入完成")


def _rules(doc):
	if doc.import_type == PROPOSALS:
		channels = frappe.get_all(
			"Livelihood Cycle Channel", filters={"parent": doc.cycle}, pluck="channel"
		) or list(CHANNELS)

		def validate(row):
			row = dict(row)
			row["channel"] = row.get("channel") or "通知征集"
			return clean_proposal(row, channels=channels)

		return validate, (), None
	groups = set(frappe.get_all("Deputy Group", filters={"congress": doc.congress}, pluck="group_name"))
	existing = {
		(d.full_name, d.village_unit)
		for d in frappe.get_all(
			"Congress Deputy", filters={"congress": doc.congress}, fields=["full_name", "village_unit"]
		)
	}
	return (lambda row: clean_deputy(row, groups=groups)), ("full_name", "village_unit"), existing


def _mark_existing(result, existing, unique):
	"""Deputies already recorded for the congress are refused as duplicates, row by row."""
	fields = [c.field for c in DEPUTY_IMPORT.columns]
	bad = {e.row: e for e in result.row_errors}
	for number, values in result.raw_rows:
		record = dict(zip(fields, values, strict=True))
		key = (str(record.get("full_name") or "").strip(), str(record.get("village_unit") or "").strip())
		if key in existing:
			error = FieldError("full_name", "该代表已在本届代表名单中")
			if number in bad:
				bad[number].errors.append(error)
			else:
				bad[number] = excel.RowError(number, [error])
	result.row_errors = sorted(bad.values(), key=lambda e: e.row)
	if result.row_errors:
		result.records = []


def _refuse(doc, result, sheet):
	file_url = save_error_file("Livelihood Import", doc.name, "error_file", result, sheet)
	doc.db_set(
		{
			"status": "未导入",
			"total_rows": len(result.raw_rows),
			"imported_rows": 0,
			"error_file": file_url,
			"result_message": result.summary(),
		}
	)
	frappe.db.commit()  # nosemgrep
	progress(doc, 100, "未导入：" + result.summary())


def progress(doc, percent, description):
	frappe.publish_progress(
		percent, title="批量导入", doctype=doc.doctype, docname=doc.name, description=description
	)


def _chunk_progress(doc, done, result):
	progress(doc, 30 + int(70 * done / max(len(result.records), 1)), f"已保存{done}/{len(result.records)}行")


def reserve_names(series: str, count: int, doc=None) -> list[str]:
	"""Take `count` consecutive names of a naming series in one locked step. `doc` gives the series'
	variables their values (a proposal's cycle gives CYCLE_YEAR)."""
	from frappe.model.naming import parse_naming_series

	naming = NamingSeries(series)
	found = []
	parse_naming_series(
		naming.series, doc=doc, number_generator=lambda part, digits: found.append(part) or ""
	)
	prefix = found[0] if found else naming.get_prefix()
	digits = naming.series.count("#")
	Series = frappe.qb.DocType("Series")
	row = frappe.qb.from_(Series).where(Series.name == prefix).for_update().select(Series.current).run()
	if row:
		start = cint(row[0][0])
		frappe.qb.update(Series).set(Series.current, start + count).where(Series.name == prefix).run()
	else:
		start = 0
		frappe.qb.into(Series).columns("name", "current").insert(prefix, count).run()
	return [f"{prefix}{str(start + i).zfill(digits)}" for i in range(1, count + 1)]


def _bulk(doctype: str, names: list[str], records: list[dict], extra: dict, on_chunk=None) -> None:
	now, user = now_datetime(), frappe.session.user
	fields = sorted({k for r in records for k in r} | set(extra))
	columns = ["name", "owner", "modified_by", "creation", "modified", "docstatus", "idx", *fields]
	done = 0
	for start in range(0, len(records), CHUNK):
		chunk = records[start : start + CHUNK]
		rows = [
			(name, user, user, now, now, 0, 0, *[{**extra, **r}.get(f) for f in fields])
			for name, r in zip(names[start : start + CHUNK], chunk, strict=True)
		]
		frappe.db.bulk_insert(doctype, columns, rows, chunk_size=CHUNK)
		done += len(chunk)
		if on_chunk:
			on_chunk(done)


def insert_proposals(cycle: str, records: list[dict], on_chunk=None) -> list[str]:
	"""Save validated proposals of a cycle, in the workflow's first state, as the desk would."""
	from frappe.model.workflow import get_workflow_name

	workflow = get_workflow_name("Livelihood Proposal")
	first_state = frappe.get_cached_doc("Workflow", workflow).states[0].state if workflow else None
	series = frappe.get_meta("Livelihood Proposal").get_field("naming_series").default
	names = reserve_names(series, len(records), frappe._dict(doctype="Livelihood Proposal", cycle=cycle))
	extra = {
		"cycle": cycle,
		"congress": frappe.db.get_value("Livelihood Cycle", cycle, "congress"),
		"naming_series": series,
		"workflow_state": first_state,
	}
	_bulk("Livelihood Proposal", names, records, extra, on_chunk)
	return names


def insert_deputies(congress: str, records: list[dict], on_chunk=None) -> list[str]:
	from sanyou_app.livelihood_projects.doctype.congress.congress import refresh_deputies_count

	groups = {
		g.group_name: g.name
		for g in frappe.get_all("Deputy Group", filters={"congress": congress}, fields=["name", "group_name"])
	}
	for record in records:
		record["deputy_group"] = (
			groups.get(record.get("deputy_group")) if record.get("deputy_group") else None
		)
	series = frappe.get_meta("Congress Deputy").autoname or ""
	if "#" in series:  # DB.#####: deputy numbers, as the form gives them
		names = reserve_names(series, len(records))
	else:
		names = [frappe.generate_hash(length=10) for _ in records]
	_bulk("Congress Deputy", names, records, {"congress": congress, "active": 1}, on_chunk)
	refresh_deputies_count(congress)
	return names
