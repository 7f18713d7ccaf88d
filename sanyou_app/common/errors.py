"""Refusing a save with one message that names every field and why."""

from collections.abc import Iterable

import frappe

from sanyou_app.core.fields import FieldError


def throw_field_errors(errors: Iterable[FieldError], title: str = "无法保存") -> None:
	"""One message naming every refused field and why; nothing is saved."""
	errors = list(errors)
	if errors:
		frappe.throw("<br>".join(frappe.utils.escape_html(str(e)) for e in errors), title=title)
