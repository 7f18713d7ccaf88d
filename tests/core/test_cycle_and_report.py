import datetime as dt

import pytest

from sanyou_app.core.cycle import check_cycle, cycle_name, default_report_title
from sanyou_app.core.proposal import CHANNELS
from sanyou_app.core.report import UNKNOWN_VILLAGE, VillageRow, village_channel_table

# The defaults a new cycle gets from its doctype, with a year and a collection window.
DEFAULTS = {
	"year": 2021,
	"projects_to_pick": 5,
	"quorum_numerator": 2,
	"quorum_denominator": 3,
	"collection_start": dt.date(2020, 11, 1),
	"collection_end": dt.date(2020, 11, 30),
	"guest_submissions_per_hour": 5,
}


def messages(errors):
	return [str(e) for e in errors]


# --- cycle ------------------------------------------------------------------------------------


def test_cycle_name_and_report_title():
	assert cycle_name("刘桥镇", 2020) == "刘桥镇2020年民生实事项目"
	assert cycle_name("刘桥镇", "2021") == "刘桥镇2021年民生实事项目"
	assert default_report_title(2020) == "关于2020年民生实事候选项目情况的报告"


def test_good_defaults_have_no_errors():
	assert check_cycle(DEFAULTS) == []


def test_dates_as_text_and_no_window_are_accepted():
	assert check_cycle({**DEFAULTS, "collection_start": "2020-11-01", "collection_end": "2020/11/30"}) == []
	assert check_cycle({**DEFAULTS, "collection_start": None, "collection_end": None}) == []
	assert check_cycle({**DEFAULTS, "collection_end": DEFAULTS["collection_start"]}) == []


@pytest.mark.parametrize("year", [1999, 2101, 0, None, 21])
def test_year_out_of_range_is_refused(year):
	assert messages(check_cycle({**DEFAULTS, "year": year})) == ["年度：应为四位年份，如 2021"]


@pytest.mark.parametrize("year", [2000, 2020, 2100])
def test_year_in_range_is_accepted(year):
	assert check_cycle({**DEFAULTS, "year": year}) == []


@pytest.mark.parametrize("n", [0, -1, None])
def test_at_least_one_project_to_pick(n):
	assert messages(check_cycle({**DEFAULTS, "projects_to_pick": n})) == ["拟确定正式项目数：至少为1"]


@pytest.mark.parametrize(("numerator", "denominator"), [(3, 3), (4, 3), (0, 3), (-1, 3)])
def test_quorum_must_be_a_proper_fraction(numerator, denominator):
	errors = check_cycle({**DEFAULTS, "quorum_numerator": numerator, "quorum_denominator": denominator})
	assert messages(errors) == ["法定人数分子：应大于0且小于分母（如 2/3 填 2 和 3）"]


@pytest.mark.parametrize("denominator", [0, None, -3])
def test_quorum_denominator_of_zero_is_refused(denominator):
	errors = check_cycle({**DEFAULTS, "quorum_denominator": denominator})
	assert messages(errors) == ["法定人数分母：至少为1"]


@pytest.mark.parametrize(("numerator", "denominator"), [(1, 2), (2, 3), (3, 4)])
def test_proper_quorum_fractions_are_accepted(numerator, denominator):
	assert check_cycle({**DEFAULTS, "quorum_numerator": numerator, "quorum_denominator": denominator}) == []


def test_collection_end_before_start_is_refused():
	errors = check_cycle({**DEFAULTS, "collection_end": dt.date(2020, 10, 31)})
	assert messages(errors) == ["征集截止日期：不能早于征集开始日期"]


def test_negative_submission_limit_is_refused_and_zero_is_allowed():
	assert check_cycle({**DEFAULTS, "guest_submissions_per_hour": 0}) == []
	errors = check_cycle({**DEFAULTS, "guest_submissions_per_hour": -1})
	assert messages(errors) == ["每小时每个网络地址最多提交数：不能为负数"]


def test_all_cycle_errors_are_reported_together():
	errors = check_cycle(
		{
			"year": 1999,
			"projects_to_pick": 0,
			"quorum_numerator": 3,
			"quorum_denominator": 3,
			"collection_start": "2020-11-30",
			"collection_end": "2020-11-01",
			"guest_submissions_per_hour": -5,
		}
	)
	assert [e.field for e in errors] == [
		"year",
		"projects_to_pick",
		"quorum_numerator",
		"collection_end",
		"guest_submissions_per_hour",
	]


# --- report: proposals by village and channel --------------------------------------------------

