"""The rectification list (整改清单) as other modules use it: problems found in a satisfaction
survey, an inspection or the yearly assessment become rectification items.

    from sanyou_app.common.rectification import create_items
    names = create_items("Assessment Score Sheet", sheet.name, "两争考核", [
        {"problem": "...", "owner_doctype": "Party Branch", "owner_name": branch,
         "deadline": "2026-03-31", "plan": "..."},
    ])

Each item dict: problem (required), deadline (required), owner_doctype + owner_name and/or
owner_user (at least one), plan (optional). Items are created as the system (the caller decides
who may raise them), all or none: if any item is refused, nothing is saved and one message names
every refused item and field. The same problem of the same source is never listed twice: an item
already on the list (from an earlier call, or twice in this one) is not created again, and its
existing name is returned in its place.
"""

import frappe

from sanyou_app.core.fields import FieldError
from sanyou_app.core.rectification import SOURCE_KINDS, item_errors, problem_key

DOCTYPE = "Rectification Item"
FIELDS = ("problem", "owner_doctype", "owner_name", "owner_user", "plan", "deadline")


def create_items(source_doctype: str, source_name: str, source_kind: str, items: list[dict]) -> list[str]:
	"""Create the items of one source document; returns one item name per given item, in order."""
	if source_kind not in SOURCE_KINDS:
		frappe.throw(f"问题来源：应为{'、'.join(SOURCE_KINDS)}之一", title="无法列入整改清单")
	if not source_doctype or not source_name or not frappe.db.exists(source_doctype, source_name):
		frappe.throw(f"来源单据：{source_doctype} {source_name}不存在", title="无法列入整改清单")
	today = frappe.utils.getdate()
	messages: list[str] = []
	for row, item in enumerate(items, start=1):
		unknown = sorted(set(item) - set(FIELDS))
		errors: list = [FieldError(k, "不是整改事项的字段") for k in unknown]
		errors += item_errors({**item, "source_kind": source_kind}, today=today)[1]
		owner = item.get("owner_doctype"), item.get("owner_name")
		if all(owner) and not frappe.db.exists(*owner):
			errors.append(f"责任单位：{item['owner_name']}不存在")
		if item.get("owner_user") and not frappe.db.exists("User", item["owner_user"]):
			errors.append(f"责任人：{item['owner_user']}不存在")
		messages += [f"第{row}项 {e}" for e in errors]
	if messages:
		frappe.throw("<br>".join(frappe.utils.escape_html(m) for m in messages), title="无法列入整改清单")

	# on a site with several towns, an item raised by a town's survey or inspection is that town's
	congress = (
		frappe.db.get_value(source_doctype, source_name, "congress")
		if frappe.get_meta(source_doctype).has_field("congress")
		else None
	)
	names: list[str] = []
	made: dict[str, str] = {}
	savepoint = "rectification_items"
	frappe.db.savepoint(savepoint)
	try:
		for item in items:
			key = problem_key(source_doctype, source_name, item.get("problem"))
			name = made.get(key) or frappe.db.get_value(DOCTYPE, {"problem_key": key}, "name")
			if not name:
				doc = frappe.get_doc(
					{
						"doctype": DOCTYPE,
						"source_doctype": source_doctype,
						"source_name": source_name,
						"source_kind": source_kind,
						"congress": congress,
						**{k: item.get(k) for k in FIELDS},
					}
				)
				doc.insert(ignore_permissions=True)
				name = doc.name
			made[key] = name
			names.append(name)
	except Exception:
		frappe.db.rollback(save_point=savepoint)
		raise
	return names
