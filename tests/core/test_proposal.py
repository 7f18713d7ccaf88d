import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanyou_app.core.fields import FieldError, clean_text, normalize_phone, parse_amount, parse_date
from sanyou_app.core.proposal import (
	CHANNELS,
	CLOSED_STATES,
	LABELS,
	PIPELINE,
	PUBLIC_REQUIRED,
	STATE_CANDIDATE,
	STATE_KEPT,
	STATE_MERGED,
	STATE_PRELIMINARY,
	STATE_REJECTED,
	STATE_REVIEWED,
	STATE_SUBMITTED,
	WEB_CHANNEL,
	CycleWindow,
	check_merge,
	clean_proposal,
	funnel,
	missing_for_state,
	open_cycle,
	opinion_missing,
	throttle_allows,
	total_investment,
	writable_fields,
)

GOOD = {
	"title": "村庄扶贫路",
	"proposer_name": "张三",
	"village": "丁楼村",
	"contact_phone": "13912345678",
	"description": "硬化村内道路约3公里",
	"reason": "雨天道路泥泞，群众出行不便",
	"estimated_cost": "120.5",
	"channel": "通知征集",
}

# Seed figures: investments of the projects picked in 2020 (five) and 2021 (four), in 万元.
INVESTMENTS_2020 = [286.5, 158.36, 45.8, 92, 42]
INVESTMENTS_2021 = [58, 96, 72, 50]

PRELIMINARY_FIELDS = ("content", "investment", "implementing_body", "deadline")
SCREENED = {
	"content": "硬化道路3公里，宽4.5米",
	"investment": Decimal("286.50"),
	"implementing_body": "刘桥镇交通运输办",
	"deadline": dt.date(2020, 12, 31),
}

_ANY_TAG = re.compile(r"<[A-Za-z/!?][^>]*>")


def messages(errors):
	return [str(e) for e in errors]


def by_field(errors):
	return {e.field: e for e in errors}


# --- clean_proposal ---------------------------------------------------------------------------


def test_good_proposal_is_accepted_with_its_chinese_text_unchanged():
	clean, errors = clean_proposal(GOOD)
	assert errors == []
	assert clean == {
		"title": "村庄扶贫路",
		"proposer_name": "张三",
		"village": "丁楼村",
		"contact_phone": "13912345678",
		"description": "硬化村内道路约3公里",
		"reason": "雨天道路泥泞，群众出行不便",
		"estimated_cost": Decimal("120.50"),
		"channel": "通知征集",
	}


def test_html_tags_and_entities_are_stripped():
	clean, errors = clean_proposal({**GOOD, "title": "<script>alert(1)</script>村庄扶贫路"})
	assert errors == []
	assert "<" not in clean["title"] and ">" not in clean["title"]
	assert clean["title"] == "alert(1)村庄扶贫路"

	clean, _ = clean_proposal({**GOOD, "description": "&lt;b&gt;硬化&lt;/b&gt;道路 &amp; 路灯"})
	assert clean["description"] == "硬化道路 & 路灯"


def test_blanks_are_folded_and_lines_kept():
	assert clean_text("  硬化   道路\t约3公里 \r\n\r\n 安装路灯  ") == "硬化 道路 约3公里\n安装路灯"
	assert clean_text(None) == ""


def test_text_that_only_looks_like_comparisons_is_kept():
	# "<3" is not a tag: the text between "<" and ">" must not be lost.
	assert clean_text("路宽<3米，需拓宽到>5米") == "路宽<3米，需拓宽到>5米"
	assert clean_text("1 &lt; 2") == "1 < 2"


def test_tags_hidden_inside_tags_are_removed_too():
	assert clean_text("<<<b>b>script>alert(1)") == "alert(1)"
	assert clean_text("&lt;&lt;b&gt;script&gt;alert(1)") == "alert(1)"


def test_control_characters_are_removed():
	assert clean_text("村庄\x07扶贫\x00路\x1f") == "村庄扶贫路"


@given(st.text(alphabet=st.sampled_from("<>/!ab&lt;gt;村 \n\x07"), max_size=40))
def test_no_tag_survives_cleaning(text):
	cleaned = clean_text(text)
	assert not _ANY_TAG.search(cleaned)


def test_every_missing_required_field_is_named_with_its_label():
	clean, errors = clean_proposal({})
	assert {e.field for e in errors} == set(PUBLIC_REQUIRED)
	for field in PUBLIC_REQUIRED:
		assert f"{LABELS[field]}：必填" in messages(errors)
	assert "项目名称：必填" in messages(errors)
	assert "联系电话：必填" in messages(errors)


