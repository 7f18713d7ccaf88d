"""No counting or aggregating of what a user may not read, for any doctype, on any road.

Frappe v15 leaves several whitelisted roads that count or group records without the permission
check a list applies (`frappe.client.get_count`, the sidebar's "assigned to" counts, a heatmap
chart, a form's connection counts, link search asked to ignore User Permissions), and every road
accepts filters on fields the user may not read, so a user can count records by a hidden value.
This module closes them for every doctype:

- `check_request` (an auth hook, run once the request's user is known): a request that names a
  sealed doctype (ballots) anywhere, in its path or any parameter, JSON and escapes inside them
  decoded, is refused for everyone, Administrator included. A request is refused when any of
  its SQL-bearing parameters (fields, filters, or_filters, order_by, sort_by/sort_order,
  group_by, having, aggregate_on_field/aggregate_on_doctype, the field names of group-by counts,
  sidebar stats, number cards, dashboard charts, calendars and link search, JSON inside them
  decoded) names a field the user may not read (permission level; a child table's field as read
  under its parent) or a table whose records the query would read without their scope. Every
  identifier in an SQL expression is found (`tabX`.`field`, `tabX`.field, table_field.field,
  link_field.field, field); for the app's scoped doctypes an identifier that names nothing known
  is refused too (whatever the method: lists, report view, exports, group-by counts, number
  cards, dashboard charts, link search, REST).
- overrides of the counting methods that check no permission, so they count through
  `frappe.get_list` (role permissions, User Permissions, permission query conditions, shares).

See docs/permissions.md, "Counting and aggregating".
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import frappe
from frappe.model import child_table_fields, default_fields, optional_fields, table_fields

from sanyou_app.common.scope import app_doctypes, record_scoped
from sanyou_app.core.periods import period_label
from sanyou_app.core.sql_names import aliases as _aliases
from sanyou_app.core.sql_names import decode, has_comment, references
from sanyou_app.core.voting import BALLOT_DOCTYPES as SEALED
from sanyou_app.core.voting import NAMED_ONLY_DOCTYPES as NAMED_ONLY

_DOCTYPE_KEYS = ("doctype", "document_type", "reference_doctype")
_PARENT_KEYS = ("parent", "parent_doctype", "parenttype", "parent_document_type")
_NESTED = ("doc", "chart", "args")  # JSON objects that carry a doctype and its query
# parameters that carry filters: [field, op, value], [doctype, field, op, value], {field: value}
_FILTER_KEYS = ("filters", "or_filters", "current_filters", "filters_json", "dynamic_filters_json")
# parameters whose text is an SQL expression or a list of them, or names fields
_EXPRESSION_KEYS = (
	"fields",
	"fieldname",
	"field",
	"order_by",
	"sort_by",
	"sort_order",
	"group_by",
	"having",
	"stats",
	"searchfield",
	"based_on",
	"value_based_on",
	"group_by_based_on",
	"aggregate_function_based_on",
	"field_map",
)
# the keys of a calendar's field map that frappe.desk.calendar.get_events reads as columns
_CALENDAR_COLUMNS = ("start", "end", "title", "color")
# names that are no column: the sidebar's "assigned to" counts
_PSEUDO = {"assigned_to"}
_ALWAYS_READABLE = {f.lower() for f in (*default_fields, *optional_fields, *child_table_fields, "name")}


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


def _unquoted(text: str) -> str:
	for _ in range(5):
		decoded = unquote(text)
		if decoded == text:
			break
		text = decoded
	return text


def refused_doctype(path: str, form: dict, user: str) -> str | None:
	"""The sealed (or, for Administrator, named-only) doctype a request names, if any: in its path
	or in any parameter, JSON and escapes inside them decoded."""
	blocked = list(SEALED) + (list(NAMED_ONLY) if user == "Administrator" else [])
	needles = _names(blocked)
	haystack = [_unquoted(path or "").lower()]
	for text in _strings([form, decode(form)]):
		haystack += [text.lower(), _unquoted(text).lower()]
	for text in haystack:
		text = " ".join(text.split())
		for needle in needles:
			if needle in text:
				return blocked[needles.index(needle) // 3]
	return None


def _expressions(value) -> list[str]:
	"""The SQL expressions a decoded parameter holds."""
	if isinstance(value, str):
		return [value]
	if isinstance(value, int | float):
		return [str(value)]
	if isinstance(value, dict):  # a calendar's field map: {"start": "fieldname", ...}
		return [v for v in value.values() if isinstance(v, str)]
	if isinstance(value, list | tuple):
		out = []
		for v in value:
			if isinstance(v, dict):  # a filter dashboard's stats: [{"name": fieldname, "type": ...}]
				out += [v[k] for k in ("name", "fieldname") if isinstance(v.get(k), str)]
			else:
				out += _expressions(v)
		return out
	return []


def _filter_expressions(filters, doctype: str) -> list[tuple[str, str]]:
	"""(doctype, SQL expression) of every condition in Frappe's filter forms."""
	out: list[tuple[str, str]] = []
	if isinstance(filters, dict):
		out += [(doctype, str(k)) for k in filters]
	elif isinstance(filters, list | tuple):
		for f in filters:
			if isinstance(f, str):  # a condition written in SQL
				out.append((doctype, f))
			elif isinstance(f, list | tuple):
				if len(f) >= 4 and isinstance(f[0], str) and isinstance(f[1], str):
					out.append((f[0], f[1]))
				elif f and isinstance(f[0], str):
					out.append((doctype, f[0]))
			elif isinstance(f, dict):
				out += [(doctype, str(k)) for k in f]
	return out


