import pytest

from sanyou_app.core.congress import (
	chinese_number,
	clean_deputy,
	congress_title,
	level_of_region,
	parse_flag,
	previous_term,
	scoped_to_own_congress,
	session_title,
)

GOOD_DEPUTY = {
	"full_name": "李四",
	"gender": "男",
	"village_unit": "陈集村",
	"phone": "13812345678",
	"is_presidium_member": "否",
	"deputy_group": "",
}
GROUPS = {"第一代表小组", "第二代表小组"}


def messages(errors):
	return [str(e) for e in errors]


@pytest.mark.parametrize(
	("n", "text"),
	[
		(1, "一"),
		(2, "二"),
		(9, "九"),
		(10, "十"),
		(11, "十一"),
		(18, "十八"),
		(19, "十九"),
		(20, "二十"),
		(21, "二十一"),
		(99, "九十九"),
		(100, "一百"),
		(101, "一百零一"),
		(105, "一百零五"),
		(110, "一百一十"),
		(118, "一百一十八"),
		(200, "二百"),
		(999, "九百九十九"),
	],
)
def test_chinese_number(n, text):
	assert chinese_number(n) == text


@pytest.mark.parametrize("n", [0, -1, 1000, 12345])
def test_chinese_number_out_of_range_raises(n):
	with pytest.raises(ValueError, match="届次应在1到999之间"):
		chinese_number(n)


def test_congress_title():
	assert congress_title("刘桥镇", 18) == "刘桥镇第十八届人民代表大会"
	assert congress_title(" 刘桥镇 ", "18") == "刘桥镇第十八届人民代表大会"


def test_session_title():
	title = session_title("刘桥镇", 18, 8)
	assert title == "刘桥镇第十八届人民代表大会第八次会议"
	assert title.endswith("第八次会议")
	assert session_title("刘桥镇", 18, 9).endswith("第九次会议")
	assert session_title("刘桥镇", 19, 1) == "刘桥镇第十九届人民代表大会第一次会议"


@pytest.mark.parametrize("value", ["是", "Y", "y", "yes", "YES", "1", 1, "true", "True", "√", True, " 是 "])
def test_yes_flags(value):
	assert parse_flag(value) is True


@pytest.mark.parametrize("value", ["否", "N", "no", "0", 0, "false", "", None, "  ", False])
def test_no_flags(value):
	assert parse_flag(value) is False


@pytest.mark.parametrize("value", ["也许", "不知道", "2"])
def test_other_flags_raise(value):
	with pytest.raises(ValueError, match="应填“是”或“否”"):
		parse_flag(value)


def test_good_deputy_row_is_accepted():
	clean, errors = clean_deputy(GOOD_DEPUTY, groups=GROUPS)
	assert errors == []
	assert clean == {
		"full_name": "李四",
		"gender": "男",
		"village_unit": "陈集村",
		"phone": "13812345678",
		"deputy_group": None,
		"is_presidium_member": 0,
	}


def test_presidium_yes_is_stored_as_1():
	clean, errors = clean_deputy({**GOOD_DEPUTY, "is_presidium_member": "是"})
	assert errors == []
	assert clean["is_presidium_member"] == 1


def test_presidium_left_empty_means_no():
	clean, errors = clean_deputy({**GOOD_DEPUTY, "is_presidium_member": None})
	assert errors == []
	assert clean["is_presidium_member"] == 0


def test_bad_presidium_flag_is_refused():
	_, errors = clean_deputy({**GOOD_DEPUTY, "is_presidium_member": "也许"})
	assert messages(errors) == ["主席团成员：应填“是”或“否”"]


@pytest.mark.parametrize("gender", ["", None, "男性", "M", "未知"])
def test_bad_gender_is_refused(gender):
	_, errors = clean_deputy({**GOOD_DEPUTY, "gender": gender})
	assert messages(errors) == ["性别：应填“男”或“女”"]


def test_gender_is_trimmed():
	clean, errors = clean_deputy({**GOOD_DEPUTY, "gender": " 女 "})
	assert errors == []
	assert clean["gender"] == "女"


def test_missing_name_and_unit_are_named():
	_, errors = clean_deputy({**GOOD_DEPUTY, "full_name": "", "village_unit": "  "})
	assert messages(errors) == ["姓名：必填", "选区(村/单位)：必填"]