def test_blank_or_tag_only_values_count_as_missing():
	_, errors = clean_proposal({**GOOD, "title": "   ", "reason": "<p></p>"})
	assert messages(errors) == ["项目名称：必填", "建议理由：必填"]


@pytest.mark.parametrize(
	"phone", ["12345", "1391234567", "139123456789", "23912345678", "abc", "561-3012345"]
)
def test_bad_phone_is_refused(phone):
	_, errors = clean_proposal({**GOOD, "contact_phone": phone})
	assert len(errors) == 1
	assert errors[0].field == "contact_phone"
	assert str(errors[0]).startswith("联系电话：格式不正确")
	assert "11位手机号" in str(errors[0])


@pytest.mark.parametrize(
	("phone", "stored"),
	[
		("13912345678", "13912345678"),
		("+86 139 1234 5678", "13912345678"),
		("139 1234 5678", "13912345678"),
		("0561-3012345", "0561-3012345"),
		("05613012345", "05613012345"),
		("010-12345678", "010-12345678"),
		("0561－3012345", "0561-3012345"),
		(13912345678, "13912345678"),
		(13912345678.0, "13912345678"),
	],
)
def test_mobile_and_landline_are_accepted(phone, stored):
	clean, errors = clean_proposal({**GOOD, "contact_phone": phone})
	assert errors == []
	assert clean["contact_phone"] == stored
	assert normalize_phone(phone) == stored


def test_title_longer_than_60_characters_is_refused_naming_the_limit():
	_, errors = clean_proposal({**GOOD, "title": "路" * 60})
	assert errors == []
	_, errors = clean_proposal({**GOOD, "title": "路" * 61})
	assert messages(errors) == ["项目名称：不能超过60个字（现为61个字）"]


def test_length_is_counted_after_tags_are_stripped():
	_, errors = clean_proposal({**GOOD, "title": "<b>" + "路" * 60 + "</b>"})
	assert errors == []


def test_other_length_limits_name_their_field():
	_, errors = clean_proposal({**GOOD, "proposer_name": "张" * 31, "reason": "因" * 1001})
	assert messages(errors) == [
		"建议人姓名：不能超过30个字（现为31个字）",
		"建议理由：不能超过1000个字（现为1001个字）",
	]


@pytest.mark.parametrize(
	("raw", "amount"),
	[
		(" 1,234.5 ", Decimal("1234.50")),
		("1，234.5", Decimal("1234.50")),
		("286.5", Decimal("286.50")),
		("0.005", Decimal("0.01")),
		(158.36, Decimal("158.36")),
		(92, Decimal("92.00")),
		("0", Decimal("0.00")),
		("100000", Decimal("100000.00")),
		("", None),
		("   ", None),
		(None, None),
	],
)
def test_estimated_cost_is_parsed(raw, amount):
	clean, errors = clean_proposal({**GOOD, "estimated_cost": raw})
	assert errors == []
	assert clean["estimated_cost"] == amount
	if amount is not None:
		assert clean["estimated_cost"].as_tuple().exponent == -2


@pytest.mark.parametrize(
	("raw", "reason"),
	[
		("abc", "应为数字（单位：万元）"),
		("12万", "应为数字（单位：万元）"),
		("NaN", "应为数字（单位：万元）"),
		("Infinity", "应为数字（单位：万元）"),
		("-1", "不能为负数"),
		("-0.01", "不能为负数"),
		("100000.01", "不能超过100000万元"),
	],
)
def test_bad_estimated_cost_is_refused(raw, reason):
	_, errors = clean_proposal({**GOOD, "estimated_cost": raw})
	assert messages(errors) == [f"估算投资(万元)：{reason}"]
	with pytest.raises(ValueError, match=re.escape(reason)):
		parse_amount(raw)


def test_channel_defaults_to_web_collection():
	clean, errors = clean_proposal({**GOOD, "channel": None})
	assert errors == []
	assert clean["channel"] == WEB_CHANNEL == "网络征集"
	clean, _ = clean_proposal({k: v for k, v in GOOD.items() if k != "channel"})
	assert clean["channel"] == "网络征集"


def test_unknown_channel_is_refused_listing_the_allowed_ones():
	_, errors = clean_proposal({**GOOD, "channel": "电视台"})
	assert len(errors) == 1
	assert errors[0].field == "channel"
	assert str(errors[0]) == f"征集渠道：“电视台”不是可选的征集渠道（可选：{'、'.join(CHANNELS)}）"
	for channel in CHANNELS:
		assert channel in str(errors[0])


