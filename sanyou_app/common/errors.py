"""Refusing a save with one message that names every field and why; and a server error told to
users in one plain sentence, never with its traceback."""

import json
from collections.abc import Iterable

import frappe
from frappe.monitor import get_trace_id

from sanyou_app.core.fields import FieldError


def throw_field_errors(errors: Iterable[FieldError], title: str = "无法保存") -> None:
	"""One message naming every refused field and why; nothing is saved."""
	errors = list(errors)
	if errors:
		frappe.throw("<br>".join(frappe.utils.escape_html(str(e)) for e in errors), title=title)


# --- server errors -------------------------------------------------------------------------------
#
# Frappe v15 answers a request that fails with the error's full traceback (the JSON's `exc` and
# `exception`, API v2's `errors[].exception`, the "Server Error" page) whenever System Settings'
# "Show Full Error" (allow_error_traceback, on by default) is set: any logged-in user reads the
# code's paths and lines. Its own per-request switch, `flags.disable_traceback`
# (frappe/utils/response.py report_error, frappe/app.py handle_exception), leaves them out; the
# Error Log records the error all the same.

SERVER_ERROR = "服务器出错，已记入错误日志（{reference}），请联系管理员。"


def hide_tracebacks() -> None:
	"""before_request: outside developer mode, only Administrator is sent tracebacks. (A request
	signed with an API key is still Guest here, so it is sent none either.)"""
	if not frappe.conf.developer_mode and frappe.session.user != "Administrator":
		frappe.local.flags.disable_traceback = True


def plain_server_error(response=None, request=None) -> None:
	"""after_request: a server error answered without its traceback says so in one sentence, with
	what leads the administrator to its Error Log: the request's trace ID where the site records
	one (site config `monitor`; the Error Log's Trace ID), else the time of the error. (Frappe
	inserts a request's Error Log a little later, from a queue, so it has no name yet.)"""
	if (
		response is None
		or response.status_code < 500
		or response.mimetype != "application/json"
		or not frappe.local.flags.disable_traceback
	):
		return
	try:
		data = json.loads(response.get_data())
	except ValueError:
		return
	if not isinstance(data, dict):
		return
	trace_id = get_trace_id()
	reference = f"编号 {trace_id}" if trace_id else frappe.utils.now_datetime().strftime("%Y-%m-%d %H:%M:%S")
	message = SERVER_ERROR.format(reference=reference)
	if isinstance(data.get("errors"), list):  # API v2
		for error in data["errors"]:
			if isinstance(error, dict) and not error.get("message"):
				error["message"] = message
	elif not data.get("_server_messages"):
		data["_server_messages"] = json.dumps([json.dumps({"message": message, "title": "服务器出错"})])
	else:
		return
	response.set_data(json.dumps(data, ensure_ascii=False))