def test_long_name_is_refused():
	_, errors = clean_deputy({**GOOD_DEPUTY, "full_name": "李" * 31})
	assert messages(errors) == ["姓名：不能超过30个字"]
	_, errors = clean_deputy({**GOOD_DEPUTY, "full_name": "李" * 30})
	assert errors == []


def test_phone_is_optional_but_checked():
	clean, errors = clean_deputy({**GOOD_DEPUTY, "phone": None})
	assert errors == []
	assert clean["phone"] == ""
	clean, errors = clean_deputy({**GOOD_DEPUTY, "phone": 13812345678})
	assert errors == [] and clean["phone"] == "13812345678"
	_, errors = clean_deputy({**GOOD_DEPUTY, "phone": "12345"})
	assert [e.field for e in errors] == ["phone"]
	assert str(errors[0]).startswith("联系电话：格式不正确")


def test_known_deputy_group_is_accepted():
	clean, errors = clean_deputy({**GOOD_DEPUTY, "deputy_group": " 第一代表小组 "}, groups=GROUPS)
	assert errors == []
	assert clean["deputy_group"] == "第一代表小组"


def test_unknown_deputy_group_is_refused():
	_, errors = clean_deputy({**GOOD_DEPUTY, "deputy_group": "第九代表小组"}, groups=GROUPS)
	assert messages(errors) == ["代表小组：代表小组“第九代表小组”不存在"]
	_, errors = clean_deputy({**GOOD_DEPUTY, "deputy_group": "第一代表小组"}, groups=set())
	assert [e.field for e in errors] == ["deputy_group"]


def test_group_is_not_checked_when_groups_are_not_given():
	clean, errors = clean_deputy({**GOOD_DEPUTY, "deputy_group": "第九代表小组"})
	assert errors == []
	assert clean["deputy_group"] == "第九代表小组"


def test_all_errors_of_a_row_are_reported_together():
	_, errors = clean_deputy(
		{"full_name": "", "gender": "X", "village_unit": "", "phone": "1", "is_presidium_member": "也许"}
	)
	assert [e.field for e in errors] == [
		"full_name",
		"gender",
		"village_unit",
		"phone",
		"is_presidium_member",
	]


@pytest.mark.parametrize(
	("region", "level"),
	[
		("濉溪县刘桥镇", "乡镇"),
		("某某乡", "乡镇"),
		("淮北市", "市"),
		("濉溪县", "县"),
		("相山区", "区"),
		(" 淮北市 ", "市"),
		("", None),
		(None, None),
		("开发区管委会", None),
	],
)
def test_level_of_region(region, level):
	assert level_of_region(region) == level


def test_city_congress_title():
	assert congress_title("淮北市", 16) == "淮北市第十六届人民代表大会"


def test_only_a_town_deputy_with_an_active_login_is_scoped_to_their_congress():
	assert scoped_to_own_congress("乡镇", "dep@town.cn", 1)
	assert not scoped_to_own_congress("乡镇", None, 1)
	assert not scoped_to_own_congress("乡镇", "dep@town.cn", 0)
	assert not scoped_to_own_congress("市", "dep@city.cn", 1)
	assert not scoped_to_own_congress(None, "dep@city.cn", 1)


def test_a_new_term_follows_the_latest_earlier_term_of_its_region_and_level():
	congresses = [
		{"name": "刘桥镇第十六届", "region": "刘桥镇", "level": "乡镇", "term_no": 16},
		{"name": "刘桥镇第十七届", "region": "刘桥镇", "level": "乡镇", "term_no": 17},
		{"name": "百善镇第十七届", "region": "百善镇", "level": "乡镇", "term_no": 17},
		{"name": "刘桥镇第十九届", "region": "刘桥镇", "level": "乡镇", "term_no": 19},
	]
	new = {"name": "刘桥镇第十八届", "region": "刘桥镇", "level": "乡镇", "term_no": 18}
	assert previous_term([*congresses, new], new) == "刘桥镇第十七届"
	assert (
		previous_term(congresses, {"name": "x", "region": "刘桥镇", "level": "乡镇", "term_no": 16}) is None
	)
	assert previous_term(congresses, {"name": "y", "region": "濉溪县", "level": "县", "term_no": 18}) is None