def test_channels_of_the_cycle_limit_the_choice():
	own = ["网络征集", "入户走访"]
	_, errors = clean_proposal({**GOOD, "channel": "入户走访"}, channels=own)
	assert errors == []
	_, errors = clean_proposal({**GOOD, "channel": "通知征集"}, channels=own)
	assert str(errors[0]) == "征集渠道：“通知征集”不是可选的征集渠道（可选：网络征集、入户走访）"


def test_channels_given_as_a_generator_are_listed_in_the_message():
	_, errors = clean_proposal({**GOOD, "channel": "电视台"}, channels=(c for c in ("网络征集", "村广播")))
	assert str(errors[0]) == "征集渠道：“电视台”不是可选的征集渠道（可选：网络征集、村广播）"


def test_all_errors_are_reported_at_once():
	_, errors = clean_proposal(
		{**GOOD, "title": "", "contact_phone": "12345", "estimated_cost": "abc", "channel": "电视台"}
	)
	assert [e.field for e in errors] == ["title", "contact_phone", "estimated_cost", "channel"]


def test_field_error_uses_its_own_label_when_given():
	_, errors = clean_proposal({**GOOD, "title": ""})
	assert [str(e) for e in errors] == ["项目名称：必填"]
	assert str(FieldError("x", "必填", "某字段")) == "某字段：必填"
	assert str(FieldError("unknown_field", "必填")) == "unknown_field：必填"


# --- parse_date -------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"raw", ["2021-12-31", "2021/12/31", "2021.12.31", "2021年12月31日", dt.date(2021, 12, 31)]
)
def test_dates_in_the_usual_forms(raw):
	assert parse_date(raw) == dt.date(2021, 12, 31)


def test_datetime_becomes_its_date_and_empty_is_none():
	assert parse_date(dt.datetime(2021, 12, 31, 8, 30)) == dt.date(2021, 12, 31)
	assert parse_date("") is None
	assert parse_date(None) is None
	with pytest.raises(ValueError, match="应为日期"):
		parse_date("年底")


# --- missing_for_state ------------------------------------------------------------------------


@pytest.mark.parametrize("state", [STATE_PRELIMINARY, STATE_REVIEWED, STATE_CANDIDATE])
def test_screened_states_need_content_investment_body_and_deadline(state):
	errors = missing_for_state(state, {})
	assert [e.field for e in errors] == list(PRELIMINARY_FIELDS)
	assert messages(errors) == [
		f"主要内容：进入“{state}”前必须填写",
		f"投资金额(万元)：进入“{state}”前必须填写",
		f"实施主体：进入“{state}”前必须填写",
		f"完成时限：进入“{state}”前必须填写",
	]
	assert missing_for_state(state, SCREENED) == []


@pytest.mark.parametrize("empty", [None, "", "  ", 0, 0.0, Decimal("0"), Decimal("0.00"), "0"])
def test_empty_investment_is_missing(empty):
	errors = missing_for_state(STATE_PRELIMINARY, {**SCREENED, "investment": empty})
	assert messages(errors) == ["投资金额(万元)：进入“初选项目”前必须填写"]


def test_each_missing_field_is_named_alone():
	for field in PRELIMINARY_FIELDS:
		errors = missing_for_state(STATE_CANDIDATE, {**SCREENED, field: None})
		assert [e.field for e in errors] == [field]


def test_merge_and_rejection_need_their_reason():
	assert messages(missing_for_state(STATE_MERGED, {})) == ["合并至项目：进入“已合并”前必须填写"]
	assert messages(missing_for_state(STATE_REJECTED, {})) == ["不予采纳理由：进入“不予采纳”前必须填写"]
	assert missing_for_state(STATE_MERGED, {"merged_into": "MSSS-2020-0001"}) == []
	assert missing_for_state(STATE_REJECTED, {"rejection_reason": "不属于民生实事范围"}) == []


def test_early_states_need_nothing_more():
	assert missing_for_state(STATE_SUBMITTED, {}) == []
	assert missing_for_state(STATE_KEPT, {}) == []
	assert missing_for_state("某个管理员新增的状态", {}) == []


# --- check_merge ------------------------------------------------------------------------------


def test_merge_into_a_live_proposal_is_allowed():
	assert check_merge("P-1", "P-2", STATE_KEPT) == []
	assert check_merge("P-1", "P-2", STATE_SUBMITTED) == []
	assert check_merge("P-1", None, None) == []
	assert check_merge("P-1", "", None) == []


