"""Small helpers shared by the controllers of this module."""

from collections.abc import Iterable

import frappe

from sanyou_app.core.proposal import FieldError


def throw_field_errors(errors: Iterable[FieldError], title: str = "无法保存") -> None:
	"""One message naming every refused field and why; nothing is saved."""
	errors = list(errors)
	if errors:
		frappe.throw("<br>".join(frappe.utils.escape_html(str(e)) for e in errors), title=title)
