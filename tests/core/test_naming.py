import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sanyou_app.core.naming import MAX_NAME, dated_name, dues_name, first_free, record_year, titled_name


def test_a_meeting_is_named_by_its_date_and_topic():
	assert (
		dated_name(dt.date(2025, 3, 28), "学习贯彻 党的二十届三中全会精神")
		== "2025-03-28 学习贯彻 党的二十届三中全会精神"
	)
	assert dated_name("2025-03-28", "  主题党日\n") == "2025-03-28 主题党日"


def test_characters_that_break_a_route_are_replaced():
	assert dated_name(dt.date(2025, 1, 2), "A/B 100% #1") == "2025-01-02 A／B 100％ ＃1"


@given(st.text(max_size=400))
def test_a_name_fits_frappes_column_with_room_for_a_number(topic):
	name = dated_name(dt.date(2025, 1, 2), topic)
	assert len(name) <= MAX_NAME - 4 and name.startswith("2025-01-02")
	assert "/" not in name


def test_a_second_meeting_of_the_same_day_and_topic_gets_a_number():
	taken = {"2025-07-01 主题党日", "2025-07-01 主题党日（2）"}
	assert first_free("2025-07-01 主题党日", taken.__contains__) == "2025-07-01 主题党日（3）"
	assert first_free("2025-07-02 主题党日", taken.__contains__) == "2025-07-02 主题党日"


def test_the_year_is_the_cycles_not_the_day_it_was_typed_in():
	assert record_year(2020, None, dt.date(2026, 12, 1)) == "2020"
	assert record_year(None, 2025, dt.date(2026, 12, 1)) == "2025"
	assert record_year(None, None, dt.date(2026, 12, 1)) == "2026"


def test_a_dues_record_is_the_members_number_and_the_month():
	assert dues_name("DY00015", 2025, "3") == "DY00015-2025-03"


def test_a_record_is_named_by_its_parts_in_order_empty_ones_left_out():
	assert titled_name(dt.date(2025, 5, 12), "张三", None, " 幸福 社区 ") == "2025-05-12 张三 幸福 社区"
	assert titled_name(dt.datetime(2025, 5, 12, 9, 30), "党课") == "2025-05-12 党课"
	assert titled_name("2025年第1季度季考", "", "李四") == "2025年第1季度季考 李四"
	assert titled_name(None, "") == ""


def test_a_titled_name_keeps_routes_whole_and_fits_the_name_column():
	assert titled_name("2025-01-02", "A/B", "100%", "#1") == "2025-01-02 A／B 100％ ＃1"
	name = titled_name("测试" * 100)
	assert len(name) == MAX_NAME - 4
	assert len(first_free(name, {name}.__contains__)) <= MAX_NAME