def test_merge_into_itself_is_refused():
	assert messages(check_merge("P-1", "P-1", STATE_KEPT)) == ["合并至项目：不能合并到本项目自身"]


@pytest.mark.parametrize("state", CLOSED_STATES)
def test_merge_into_a_closed_proposal_is_refused(state):
	errors = check_merge("P-1", "P-2", state)
	assert messages(errors) == [f"合并至项目：目标项目已是“{state}”，不能再合并到该项目"]


# --- who writes what, step by step ----------------------------------------------------------

FIELDS = {"title", "description", "content", "investment", "presidium_opinion", "party_committee_opinion"}
OFFICE, PRESIDIUM, PARTY = "Town Congress Office", "Presidium Member", "Party Committee Approver"


def test_the_office_shapes_the_proposal_but_writes_no_opinion():
	for state in (None, STATE_SUBMITTED, STATE_KEPT, STATE_PRELIMINARY):
		assert writable_fields(state, [OFFICE], FIELDS) == FIELDS - {
			"presidium_opinion",
			"party_committee_opinion",
		}
	for state in (STATE_REVIEWED, STATE_CANDIDATE):
		assert writable_fields(state, [OFFICE], FIELDS) == set()


def test_each_body_writes_its_opinion_only_where_it_decides():
	assert writable_fields(STATE_PRELIMINARY, [PRESIDIUM], FIELDS) == {"presidium_opinion"}
	assert writable_fields(STATE_REVIEWED, [PRESIDIUM], FIELDS) == set()  # decided: nothing more
	assert writable_fields(STATE_REVIEWED, [PARTY], FIELDS) == {"party_committee_opinion"}
	assert writable_fields(STATE_PRELIMINARY, [PARTY], FIELDS) == set()
	assert writable_fields(STATE_CANDIDATE, [PARTY, PRESIDIUM], FIELDS) == set()
	assert writable_fields(STATE_PRELIMINARY, ["Congress Deputy"], FIELDS) == set()
	assert writable_fields(STATE_CANDIDATE, ["System Manager"], FIELDS) == FIELDS


def test_a_decision_needs_the_deciding_bodys_opinion():
	assert messages(opinion_missing(STATE_PRELIMINARY, STATE_REVIEWED, {})) == [
		"主席团意见：作出决定前须先填写并保存"
	]
	assert messages(opinion_missing(STATE_PRELIMINARY, STATE_KEPT, {"presidium_opinion": " "})) == [
		"主席团意见：作出决定前须先填写并保存"
	]
	assert messages(opinion_missing(STATE_REVIEWED, STATE_CANDIDATE, {"presidium_opinion": "同意"})) == [
		"党委意见：作出决定前须先填写并保存"
	]
	assert opinion_missing(STATE_REVIEWED, STATE_PRELIMINARY, {"party_committee_opinion": "再议"}) == []
	assert opinion_missing(STATE_PRELIMINARY, STATE_PRELIMINARY, {}) == []  # a save, not a decision
	assert opinion_missing(STATE_KEPT, STATE_PRELIMINARY, {}) == []  # the office's step


# --- funnel -----------------------------------------------------------------------------------


def test_funnel_counts_each_proposal_at_every_stage_it_reached():
	assert funnel([]) == {"proposals": 0, "preliminary": 0, "candidates": 0}
	assert funnel([STATE_CANDIDATE]) == {"proposals": 1, "preliminary": 1, "candidates": 1}
	assert funnel([STATE_REVIEWED]) == {"proposals": 1, "preliminary": 1, "candidates": 0}
	assert funnel([STATE_PRELIMINARY]) == {"proposals": 1, "preliminary": 1, "candidates": 0}
	assert funnel([STATE_KEPT]) == {"proposals": 1, "preliminary": 0, "candidates": 0}
	assert funnel([STATE_SUBMITTED]) == {"proposals": 1, "preliminary": 0, "candidates": 0}
	assert funnel([STATE_MERGED]) == {"proposals": 1, "preliminary": 0, "candidates": 0}
	assert funnel([STATE_REJECTED]) == {"proposals": 1, "preliminary": 0, "candidates": 0}


def test_funnel_of_the_2020_cycle():
	# 10 proposals collected, 6 candidates; the other four screened out or merged.
	states = [STATE_CANDIDATE] * 6 + [STATE_MERGED, STATE_REJECTED, STATE_REJECTED, STATE_KEPT]
	assert funnel(states) == {"proposals": 10, "preliminary": 6, "candidates": 6}


