"""Rules of a livelihood-project cycle (one town, one year): its record of 实施办法."""

from __future__ import annotations

from collections.abc import Mapping

from sanyou_app.core.fields import FieldError, parse_date

CYCLE_LABELS = {
	"year": "年度",
	"projects_to_pick": "拟确定正式项目数",
	"quorum_numerator": "法定人数分子",
	"quorum_denominator": "法定人数分母",
	"collection_end": "征集截止日期",
	"guest_submissions_per_hour": "每小时每个网络地址最多提交数",
}


def cycle_name(town: str, year: int) -> str:
	"""刘桥镇, 2020 → 刘桥镇2020年民生实事项目."""
	return f"{town}{int(year)}年民生实事项目"


def default_report_title(year: int) -> str:
	return f"关于{int(year)}年民生实事候选项目情况的报告"


def _error(field: str, reason: str) -> FieldError:
	return FieldError(field, reason, CYCLE_LABELS[field])


def check_cycle(doc: Mapping) -> list[FieldError]:
	errors = []
	year = doc.get("year") or 0
	if not 2000 <= int(year) <= 2100:
		errors.append(_error("year", "应为四位年份，如 2021"))
	if int(doc.get("projects_to_pick") or 0) < 1:
		errors.append(_error("projects_to_pick", "至少为1"))
	numerator = int(doc.get("quorum_numerator") or 0)
	denominator = int(doc.get("quorum_denominator") or 0)
	if denominator < 1:
		errors.append(_error("quorum_denominator", "至少为1"))
	elif not 0 < numerator < denominator:
		errors.append(_error("quorum_numerator", "应大于0且小于分母（如 2/3 填 2 和 3）"))
	start, end = parse_date(doc.get("collection_start")), parse_date(doc.get("collection_end"))
	if start and end and end < start:
		errors.append(_error("collection_end", "不能早于征集开始日期"))
	if int(doc.get("guest_submissions_per_hour") or 0) < 0:
		errors.append(_error("guest_submissions_per_hour", "不能为负数"))
	return errors


def vote_title(year: int) -> str:
	"""The project vote a cycle starts: 2021 → 2021年民生实事项目票决."""
	return f"{int(year)}年民生实事项目票决"


def vote_start(existing_votes: list[Mapping], candidates: int) -> tuple[str | None, str | None]:
	"""What the cycle's 票决 button does: (vote to open, refusal).

	A cycle has one project vote (later rounds are made from the vote itself): if there is one,
	the button opens the latest round; without one, a vote is started only when the cycle has
	candidate projects to put on the ballot."""
	if existing_votes:
		latest = max(existing_votes, key=lambda v: (v.get("round_no") or 1, str(v.get("creation") or "")))
		return latest["name"], None
	if candidates <= 0:
		return None, "本年度还没有候选项目（党委同意后的项目），不能发起票决"
	return None, None