class Reader:
	"""What one user may read, asked once per doctype in a request."""

	def __init__(self, user: str):
		self.user = user
		self._fields: dict = {}
		self._doctypes: dict = {}

	def doctype(self, name: str) -> str | None:
		"""The doctype a name stands for, as the database matches it (whatever its case)."""
		if not name or not name.strip():
			return None
		if name not in self._doctypes:
			self._doctypes[name] = frappe.db.get_value("DocType", name.strip(), "name")
		return self._doctypes[name]

	def permitted(self, doctype: str, parenttype: str | None) -> set[str]:
		key = (doctype, parenttype)
		if key not in self._fields:
			self._fields[key] = {
				f.lower()
				for f in frappe.model.get_permitted_fields(doctype, parenttype=parenttype, user=self.user)
			}
		return self._fields[key]

	def may_read_table(self, doctype: str, parenttype: str | None) -> bool:
		if frappe.get_meta(doctype).istable:
			return bool(parenttype) and frappe.has_permission(
				doctype, "read", user=self.user, parent_doctype=parenttype
			)
		return frappe.has_permission(doctype, "read", user=self.user) or frappe.has_permission(
			doctype, "select", user=self.user
		)


def _tables_of(doctype: str) -> dict[str, str]:
	"""{table field: child doctype} of a doctype."""
	return {
		df.fieldname.lower(): df.options
		for df in frappe.get_meta(doctype).fields
		if df.fieldtype in table_fields
	}


def _check_reference(reader: Reader, doctype: str, parent: str | None, qualifier, column, aliases):
	"""None when the user may read what (qualifier, column) names in a query of `doctype`, else the
	(doctype, label) refused."""
	meta = frappe.get_meta(doctype)
	table, parenttype = doctype, parent if meta.istable else None
	strict = doctype in app_doctypes() and record_scoped(doctype)
	if qualifier is not None:
		name = qualifier[3:] if qualifier.lower().startswith("tab") else None
		resolved = reader.doctype(name) if name else None
		if not resolved and name and re.match(r".+_\d+$", name):
			resolved = reader.doctype(name.rsplit("_", 1)[0])  # Frappe's alias of a linked table
		if resolved:
			table = resolved
		elif (child := _tables_of(doctype).get(qualifier.lower())) is not None:
			table = child  # table_field.field
		elif (df := meta.get_field(qualifier)) and df.fieldtype == "Link":
			if qualifier.lower() not in reader.permitted(doctype, parenttype):
				return doctype, df.label or qualifier
			table = df.options  # link_field.field: Frappe joins the linked table
			if column and column == frappe.get_meta(table).title_field:
				# the list view shows a link by its record's title ("secretary.full_name as
				# secretary_full_name"), as the form does: read if the user reads that field
				if not reader.may_read_table(table, None) or column.lower() not in reader.permitted(
					table, None
				):
					return table, column
				return None
		else:
			return (doctype, qualifier) if strict else None
		if table != doctype:
			if table in _tables_of(doctype).values():
				parenttype = doctype
			elif record_scoped(table):
				return table, table  # joined without the scope of its records
			else:
				parenttype = None
			if not reader.may_read_table(table, parenttype):
				return table, table
	if not column or column == "*":
		return None
	lowered = column.lower()
	if lowered in _ALWAYS_READABLE:
		return None
	table_meta = frappe.get_meta(table)
	field = next((df for df in table_meta.fields if df.fieldname.lower() == lowered), None)
	if not field:
		if qualifier is None and (lowered in aliases or lowered in _PSEUDO):
			return None
		return (table, column) if strict or (table in app_doctypes() and record_scoped(table)) else None
	if table_meta.istable and not parenttype:
		return None  # Frappe itself refuses a child-table query without its parent
	if lowered not in reader.permitted(table, parenttype):
		return table, field.label or column
	return None