def test_funnel_reads_a_generator():
	assert funnel(s for s in [STATE_CANDIDATE, STATE_PRELIMINARY]) == {
		"proposals": 2,
		"preliminary": 2,
		"candidates": 1,
	}


@given(st.lists(st.sampled_from([*PIPELINE, *CLOSED_STATES, "其他状态"])))
def test_funnel_narrows(states):
	counts = funnel(states)
	assert counts["proposals"] == len(states)
	assert counts["proposals"] >= counts["preliminary"] >= counts["candidates"] >= 0
	assert counts["candidates"] == states.count(STATE_CANDIDATE)


# --- total_investment -------------------------------------------------------------------------


def test_total_investment_of_the_seed_projects():
	assert total_investment(INVESTMENTS_2020) == Decimal("624.66")
	assert total_investment(INVESTMENTS_2021) == Decimal("276.00")
	assert str(total_investment(INVESTMENTS_2021)) == "276.00"


def test_total_investment_is_exact_and_skips_empty():
	# Floats summed naively drift (0.1 + 0.2 != 0.3); the total must not.
	assert total_investment([0.1, 0.2]) == Decimal("0.30")
	assert total_investment([Decimal("286.50"), None, "158.36", 0]) == Decimal("444.86")
	assert total_investment([]) == Decimal("0.00")
	assert total_investment(x for x in INVESTMENTS_2020) == Decimal("624.66")


# --- open_cycle -------------------------------------------------------------------------------

CYCLES = [
	CycleWindow("刘桥镇2020年民生实事项目", dt.date(2019, 11, 1), dt.date(2019, 11, 30)),
	CycleWindow("刘桥镇2021年民生实事项目", dt.date(2020, 11, 1), dt.date(2020, 11, 30)),
]


def test_open_cycle_is_the_one_whose_window_contains_today():
	assert open_cycle(CYCLES, dt.date(2020, 11, 15)) == "刘桥镇2021年民生实事项目"
	assert open_cycle(CYCLES, dt.date(2019, 11, 1)) == "刘桥镇2020年民生实事项目"
	assert open_cycle(CYCLES, dt.date(2019, 11, 30)) == "刘桥镇2020年民生实事项目"


def test_no_cycle_is_open_outside_every_window():
	assert open_cycle(CYCLES, dt.date(2019, 10, 31)) is None
	assert open_cycle(CYCLES, dt.date(2019, 12, 1)) is None
	assert open_cycle(CYCLES, dt.date(2020, 6, 1)) is None
	assert open_cycle([], dt.date(2020, 6, 1)) is None


def test_cycle_without_dates_is_never_open():
	cycles = [
		CycleWindow("无开始", None, dt.date(2030, 1, 1)),
		CycleWindow("无截止", dt.date(2000, 1, 1), None),
	]
	assert open_cycle(cycles, dt.date(2020, 6, 1)) is None


def test_overlapping_windows_choose_the_latest_start():
	cycles = [
		CycleWindow("早", dt.date(2020, 10, 1), dt.date(2020, 12, 31)),
		CycleWindow("晚", dt.date(2020, 11, 1), dt.date(2020, 11, 30)),
		CycleWindow("更早", dt.date(2020, 9, 1), dt.date(2021, 1, 31)),
	]
	assert open_cycle(cycles, dt.date(2020, 11, 15)) == "晚"
	assert open_cycle(cycles, dt.date(2020, 12, 15)) == "早"
	assert open_cycle(cycles, dt.date(2021, 1, 15)) == "更早"


# --- throttle_allows --------------------------------------------------------------------------


def test_throttle_allows_up_to_the_limit():
	assert throttle_allows(0, 5) is True
	assert throttle_allows(4, 5) is True
	assert throttle_allows(5, 5) is False
	assert throttle_allows(6, 5) is False
	assert throttle_allows(0, 1) is True
	assert throttle_allows(1, 1) is False


def test_throttle_limit_zero_means_unlimited():
	assert throttle_allows(0, 0) is True
	assert throttle_allows(10_000, 0) is True
	assert throttle_allows(10_000, -1) is True


def test_a_control_character_cannot_hide_a_tag():
	assert not _ANY_TAG.search(clean_text("<\x07a href=x>点击</a>"))
	assert not _ANY_TAG.search(clean_text("<&#7;script>alert(1)</script>"))
