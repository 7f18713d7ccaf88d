"""Party dues (党费): the rate for a base, the monthly records of a branch, what is unpaid, and the
yearly ledger (党费缴纳台账).

The rates are those of the 2008 rules on collecting party dues (《关于中国共产党党费收缴、使用和
管理的规定》) for members in service: of the monthly salary after tax (缴纳基数), up to 3,000
yuan 0.5%, up to 5,000 yuan 1%, up to 10,000 yuan 1.5%, above that 2%. A member's record may set
another rate, or a fixed monthly amount (members without a salary base pay 0.2 to 1 yuan).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sanyou_app.core.fields import FieldError, parse_date
from sanyou_app.core.party import ON_ROLL, branch_sort_key
from sanyou_app.core.periods import month_end

CENT = Decimal("0.01")
# (upper bound of the base inclusive, rate in percent); None: no upper bound.
IN_SERVICE_BANDS: tuple[tuple[Decimal | None, Decimal], ...] = (
	(Decimal(3000), Decimal("0.5")),
	(Decimal(5000), Decimal(1)),
	(Decimal(10000), Decimal("1.5")),
	(None, Decimal(2)),
)
PAID = "已缴"
UNPAID = "未缴"
MONTHS = tuple(range(1, 13))

LABELS = {
	"member": "党员",
	"year": "年度",
	"month": "月份",
	"base": "缴纳基数",
	"rate": "比例(%)",
	"amount": "应缴金额(元)",
	"paid_amount": "实缴金额(元)",
	"paid_on": "缴纳日期",
	"paid_by": "代缴人",
}


def _error(name: str, reason: str, label: str | None = None) -> FieldError:
	return FieldError(name, reason, label or LABELS.get(name, name))


def _decimal(value) -> Decimal | None:
	if value is None or value == "":
		return None
	return Decimal(str(value))


def rate_for(base, bands=IN_SERVICE_BANDS) -> Decimal:
	"""The rate (percent) the 2008 rules set for a monthly base."""
	base = _decimal(base) or Decimal(0)
	for upper, rate in bands:
		if upper is None or base <= upper:
			return rate
	raise ValueError("bands must end with an unbounded band")


def monthly_amount(base=None, rate=None, fixed=None) -> Decimal:
	"""The monthly dues in yuan, to the fen: a fixed amount if set, else base × rate."""
	fixed = _decimal(fixed)
	if fixed:
		return fixed.quantize(CENT, rounding=ROUND_HALF_UP)
	base = _decimal(base) or Decimal(0)
	rate = _decimal(rate) or rate_for(base)  # no rate (or 0): the rate of the base's band
	return (base * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class MonthPlan:
	records: list[dict] = field(default_factory=list)
	skipped: list[tuple[str, str]] = field(default_factory=list)  # (member name, why)
	errors: list[FieldError] = field(default_factory=list)


def plan_month(members: Iterable[Mapping], year: int, month: int, existing: Iterable[str] = ()) -> MonthPlan:
	"""The dues records of one month for a branch's members: one per member on the roll who had
	joined by the month's end and has no record for the month yet.

	A member with neither a base nor a fixed amount is an error naming the member: the caller
	saves nothing then (the whole branch or none).
	"""
	plan = MonthPlan()
	if month not in MONTHS:
		plan.errors.append(_error("month", "应为1到12"))
		return plan
	have = set(existing)
	last_day = month_end(year, month)
	for m in members:
		who = m.get("full_name") or m["name"]
		if m.get("status", ON_ROLL) != ON_ROLL:
			continue
		joined = parse_date(m.get("joined_on"))
		if joined and joined > last_day:
			plan.skipped.append((m["name"], f"{who}{year}年{month}月尚未入党"))
			continue
		if m["name"] in have:
			plan.skipped.append((m["name"], f"{who}{year}年{month}月的党费记录已存在"))
			continue
		base, rate, fixed = (
			_decimal(m.get("dues_base")),
			_decimal(m.get("dues_rate")),
			_decimal(m.get("dues_fixed")),
		)
		if not fixed and not base:
			plan.errors.append(_error("base", "未填写缴纳基数（或每月固定党费）", f"党员{who}的党费缴纳基数"))
			continue
		if not fixed and not rate:
			rate = rate_for(base)
		plan.records.append(
			{
				"member": m["name"],
				"full_name": m.get("full_name"),
				"party_branch": m.get("party_branch"),
				"party_group": m.get("party_group"),
				"year": year,
				"month": month,
				"base": base or Decimal(0),
				"rate": rate if not fixed else Decimal(0),
				"fixed_amount": fixed or Decimal(0),
				"amount": monthly_amount(base, rate, fixed),
			}
		)
	if plan.errors:
		plan.records = []
	return plan


def clean_dues(data: Mapping, *, today: dt.date) -> tuple[dict, list[FieldError]]:
	"""A dues record as saved: amount recomputed from base and rate (or the fixed amount), paid
	amount defaulting to the amount due, status derived from the payment date."""
	errors: list[FieldError] = []
	year, month = data.get("year"), data.get("month")
	if not year or not (2000 <= int(year) <= today.year + 1):
		errors.append(_error("year", f"应在2000到{today.year + 1}之间"))
	if month not in MONTHS:
		errors.append(_error("month", "应为1到12"))
	base, rate, fixed = (
		_decimal(data.get("base")),
		_decimal(data.get("rate")),
		_decimal(data.get("fixed_amount")),
	)
	for name, value in (("base", base), ("rate", rate), ("fixed_amount", fixed)):
		if value is not None and value < 0:
			errors.append(_error(name, "不能为负数", "每月固定党费" if name == "fixed_amount" else None))
	if rate is not None and rate > 100:
		errors.append(_error("rate", "不能超过100"))
	if not fixed and not base:
		errors.append(_error("base", "未填写缴纳基数（或每月固定党费）"))
	clean: dict = {}
	if not errors:
		if fixed:
			clean.update(rate=Decimal(0), amount=monthly_amount(fixed=fixed))
		else:
			rate = rate or rate_for(base)
			clean.update(rate=rate, amount=monthly_amount(base, rate))
	try:
		paid_on = parse_date(data.get("paid_on"))
	except ValueError as e:
		errors.append(_error("paid_on", str(e)))
		paid_on = None
	paid_amount = _decimal(data.get("paid_amount"))
	if paid_on:
		if paid_on > today:
			errors.append(_error("paid_on", "不能晚于今天"))
		if not paid_amount and "amount" in clean:
			paid_amount = clean["amount"]
		if paid_amount is not None and "amount" in clean and paid_amount < clean["amount"]:
			errors.append(_error("paid_amount", f"少于应缴金额{clean['amount']}元"))
		clean["status"] = PAID
		clean["paid_amount"] = paid_amount
	else:
		if data.get("paid_by"):
			errors.append(_error("paid_by", "尚未填写缴纳日期"))
		clean["status"] = UNPAID
		clean["paid_amount"] = Decimal(0)
	return clean, errors


@dataclass(frozen=True)
class UnpaidRow:
	member: str
	full_name: str
	branch: str
	group: str | None
	months: tuple[tuple[int, int], ...]  # (year, month), oldest first
	owed: Decimal

	@property
	def months_text(self) -> str:
		by_year: dict[int, list[int]] = {}
		for y, m in self.months:
			by_year.setdefault(y, []).append(m)
		return "；".join(f"{y}年" + "、".join(f"{m}月" for m in ms) for y, ms in by_year.items())


def unpaid(rows: Iterable[Mapping], *, through: tuple[int, int] | None = None) -> list[UnpaidRow]:
	"""Members with unpaid months (up to `through`, a (year, month)), most months first."""
	by_member: dict[str, dict] = {}
	for r in rows:
		if r.get("paid_on") or r.get("status") == PAID:
			continue
		period = (int(r["year"]), int(r["month"]))
		if through and period > through:
			continue
		entry = by_member.setdefault(
			r["member"],
			{
				"full_name": r.get("full_name") or r["member"],
				"branch": r.get("party_branch") or "",
				"group": r.get("party_group"),
				"months": [],
				"owed": Decimal(0),
			},
		)
		entry["months"].append(period)
		entry["owed"] += _decimal(r.get("amount")) or Decimal(0)
	out = [
		UnpaidRow(member, e["full_name"], e["branch"], e["group"], tuple(sorted(e["months"])), e["owed"])
		for member, e in by_member.items()
	]
	out.sort(key=lambda u: (branch_sort_key(u.branch), -len(u.months), u.full_name))
	return out


@dataclass(frozen=True)
class LedgerLine:
	member: str
	full_name: str
	months: tuple[Decimal | None, ...]  # amount paid per month (None: no record, 0 + unpaid: owed)
	unpaid_months: tuple[int, ...]
	due: Decimal
	paid: Decimal


@dataclass(frozen=True)
class Ledger:
	lines: tuple[LedgerLine, ...]
	month_paid: tuple[Decimal, ...]
	due: Decimal
	paid: Decimal


def ledger(rows: Iterable[Mapping], order: Sequence[str] | None = None) -> Ledger:
	"""A branch's year: one line per member, the amount paid each month, and the totals."""
	per: dict[str, dict] = {}
	for r in rows:
		line = per.setdefault(
			r["member"],
			{
				"full_name": r.get("full_name") or r["member"],
				"months": [None] * 12,
				"unpaid": [],
				"due": Decimal(0),
			},
		)
		month = int(r["month"])
		amount = _decimal(r.get("amount")) or Decimal(0)
		line["due"] += amount
		if r.get("paid_on") or r.get("status") == PAID:
			line["months"][month - 1] = _decimal(r.get("paid_amount")) or amount
		else:
			line["months"][month - 1] = Decimal(0)
			line["unpaid"].append(month)
	names = list(order or []) + sorted(set(per) - set(order or []), key=lambda n: per[n]["full_name"])
	lines = tuple(
		LedgerLine(
			n,
			per[n]["full_name"],
			tuple(per[n]["months"]),
			tuple(sorted(per[n]["unpaid"])),
			per[n]["due"],
			sum((v for v in per[n]["months"] if v), Decimal(0)),
		)
		for n in names
		if n in per
	)
	month_paid = tuple(sum((line.months[i] or Decimal(0) for line in lines), Decimal(0)) for i in range(12))
	return Ledger(lines, month_paid, sum((x.due for x in lines), Decimal(0)), sum(month_paid, Decimal(0)))