def _queries(form: dict, path_doctype: str | None) -> list[dict]:
	"""Every query a request's parameters describe: the form itself and the JSON objects in it
	that carry a doctype (a number card, a dashboard chart)."""
	sources = [form] + [p for key in _NESTED if isinstance(p := form.get(key), dict)]
	out = []
	for source in sources:
		doctype = next((source.get(k) for k in _DOCTYPE_KEYS if isinstance(source.get(k), str)), None)
		if source is form and path_doctype:
			doctype = path_doctype
		if not doctype:
			continue
		parent = next((source.get(k) for k in _PARENT_KEYS if isinstance(source.get(k), str)), None)
		query = {"doctype": doctype, "parent": parent, "filters": [], "expressions": []}
		for key in _FILTER_KEYS:
			if source.get(key):
				query["filters"].append(source[key])
		if source is not form:
			for key in _FILTER_KEYS:  # a number card's or chart's own filters come beside it
				if form.get(key):
					query["filters"].append(form[key])
		for key in _EXPRESSION_KEYS:
			if source.get(key) not in (None, ""):
				value = source[key]
				if key == "field_map" and isinstance(value, dict):
					# a calendar's map: Frappe queries its start, end, title and color fields; the
					# rest (allDay, id) name the event's keys in the browser, not columns
					value = {k: v for k, v in value.items() if k in _CALENDAR_COLUMNS}
				query["expressions"] += _expressions(value)
		if source.get("aggregate_on_field"):
			on = source.get("aggregate_on_doctype") or doctype
			query["expressions"].append(f"`tab{on}`.`{source['aggregate_on_field']}`")
		out.append(query)
	return out


def unreadable_reference(form: dict, user: str, path_doctype: str | None = None) -> tuple[str, str] | None:
	"""(doctype, field label) of the first thing a request's SQL-bearing parameters name that the
	user may not read: a field (permission level, a child table's field), or a table."""
	reader = Reader(user)
	for query in _queries(form, path_doctype):
		doctype = reader.doctype(query["doctype"])
		if not doctype:
			continue
		parent = reader.doctype(query["parent"]) if query["parent"] else None
		checks: list[tuple[str, str]] = []
		for filters in query["filters"]:
			if isinstance(filters, str):
				continue  # a record's name (frappe.client.get_value)
			checks += _filter_expressions(filters, doctype)
		checks += [(doctype, e) for e in query["expressions"]]
		aliases = set().union(*(_aliases(e) for _, e in checks)) if checks else set()
		for table, expression in checks:
			if has_comment(expression):
				return doctype, expression
			table = reader.doctype(table) or doctype  # a filter on another table joins it
			for qualifier, column in references(expression):
				if table != doctype and qualifier is None:
					qualifier = f"tab{table}"
				if hit := _check_reference(reader, doctype, parent, qualifier, column, aliases):
					return hit
	return None


def path_doctype(request) -> str | None:
	"""The doctype a REST path names (/api/resource/<doctype>, /api/v2/document/<doctype>)."""
	if not (request.path or "").startswith("/api/"):
		return None
	try:
		from frappe.api import API_URL_MAP

		_, arguments = API_URL_MAP.bind_to_environ(request.environ).match()
	except Exception:
		return None
	return arguments.get("doctype")


# methods whose filters Frappe handles as a list only
_LIST_FILTERS_ONLY = ("frappe.desk.reportview.get_sidebar_stats", "frappe.desk.reportview.get_stats")


