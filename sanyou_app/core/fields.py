"""Rules every module shares for what people type: a refused field and why, clean text, phone
numbers, amounts and dates. Plain Python; the modules' own rules build on these."""

from __future__ import annotations

import datetime as _dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import phonenumbers

MAX_AMOUNT = Decimal("100000")  # 万元: ten billion yuan, far above any town project

# A phone number is one that numbering plan assigns (libphonenumber's metadata, kept up to date):
# a mobile, or a landline with its area code; an extension may follow a landline after "-".
_PHONE_TYPES = (
	phonenumbers.PhoneNumberType.MOBILE,
	phonenumbers.PhoneNumberType.FIXED_LINE,
	phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)
_EXTENSION = re.compile(r"^(0[\d-]+)-(\d{1,6})$")
# A tag starts with a letter, "/", "!" or "?" after "<" (as browsers read it), so text such as
# "路宽<3米，需>5米" is kept.
_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")
# Control characters (other than tab and line breaks): never meant, and refused by Excel exports.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACE = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class FieldError:
	"""One reason a value was refused: which field, and why (in the users' words)."""

	field: str
	reason: str
	field_label: str | None = None

	@property
	def label(self) -> str:
		return self.field_label or self.field

	def __str__(self) -> str:
		return f"{self.label}：{self.reason}"


def _strip_tags(text: str) -> str:
	"""Remove tags until none is left: removing "<b>" from "<<b>script>" would make a new one."""
	while True:
		stripped = _TAG.sub("", text)
		if stripped == text:
			return text
		text = stripped


def clean_text(value) -> str:
	"""Text as stored: HTML tags and entities removed, runs of blanks folded, ends trimmed."""
	if value is None:
		return ""
	text = _strip_tags(_CONTROL.sub("", str(value)))
	# tags that were entity-escaped in the input, or hidden by control characters inside them
	text = _strip_tags(_CONTROL.sub("", html.unescape(text)))
	lines = [_SPACE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
	return "\n".join(line for line in lines if line).strip()


def normalize_phone(value) -> str:
	text = clean_text(value)
	text = text.replace(" ", "").replace("－", "-").replace("—", "-")
	if text.startswith("+86"):
		text = text[3:]
	if isinstance(value, (int, float)) and not isinstance(value, bool):
		text = str(int(value))
	return text


def is_valid_phone(phone: str) -> bool:
	"""A Chinese mobile (13912345678) or landline with its area code (0561-3012345, 010-12345678,
	010-12345678-123 with an extension), as numbered today."""
	extension = _EXTENSION.match(phone)
	number = extension.group(1) if extension and not _is_phone(phone) else phone
	return _is_phone(number)


def _is_phone(text: str) -> bool:
	# as dialled inside China: a mobile from its 1, a landline from its area code's 0 (libphonenumber
	# would also read "561-3012345", the area code without its 0)
	if text[:1] not in ("0", "1"):
		return False
	try:
		number = phonenumbers.parse(text, "CN")
	except phonenumbers.NumberParseException:
		return False
	return (
		number.country_code == 86
		and phonenumbers.is_valid_number(number)
		and phonenumbers.number_type(number) in _PHONE_TYPES
	)


def parse_amount(value) -> Decimal | None:
	"""An amount in 万元 with at most two decimals; None when empty. Raises ValueError otherwise."""
	if value is None or (isinstance(value, str) and not value.strip()):
		return None
	try:
		amount = Decimal(str(value).strip().replace(",", "").replace("，", ""))
	except InvalidOperation:
		raise ValueError("应为数字（单位：万元）") from None
	if not amount.is_finite():
		raise ValueError("应为数字（单位：万元）")
	if amount < 0:
		raise ValueError("不能为负数")
	if amount > MAX_AMOUNT:
		raise ValueError(f"不能超过{MAX_AMOUNT}万元")
	return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def parse_date(value) -> _dt.date | None:
	if value is None or value == "":
		return None
	if isinstance(value, _dt.datetime):
		return value.date()
	if isinstance(value, _dt.date):
		return value
	text = str(value).strip().replace("/", "-").replace(".", "-")
	for pattern in ("%Y-%m-%d", "%Y年%m月%d日"):
		try:
			return _dt.datetime.strptime(text, pattern).date()
		except ValueError:
			continue
	raise ValueError("应为日期，如 2021-12-31")


def read_date(data: Mapping, name: str, errors: list, error, *, required: bool = False) -> _dt.date | None:
	"""A date field of a form or an Excel row: the date, or None with the reason added to `errors`.

	`error(name, reason)` makes the module's FieldError (with its own label); a missing date is an
	error only when `required`.
	"""
	try:
		day = parse_date(data.get(name))
	except ValueError as e:
		errors.append(error(name, str(e)))
		return None
	if day is None and required:
		errors.append(error(name, "必填"))
	return day
