"""考核排名: a cycle's sheets of one kind ranked by total, with the score per heading, the bonus,
last year's total and the change, and the titles proposed. Reads through frappe.get_list: the
机关党委 and the assessors see the scores as they stand; everyone else sees only published
results of the sheets they may read."""

import frappe

from sanyou_app.common.reports import readable_links
from sanyou_app.core.assessment import BRANCH, PUBLISHED, change, headings_for, rank, ranking_chart

SHEET = "Assessment Score Sheet"


@readable_links
def execute(filters=None):
	filters = frappe._dict(filters or {})
	filters.cycle = filters.cycle or latest_cycle()
	kind = filters.assessee_kind or BRANCH
	data = get_data(filters)
	return get_columns(kind), data, None, ranking_chart(data)


def latest_cycle() -> str | None:
	"""The cycle the report opens on: the latest the user may read."""
	rows = frappe.get_list("Assessment Cycle", pluck="name", order_by="year desc, creation desc", limit=1)
	return rows[0] if rows else None


def get_columns(kind: str) -> list[dict]:
	columns = [
		{"fieldname": "rank", "label": "名次", "fieldtype": "Int", "width": 60},
		{"fieldname": "assessee_name", "label": "考核对象", "fieldtype": "Data", "width": 160},
		{
			"fieldname": "party_branch",
			"label": "党支部",
			"fieldtype": "Link",
			"options": "Party Branch",
			"width": 150,
		},
	]
	columns += [
		{"fieldname": f"heading_{i}", "label": h, "fieldtype": "Float", "precision": 1, "width": 95}
		for i, h in enumerate(headings_for(kind), start=1)
	]
	return columns + [
		{"fieldname": "bonus_score", "label": "加分", "fieldtype": "Float", "precision": 1, "width": 60},
		{"fieldname": "total_score", "label": "总分", "fieldtype": "Float", "precision": 1, "width": 70},
		{
			"fieldname": "last_year_total",
			"label": "上年总分",
			"fieldtype": "Float",
			"precision": 1,
			"width": 80,
		},
		{"fieldname": "change", "label": "较上年", "fieldtype": "Float", "precision": 1, "width": 70},
		{"fieldname": "title", "label": "拟授予称号", "fieldtype": "Data", "width": 110},
		{"fieldname": "name", "label": "考核评分表", "fieldtype": "Link", "options": SHEET, "width": 110},
	]


def sees_scores() -> bool:
	return 1 in frappe.get_meta(SHEET).get_permlevel_access("read")


def get_data(filters) -> list[dict]:
	if not filters.get("cycle"):
		return []
	conditions = {"cycle": filters.cycle, "assessee_kind": filters.get("assessee_kind") or BRANCH}
	if filters.get("party_branch"):
		conditions["party_branch"] = filters.party_branch
	if sees_scores():
		fields = [
			"name",
			"assessee_name",
			"party_branch",
			"bonus_score",
			"total_score",
			"last_year_total",
			"has_last_year",
			"title",
		]
		fields += [f"heading_{i}" for i in range(1, 6)]
		rows = frappe.get_list(SHEET, filters=conditions, fields=fields, limit_page_length=0)
		ranks = rank({r.name: r.total_score for r in rows})
		data = []
		for r in rows:
			# a unit assessed for the first time has no last year's total (the column stores 0)
			last = r.last_year_total if r.pop("has_last_year") else None
			data.append(
				{
					**r,
					"last_year_total": last,
					"rank": ranks[r.name],
					"change": _float(change(r.total_score, last)),
				}
			)
	else:
		conditions["status"] = PUBLISHED
		rows = frappe.get_list(
			SHEET,
			filters=conditions,
			fields=[
				"name",
				"assessee_name",
				"party_branch",
				"published_total",
				"published_rank",
				"published_title",
			],
			limit_page_length=0,
		)
		data = [
			{
				"name": r.name,
				"assessee_name": r.assessee_name,
				"party_branch": r.party_branch,
				"total_score": r.published_total,
				"rank": r.published_rank,
				"title": r.published_title,
			}
			for r in rows
		]
	return sorted(data, key=lambda r: (r["rank"] or 10**6, r["assessee_name"] or ""))


def _float(value):
	return None if value is None else float(value)
