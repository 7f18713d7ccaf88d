"""No counting or aggregating of what a user may not read, for any doctype, on any road.

Frappe v15 leaves several whitelisted roads that count or group records without the permission
check a list applies (`frappe.client.get_count`, the sidebar's "assigned to" counts, a heatmap
chart, a form's connection counts, link search asked to ignore User Permissions), and every road
accepts filters on fields the user may not read, so a user can count records by a hidden value.
This module closes them for every doctype:

- `before_request`: a request that names a sealed doctype (ballots) is refused for everyone,
  Administrator included; a request that filters a doctype by a field the user may not read is
  refused (whatever the method: lists, report view, exports, group-by counts, number cards,
  dashboard charts, link search).
- overrides of the counting methods that check no permission, so they count through
  `frappe.get_list` (role permissions, User Permissions, permission query conditions, shares).

See docs/permissions.md, "Counting and aggregating".
"""

from __future__ import annotations

import json
from urllib.parse import unquote

import frappe
from frappe.model import default_fields, optional_fields

from sanyou_app.core.voting import BALLOT_DOCTYPES as SEALED
from sanyou_app.core.voting import NAMED_ONLY_DOCTYPES as NAMED_ONLY

_FILTER_KEYS = ("filters", "or_filters", "current_filters")
_DOCTYPE_KEYS = ("doctype", "document_type", "reference_doctype")
_NESTED = ("doc", "chart", "args")  # JSON objects that carry a doctype and its filters
_ALWAYS_READABLE = set(default_fields) | set(optional_fields) | {"name"}


def _names(doctypes) -> list[str]:
	out = []
	for d in doctypes:
		out += [d.lower(), frappe.scrub(d).replace("_", "-"), frappe.scrub(d)]
	return out


def _strings(value):
	if isinstance(value, str):
		yield value
	elif isinstance(value, dict):
		for k, v in value.items():
			yield str(k)
			yield from _strings(v)
	elif isinstance(value, list | tuple):
		for v in value:
			yield from _strings(v)


def refused_doctype(path: str, form: dict, user: str) -> str | None:
	"""The sealed (or, for Administrator, named-only) doctype a request names, if any."""
	blocked = list(SEALED) + (list(NAMED_ONLY) if user == "Administrator" else [])
	needles = _names(blocked)
	haystack = [unquote(path or "").lower()] + [s.lower() for s in _strings(form)]
	for text in haystack:
		for needle in needles:
			if needle in text:
				return blocked[needles.index(needle) // 3]
	return None


def _parse(value):
	if isinstance(value, str):
		try:
			return json.loads(value)
		except ValueError:
			return None
	return value


def _filter_fields(filters, doctype: str) -> list[tuple[str, str]]:
	"""(doctype, fieldname) of every condition in Frappe's filter forms (dict, list of lists)."""
	filters = _parse(filters)
	out: list[tuple[str, str]] = []
	if isinstance(filters, dict):
		out += [(doctype, str(k)) for k in filters]
	elif isinstance(filters, list):
		for f in filters:
			if isinstance(f, list | tuple):
				if len(f) >= 4 and isinstance(f[0], str) and isinstance(f[1], str):
					out.append((f[0], f[1]))
				elif len(f) >= 2 and isinstance(f[0], str):
					out.append((doctype, f[0]))
			elif isinstance(f, dict):
				out += [(doctype, str(k)) for k in f]
	return out


def _queries(form: dict) -> list[tuple[str, object, str | None]]:
	"""(doctype, filters, parent doctype) of every query a request's parameters describe."""
	out = []
	sources = [form] + [p for key in _NESTED if isinstance(p := _parse(form.get(key)), dict)]
	for source in sources:
		doctype = next((source.get(k) for k in _DOCTYPE_KEYS if isinstance(source.get(k), str)), None)
		if not doctype:
			continue
		parent = source.get("parent") or source.get("parent_doctype")
		for key in (*_FILTER_KEYS, "filters_json"):
			if source.get(key):
				out.append((doctype, source[key], parent if isinstance(parent, str) else None))
		if source is not form:
			for key in _FILTER_KEYS:  # a number card's or chart's own filters come beside it
				if form.get(key):
					out.append((doctype, form[key], None))
	return out


def unreadable_filter(form: dict, user: str) -> tuple[str, str] | None:
	"""(doctype, field label) of the first filter on a field the user may not read."""
	for doctype, filters, parent in _queries(form):
		for table, fieldname in _filter_fields(filters, doctype):
			if not frappe.db.exists("DocType", table) or fieldname in _ALWAYS_READABLE:
				continue
			meta = frappe.get_meta(table)
			field = meta.get_field(fieldname)
			if not field:
				continue
			parenttype = parent or (doctype if table != doctype else None)
			if meta.istable and not parenttype:
				continue  # Frappe itself refuses a child-table query without its parent
			permitted = frappe.model.get_permitted_fields(table, parenttype=parenttype, user=user)
			if fieldname not in permitted:
				return table, field.label or fieldname
	return None


def before_request():
	request = getattr(frappe.local, "request", None)
	if not request:
		return
	user = frappe.session.user if getattr(frappe.local, "session", None) else "Guest"
	form = dict(frappe.local.form_dict or {})
	form.pop("cmd", None)
	if doctype := refused_doctype(request.path, form, user):
		frappe.throw(f"“{frappe._(doctype)}”的内容任何人都不能查看", frappe.PermissionError, title="没有权限")
	if user != "Administrator" and (hit := unreadable_filter(form, user)):
		frappe.throw(
			f"您无权查看“{frappe._(hit[0])}”的“{frappe._(hit[1])}”，不能按该字段筛选或统计",
			frappe.PermissionError,
			title="没有权限",
		)


# --- the counting methods Frappe v15 leaves without a permission check -------------------------


def guarded(doctype: str) -> bool:
	"""A doctype whose access the app scopes beyond role permissions."""
	return (
		doctype in SEALED
		or doctype in NAMED_ONLY
		or doctype in frappe.get_hooks("permission_query_conditions", {})
		or doctype in frappe.get_hooks("has_permission", {})
	)


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False, parent=None):
	"""frappe.client.get_count, counting only the records the user may read."""
	from frappe.utils import get_safe_filters

	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as n"], parent_doctype=parent
	)
	return rows[0].n if rows else 0


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str):
	"""The list sidebar's group-by counts; "assigned to" counted over readable records only."""
	from frappe.desk import listview

	frappe.has_permission(doctype, "read", throw=True)
	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	names = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), pluck="name", limit=0)
	if not names:
		return []
	return frappe.db.sql(
		"""select t.allocated_to as name, count(*) as count
		from `tabToDo` t join `tabUser` u on u.name = t.allocated_to
		where t.status != 'Cancelled' and u.user_type = 'System User'
			and t.reference_type = %s and t.reference_name in %s
		group by t.allocated_to order by count desc limit 50""",
		(doctype, tuple(names)),
		as_dict=True,
	)