def malformed_field(form: dict, cmd: str | None = None) -> tuple[int, str] | None:
	"""(position, text) of the first column of a query's `fields` that Frappe's own checks would
	crash on instead of refusing: a list where a column belongs, or an expression in which Frappe
	finds no column ("sum(count) as x": `count` read as the function). Refused here with a message,
	they leave no Error Log for the administrator to puzzle over. A `fields` of records (a
	DocType's fields, as the desk saves it) is no query and is left alone. Position 0: the
	filters, given as a dict to a method that takes a list."""
	from frappe.desk.reportview import extract_fieldnames

	if cmd in _LIST_FILTERS_ONLY and isinstance(form.get("filters"), dict):
		# Frappe's sidebar counts add a condition to the filters as to a list: a dict breaks it
		return 0, frappe.as_json(form["filters"], indent=None)
	fields = form.get("fields")
	if not isinstance(fields, list | tuple) or any(isinstance(item, dict) for item in fields):
		return None
	for position, item in enumerate(fields, start=1):
		if not isinstance(item, str):
			return position, frappe.as_json(item, indent=None)
		if item.strip() == "*":
			continue
		try:
			names = extract_fieldnames(item)
		except Exception:
			names = []
		if not names or not names[0]:
			return position, item
	return None


def _method_of(path: str | None) -> str | None:
	"""The whitelisted method a /api/method/<method> path calls."""
	for prefix in ("/api/method/", "/api/v1/method/", "/api/v2/method/"):
		if (path or "").startswith(prefix):
			return _unquoted(path[len(prefix) :]).strip("/")
	return None


def check_request():
	request = getattr(frappe.local, "request", None)
	if not request:
		return
	user = frappe.session.user if getattr(frappe.local, "session", None) else "Guest"
	form = dict(frappe.local.form_dict or {})
	cmd = form.pop("cmd", None) or _method_of(request.path)
	if doctype := refused_doctype(request.path, form, user):
		frappe.throw(f"“{frappe._(doctype)}”的内容任何人都不能查看", frappe.PermissionError, title="没有权限")
	if user != "Administrator" and (hit := unreadable_reference(decode(form), user, path_doctype(request))):
		frappe.throw(
			f"您无权查看“{frappe._(hit[0])}”的“{frappe._(hit[1])}”，不能按该字段查询、排序、分组或统计",
			frappe.PermissionError,
			title="没有权限",
		)
	if bad := malformed_field(decode(form), cmd):
		frappe.throw(
			f"查询的筛选条件（filters）应为列表：“{bad[1]}”"
			if bad[0] == 0
			else f"查询的字段（fields）第 {bad[0]} 项“{bad[1]}”不是可以查询的字段或表达式",
			frappe.ValidationError,
			title="查询无效",
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
	kwargs = frappe_params(dashboard_chart.get, kwargs)
	out = dashboard_chart.get(chart_name=chart_name, chart=chart, **kwargs)
	if isinstance(out, dict) and isinstance(out.get("labels"), list):
		out["labels"] = [period_label(label) for label in out["labels"]]  # "Dec 2025" → 2025年12月
	return out


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


def frappe_params(function, kwargs: dict) -> dict:
	"""The parameters Frappe's own `function` takes, out of all the request sent: Frappe hands an
	override that takes **kwargs the whole form, `cmd` and the desk's extras among them."""
	import inspect

	accepted = set(inspect.signature(function).parameters)
	return {k: v for k, v in kwargs.items() if k in accepted}


def _search_kwargs(function, doctype: str, kwargs: dict) -> dict:
	kwargs = {k: v for k, v in frappe_params(function, kwargs).items() if k not in ("doctype", "txt")}
	if guarded(doctype):
		kwargs["ignore_user_permissions"] = False  # it would also skip the app's scope
	return kwargs


@frappe.whitelist()
def search_link(doctype, txt, **kwargs):
	from frappe.desk import search

	return search.search_link(doctype, txt, **_search_kwargs(search.search_link, doctype, kwargs))


@frappe.whitelist()
def search_widget(doctype, txt, **kwargs):
	from frappe.desk import search

	return search.search_widget(doctype, txt, **_search_kwargs(search.search_widget, doctype, kwargs))