COUNTS = [
	{"village": "丁楼村", "channel": "网络征集", "n": 2},
	{"village": "丁楼村", "channel": "入户走访", "n": 1},
	{"village": "陈集村", "channel": "代表座谈会", "n": 3},
	{"village": "陈集村", "channel": "电视台", "n": 1},
	{"village": "刘桥社区", "channel": "网络征集", "n": 1},
	{"village": None, "channel": "微信群", "n": 2},
]


def test_village_channel_table():
	table = village_channel_table(COUNTS, CHANNELS)
	assert table.channels == (*CHANNELS, "电视台")
	assert table.channels == (
		"网络征集",
		"通知征集",
		"代表座谈会",
		"入户走访",
		"村广播",
		"悬挂条幅",
		"微信群",
		"电视台",
	)
	assert table.rows == (
		VillageRow("陈集村", 4, (0, 0, 3, 0, 0, 0, 0, 1)),
		VillageRow("丁楼村", 3, (2, 0, 0, 1, 0, 0, 0, 0)),
		VillageRow(UNKNOWN_VILLAGE, 2, (0, 0, 0, 0, 0, 0, 2, 0)),
		VillageRow("刘桥社区", 1, (1, 0, 0, 0, 0, 0, 0, 0)),
	)
	assert table.channel_totals == (3, 0, 3, 1, 0, 0, 2, 1)
	assert table.total == 10


def test_missing_village_is_shown_as_not_filled_in():
	assert UNKNOWN_VILLAGE == "（未填写）"
	table = village_channel_table(
		[{"village": None, "channel": "网络征集", "n": 1}, {"village": "", "channel": "网络征集", "n": 2}],
		CHANNELS,
	)
	assert table.rows == (VillageRow("（未填写）", 3, (3, 0, 0, 0, 0, 0, 0)),)


def test_rows_with_equal_totals_are_ordered_by_name():
	table = village_channel_table(
		[
			{"village": "陈集村", "channel": "网络征集", "n": 2},
			{"village": "丁楼村", "channel": "网络征集", "n": 2},
			{"village": "大王村", "channel": "村广播", "n": 5},
		],
		CHANNELS,
	)
	assert [r.village for r in table.rows] == ["大王村", *sorted(["陈集村", "丁楼村"])]
	assert [r.total for r in table.rows] == [5, 2, 2]


def test_repeated_village_channel_rows_add_up():
	table = village_channel_table(
		[
			{"village": "丁楼村", "channel": "网络征集", "n": 2},
			{"village": "丁楼村", "channel": "网络征集", "n": 3},
			{"village": "丁楼村", "channel": "通知征集", "n": None},
		],
		CHANNELS,
	)
	assert table.rows == (VillageRow("丁楼村", 5, (5, 0, 0, 0, 0, 0, 0)),)
	assert table.total == 5


def test_unknown_channels_keep_their_order_of_first_appearance():
	table = village_channel_table(
		[
			{"village": "丁楼村", "channel": "电视台", "n": 1},
			{"village": "陈集村", "channel": "报纸", "n": 1},
			{"village": "陈集村", "channel": "电视台", "n": 1},
		],
		["网络征集"],
	)
	assert table.channels == ("网络征集", "电视台", "报纸")
	assert table.rows == (VillageRow("陈集村", 2, (0, 1, 1)), VillageRow("丁楼村", 1, (0, 1, 0)))
	assert table.channel_totals == (0, 2, 1)


def test_empty_counts_give_an_empty_table_with_every_channel():
	table = village_channel_table([], CHANNELS)
	assert table.channels == CHANNELS
	assert table.rows == ()
	assert table.channel_totals == (0,) * len(CHANNELS)
	assert table.total == 0


def test_totals_agree():
	table = village_channel_table(COUNTS, CHANNELS)
	assert sum(r.total for r in table.rows) == table.total == sum(table.channel_totals)
	for row in table.rows:
		assert sum(row.by_channel) == row.total
		assert len(row.by_channel) == len(table.channels)


# --- the cycle's 票决 button ------------------------------------------------------------------


def test_a_cycle_opens_its_latest_vote_round_or_starts_one_with_candidates():
	from sanyou_app.core.cycle import vote_start, vote_title

	rounds = [
		{"name": "BJ-2021-00001", "round_no": 1, "creation": "2021-03-01"},
		{"name": "BJ-2021-00003", "round_no": 2, "creation": "2021-03-01 10:00"},
	]
	assert vote_start(rounds, 0) == ("BJ-2021-00003", None)
	assert vote_start([], 8) == (None, None)
	assert vote_start([], 0) == (None, "本年度还没有候选项目（党委同意后的项目），不能发起票决")
	assert vote_title(2021) == "2021年民生实事项目票决"
