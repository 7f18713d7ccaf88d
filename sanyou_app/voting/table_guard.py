"""The ballot tables are read and written by the ballot engine alone, in every request and job.

A System Manager reaches SQL on many roads besides the app's own code: Jinja in a Print Format,
Notification or Email Template (`frappe.db.sql`, `frappe.get_all`, `frappe.get_doc` are there),
the System Console (Python under safe_exec, and SQL), Query Reports. Any of them could read the
sealed ballots as they arrive, pair a cast's statements in the server's process list, or read the
opened ballots before the scrutineers sign. Here every statement a request or a background job
sends is refused when it names a ballot table (`tabSecret Ballot`, `tabSealed Ballot`, however
spelled or pieced together), builds a statement from text (PREPARE: a table name assembled at run
time), or reads what the server is doing (the process list, performance_schema, InnoDB's
transactions, the query logs) — unless the ballot engine itself (voting/ballot_box.py) sends it.

What this cannot close is written in docs/voting.md, "Who can learn what".
"""

from __future__ import annotations

import re
from contextlib import contextmanager

import frappe
from frappe.database.database import Database

_SPELLING = re.compile(r"[\s`'\"(),+|]|concat(_ws)?|0x", re.IGNORECASE)
_TABLES = ("tabsecretballot", "tabsealedballot")
_WATCHING = ("processlist", "performance_schema", "innodb_trx", "innodb_locks", "general_log", "slow_log")
_PREPARE = re.compile(
	r"^\s*(prepare|execute|deallocate|create\s+(definer\S*\s+)?(procedure|function|event|trigger|view))\b",
	re.IGNORECASE | re.MULTILINE,
)


class BallotTableRefused(frappe.PermissionError):
	"""A statement outside the ballot engine that names a ballot table or watches the server."""


def refused(query) -> str | None:
	"""Why a statement may not run outside the ballot engine, or None."""
	text = str(query)
	flat = _SPELLING.sub("", text).lower()
	if any(t in flat for t in _TABLES):
		return "选票表只能由投票和计票程序读写"
	if any(w in flat for w in _WATCHING):
		return "投票系统运行时，不能查看数据库正在执行的语句和事务"
	if _PREPARE.search(text):
		return "不能在请求中动态构造数据库语句"
	return None


@contextmanager
def engine():
	"""The ballot engine's own statements (and only them) pass while inside."""
	flags = frappe.local.flags
	before = flags.get("ballot_engine")
	flags.ballot_engine = True
	try:
		yield
	finally:
		flags.ballot_engine = before


def guard():
	"""Switched on for each request and each background job (hooks before_request/before_job)."""
	frappe.local.flags.guard_ballot_tables = True


_original = Database.sql


def sql(self, query, *args, **kwargs):
	flags = getattr(frappe.local, "flags", None)
	if flags and flags.get("guard_ballot_tables") and not flags.get("ballot_engine"):
		if reason := refused(query):
			raise BallotTableRefused(reason)
	return _original(self, query, *args, **kwargs)


sql.sanyou_guarded = True
if not getattr(Database.sql, "sanyou_guarded", False):
	Database.sql = sql
