"""The "六有" standard's items, created when missing; an administrator edits, retires or adds items."""

import frappe

from sanyou_app.core.deputy_work import SIX_HAVES

DESCRIPTIONS = {
	"有场所": "有固定的活动场所",
	"有牌子": "有统一规范的标识牌",
	"有制度": "有代表活动、接待选民等工作制度并上墙",
	"有计划": "有年度活动计划",
	"有活动": "定期开展学习研讨、联系群众、接待选民、向选民述职等活动",
	"有档案": "有代表履职和活动档案",
}


def ensure_room_standard() -> None:
	if frappe.db.count("Room Standard Item"):
		return
	for i, item in enumerate(SIX_HAVES, start=1):
		frappe.get_doc(
			{
				"doctype": "Room Standard Item",
				"item": item,
				"description": DESCRIPTIONS[item],
				"sort_order": i,
			}
		).insert(ignore_permissions=True)
