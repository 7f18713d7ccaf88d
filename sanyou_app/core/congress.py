"""Rules for people's congresses of every level (市/县/区/乡镇), their deputies and deputy groups."""

from __future__ import annotations

from collections.abc import Mapping

from sanyou_app.core.fields import FieldError, clean_text, is_valid_phone, normalize_phone

GENDERS = ("男", "女")
YES_WORDS = {"是", "Y", "YES", "1", "TRUE", "√"}
NO_WORDS = {"", "否", "N", "NO", "0", "FALSE"}

_CN_DIGITS = "零一二三四五六七八九"

# A deputy's fields as users read them (the import template's columns and every message).
DEPUTY_LABELS = {
	"full_name": "姓名",
	"gender": "性别",
	"village_unit": "选区(村/单位)",
	"phone": "联系电话",
	"is_presidium_member": "主席团成员",
	"deputy_group": "代表小组",
}


def _error(field: str, reason: str) -> FieldError:
	return FieldError(field, reason, DEPUTY_LABELS[field])


def chinese_number(n: int) -> str:
	"""1 → 一, 18 → 十八, 20 → 二十, 105 → 一百零五 (term and session numbers are written so)."""
	if n < 1 or n >= 1000:
		raise ValueError("届次应在1到999之间")
	if n < 10:
		return _CN_DIGITS[n]
	if n < 20:
		return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
	if n < 100:
		return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
	rest = n % 100
	head = _CN_DIGITS[n // 100] + "百"
	if not rest:
		return head
	if rest < 10:
		return head + "零" + _CN_DIGITS[rest]
	return head + (_CN_DIGITS[rest // 10] + "十" + (_CN_DIGITS[rest % 10] if rest % 10 else ""))


LEVELS = ("市", "县", "区", "乡镇")
# The last character of a region's name says its level: 淮北市, 濉溪县, 相山区, 刘桥镇, 某某乡.
_LEVEL_BY_SUFFIX = {"市": "市", "县": "县", "区": "区", "镇": "乡镇", "乡": "乡镇"}


def level_of_region(region: str | None) -> str | None:
	"""The congress level a region's name implies (濉溪县刘桥镇 → 乡镇, 淮北市 → 市), or None."""
	text = clean_text(region)
	return _LEVEL_BY_SUFFIX.get(text[-1]) if text else None


def congress_title(region: str, term_no: int) -> str:
	"""刘桥镇, 18 → 刘桥镇第十八届人民代表大会; 淮北市, 16 → 淮北市第十六届人民代表大会."""
	return f"{clean_text(region)}第{chinese_number(int(term_no))}届人民代表大会"


def session_title(town: str, term_no: int, session_no: int) -> str:
	"""刘桥镇, 18, 8 → 刘桥镇第十八届人民代表大会第八次会议."""
	return f"{congress_title(town, term_no)}第{chinese_number(int(session_no))}次会议"


def parse_flag(value) -> bool:
	if isinstance(value, bool):
		return value
	text = clean_text(value).upper()
	if text in YES_WORDS:
		return True
	if text in NO_WORDS:
		return False
	raise ValueError("应填“是”或“否”")


def clean_deputy(data: Mapping, *, groups: set[str] | None = None) -> tuple[dict, list[FieldError]]:
	"""Validate a deputy (desk or Excel row). `groups`: names of the congress's deputy groups."""
	clean: dict = {
		"full_name": clean_text(data.get("full_name")),
		"gender": clean_text(data.get("gender")),
		"village_unit": clean_text(data.get("village_unit")),
		"phone": normalize_phone(data.get("phone")),
		"deputy_group": clean_text(data.get("deputy_group")) or None,
	}
	errors: list[FieldError] = []
	if not clean["full_name"]:
		errors.append(_error("full_name", "必填"))
	elif len(clean["full_name"]) > 30:
		errors.append(_error("full_name", "不能超过30个字"))
	if clean["gender"] not in GENDERS:
		errors.append(_error("gender", "应填“男”或“女”"))
	if not clean["village_unit"]:
		errors.append(_error("village_unit", "必填"))
	if clean["phone"] and not is_valid_phone(clean["phone"]):
		errors.append(_error("phone", "格式不正确，应为11位手机号或带区号的固定电话"))
	try:
		clean["is_presidium_member"] = int(parse_flag(data.get("is_presidium_member")))
	except ValueError as e:
		errors.append(_error("is_presidium_member", str(e)))
	if clean["deputy_group"] and groups is not None and clean["deputy_group"] not in groups:
		errors.append(_error("deputy_group", f"代表小组“{clean['deputy_group']}”不存在"))
	return clean, errors


# --- many towns on one site ---------------------------------------------------------------------
TOWN_LEVEL = "乡镇"


def scoped_to_own_congress(level: str | None, user: str | None, active) -> bool:
	"""A deputy of a town congress who logs in sees only that congress's records (a User
	Permission on it): the towns of a county share one site. A city or county deputy is not
	scoped (the organ's deputy work spans its congresses)."""
	return level == TOWN_LEVEL and bool(user) and bool(active)


def previous_term(congresses: list[Mapping], new: Mapping) -> str | None:
	"""The congress a new one follows: the same region and level, the latest earlier term."""
	earlier = [
		c
		for c in congresses
		if c["name"] != new["name"]
		and c.get("region") == new.get("region")
		and c.get("level") == new.get("level")
		and (c.get("term_no") or 0) < (new.get("term_no") or 0)
	]
	return max(earlier, key=lambda c: c.get("term_no") or 0)["name"] if earlier else None
