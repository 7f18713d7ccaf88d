"""Numbers as numbers before any of the app's rules reads them.

What the desk sends is text where a field has a default: a new form's "2" or "15" arrives as a
string, and Frappe v15 casts numbers when it loads a record, not when it saves one from the desk or
the REST API — so a rule comparing `max_advanced_branches < 0` would meet "2" and fail. Every
record of the app's modules has its Int, Float, Currency, Percent and Check fields, its child rows'
included, cast first (hooks: doc_events "*" before_validate, which runs before the controllers'
validate)."""

from sanyou_app.common import MODULES


def cast_numbers(doc, method=None) -> None:
	if doc.meta.module not in MODULES:
		return
	doc._fix_numeric_types()
	for child in doc.get_all_children():
		child._fix_numeric_types()