@frappe.whitelist()
def get_chart(chart_name=None, chart=None, **kwargs):
	"""Dashboard charts: the chart's doctype must be readable; a heatmap (which Frappe counts
	without any permission check) only over doctypes the app does not scope."""
	from frappe.desk.doctype.dashboard_chart import dashboard_chart

	spec = (
		frappe.get_doc("Dashboard Chart", chart_name)
		if chart_name
		else frappe._dict(frappe.parse_json(chart))
	)
	if spec.chart_type != "Report" and spec.document_type:
		frappe.has_permission(spec.document_type, "read", throw=True)
		if spec.type == "Heatmap" and guarded(spec.document_type):
			frappe.throw("该数据按权限范围查看，不能做热力图统计", frappe.PermissionError, title="没有权限")
	return dashboard_chart.get(chart_name=chart_name, chart=chart, **kwargs)


@frappe.whitelist()
def get_open_count(doctype: str, name: str, items=None):
	"""A form's connection counts, each counted as the user may read the linked records."""
	from frappe.desk import notifications

	out = notifications.get_open_count(doctype, name, items)
	links = frappe.get_meta(doctype).get_dashboard_data()
	for found in out.get("count", {}).get("external_links_found", []):
		linked = found.get("doctype")
		if not linked or not frappe.has_permission(linked, "read"):
			found.update(count=0, open_count=0)
			continue
		fieldname = links.get("non_standard_fieldnames", {}).get(linked, links.get("fieldname"))
		count = get_count(linked, {fieldname: name})
		found.update(count=count, open_count=min(found.get("open_count") or 0, count))
	return out


def _search_kwargs(doctype: str, kwargs: dict) -> dict:
	if guarded(doctype):
		kwargs["ignore_user_permissions"] = False  # it would also skip the app's scope
	return kwargs


@frappe.whitelist()
def search_link(doctype, txt, **kwargs):
	from frappe.desk import search

	return search.search_link(doctype, txt, **_search_kwargs(doctype, kwargs))


@frappe.whitelist()
def search_widget(doctype, txt, **kwargs):
	from frappe.desk import search

	return search.search_widget(doctype, txt, **_search_kwargs(doctype, kwargs))
