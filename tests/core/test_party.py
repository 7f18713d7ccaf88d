import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanyou_app.core import party
from sanyou_app.core.party import (
	BRANCH,
	GROUP,
	GROUP_LEADER,
	GROUP_LEADER_ROLE,
	MEMBER_ROLE,
	ORGAN,
	ORGANISATION_MEMBER,
	SECRETARY,
	SECRETARY_ROLE,
	SELF,
	MemberFacts,
	NewOfficer,
	Term,
	UserScope,
	access_changes,
	clean_member,
	denial,
	desired_access,
	reelection_errors,
	reelection_plan,
	term_errors,
	transfer_effect,
	transfer_errors,
)

TODAY = dt.date(2025, 6, 30)
GOOD = {
	"full_name": "王建华",
	"gender": "男",
	"birth_date": "1980-05-01",
	"joined_on": "2005-07-01",
	"member_type": "正式党员",
	"phone": "13912345678",
	"dues_base": "8500",
}


def messages(errors):
	return [str(e) for e in errors]


def test_a_good_member_passes_and_is_cleaned():
	clean, errors = clean_member({**GOOD, "full_name": " 王建华 "}, today=TODAY)
	assert errors == []
	assert clean["full_name"] == "王建华"
	assert clean["joined_on"] == dt.date(2005, 7, 1)
	assert str(clean["dues_base"]) == "8500"


@pytest.mark.parametrize(
	("change", "message"),
	[
		({"full_name": ""}, "姓名：必填"),
		({"gender": "M"}, "性别：应填“男”或“女”"),
		({"joined_on": None}, "入党日期：必填"),
		({"joined_on": "2026-01-01"}, "入党日期：不能晚于今天"),
		({"joined_on": "1995-01-01"}, "入党日期：入党时应年满18岁"),
		({"member_type": "团员"}, "党员类别：应为正式党员或预备党员"),
		({"phone": "12345"}, "联系电话：格式不正确，应为11位手机号或带区号的固定电话"),
		({"dues_base": "-1"}, "党费缴纳基数(月)：应为不小于0的数字"),
		({"dues_rate": "120"}, "缴纳比例(%)：不能超过100"),
		(
			{"joined_on": "2024-07-01", "full_member_on": "2025-03-01"},
			"转正日期：预备期为一年，转正日期不能早于入党日期满一年",
		),
	],
)
def test_member_errors_name_field_and_reason(change, message):
	_clean, errors = clean_member({**GOOD, **change}, today=TODAY)
	assert message in messages(errors)


def test_probation_lasts_at_most_two_years():
	_c, errors = clean_member({**GOOD, "member_type": "预备党员", "joined_on": "2023-06-01"}, today=TODAY)
	assert any("预备期最长不超过两年" in m for m in messages(errors))
	_c, errors = clean_member({**GOOD, "member_type": "预备党员", "joined_on": "2024-09-01"}, today=TODAY)
	assert errors == []


def test_branch_changes_only_through_a_transfer():
	assert messages(party.branch_change_error("一支部", "二支部", by_transfer=False)) == [
		"党支部：党员所在支部只能通过组织关系转接变更"
	]
	assert party.branch_change_error("一支部", "二支部", by_transfer=True) == []
	assert party.branch_change_error(None, "二支部", by_transfer=False) == []  # a new member


def test_one_appraisal_grade_per_year():
	errors = party.appraisal_errors(
		[{"year": 2024, "grade": "优秀"}, {"year": 2024, "grade": "合格"}, {"year": 2025, "grade": "好"}]
	)
	assert messages(errors) == [
		"民主评议第2行年度：2024年已在第1行评定",
		"民主评议第3行评议等次：应为优秀、合格、基本合格、不合格之一",
	]


def test_a_years_appraisal_result_is_checked_whole():
	assert party.appraisal_grade_errors({"m1": "优秀", "m2": "合格"}, on_roll={"m1", "m2"}) == []
	errors = party.appraisal_grade_errors({"m1": "良好", "m9": "合格"}, on_roll={"m1"}, names={"m1": "王一"})
	assert messages(errors) == [
		"评议等次：王一的等次“良好”应为优秀、合格、基本合格、不合格之一",
		"党员：m9不是在册党员",
	]


# --- terms and re-elections ----------------------------------------------------------------------

D = dt.date


def test_terms_of_the_same_seat_may_not_overlap():
	old = Term("m1", SECRETARY, "一支部", start=D(2022, 1, 1), end=D(2024, 12, 31), name="t1")
	assert term_errors(Term("m2", SECRETARY, "一支部", start=D(2025, 1, 1)), [old]) == []
	errors = term_errors(Term("m2", SECRETARY, "一支部", start=D(2024, 6, 1)), [old])
	assert messages(errors) == [
		"任职日期：支部书记任期与2022-01-01起的另一任期重叠（每个职务同一时间只能一人担任）"
	]
	# another branch's secretary, or another post, is another seat
	assert term_errors(Term("m2", SECRETARY, "二支部", start=D(2024, 6, 1)), [old]) == []
	assert term_errors(Term("m2", ORGANISATION_MEMBER, "一支部", start=D(2024, 6, 1)), [old]) == []


def test_group_leader_terms_are_per_group():
	a = Term("m1", GROUP_LEADER, "一支部", group="第一党小组", start=D(2024, 1, 1), name="a")
	assert term_errors(Term("m2", GROUP_LEADER, "一支部", group="第二党小组", start=D(2024, 3, 1)), [a]) == []
	assert term_errors(Term("m2", GROUP_LEADER, "一支部", group="第一党小组", start=D(2024, 3, 1)), [a]) != []
	assert messages(term_errors(Term("m2", GROUP_LEADER, "一支部", start=D(2024, 3, 1)), [])) == [
		"党小组：党小组长须填写所在党小组"
	]
	assert messages(
		term_errors(
			Term("m2", GROUP_LEADER, "一支部", group="x", start=D(2024, 3, 1)), [], group_branch="二支部"
		)
	) == ["党小组：该党小组不属于本党支部"]
	assert messages(
		term_errors(Term("m", SECRETARY, "一支部", start=D(2024, 3, 1), end=D(2024, 1, 1)), [])
	) == ["离任日期：不能早于任职日期"]


OFFICERS = [
	NewOfficer("m1", SECRETARY),
	NewOfficer("m2", ORGANISATION_MEMBER),
	NewOfficer("m3", GROUP_LEADER, "第一党小组"),
]


def election(**kw):
	args = dict(
		branch_members={"m1", "m2", "m3", "m4"},
		branch_groups={"第一党小组", "第二党小组"},
		members_on_roll=20,
		members_present=17,
		election_date=D(2025, 3, 1),
		today=TODAY,
	)
	args.update(kw)
	return messages(
		reelection_errors(kw.pop("officers", OFFICERS), **{k: v for k, v in args.items() if k != "officers"})
	)


def test_a_valid_reelection():
	assert election() == []


def test_election_needs_more_than_four_fifths_present():
	assert election(members_present=16) == ["实到会党员：到会16人，未超过应到会20人的五分之四，选举无效"]
	assert election(members_present=21) == ["实到会党员：不能多于应到会党员"]


def test_election_needs_one_secretary_unique_seats_and_branch_members():
	assert election(officers=[NewOfficer("m2", ORGANISATION_MEMBER)]) == ["换届人选：须选出支部书记"]
	assert election(officers=[*OFFICERS, NewOfficer("m4", SECRETARY)]) == [
		"换届人选第4行职务：与第1行重复（每个职务只能一人担任）"
	]
	assert election(
		officers=[*OFFICERS, NewOfficer("x9", GROUP_LEADER, "第二党小组")], names={"x9": "赵六"}
	) == ["换届人选第4行党员：赵六不是本支部在册党员"]
	assert election(officers=[*OFFICERS, NewOfficer("m4", GROUP_LEADER, "外支部小组")]) == [
		"换届人选第4行党小组：“外支部小组”不是本支部的党小组"
	]
	assert election(election_date=D(2025, 7, 1)) == ["换届日期：不能晚于今天（换届后再录入结果）"]


def test_reelection_closes_committee_terms_and_renamed_groups_only():
	current = [
		Term("o1", SECRETARY, "一支部", start=D(2022, 3, 1), name="s"),
		Term("o2", party.PUBLICITY_MEMBER, "一支部", start=D(2022, 3, 1), name="p"),
		Term("o3", GROUP_LEADER, "一支部", group="第一党小组", start=D(2022, 3, 1), name="g1"),
		Term("o4", GROUP_LEADER, "一支部", group="第二党小组", start=D(2022, 3, 1), name="g2"),
		Term("o5", SECRETARY, "二支部", start=D(2022, 3, 1), name="other-branch"),
		Term("o6", ORGANISATION_MEMBER, "一支部", start=D(2020, 1, 1), end=D(2021, 12, 31), name="ended"),
	]
	plan = reelection_plan(current, OFFICERS, branch="一支部", election_date=D(2025, 3, 1))
	assert sorted(t.name for t in plan.close) == ["g1", "p", "s"]
	assert [(t.member, t.position, t.group, t.start) for t in plan.open] == [
		("m1", SECRETARY, None, D(2025, 3, 1)),
		("m2", ORGANISATION_MEMBER, None, D(2025, 3, 1)),
		("m3", GROUP_LEADER, "第一党小组", D(2025, 3, 1)),
	]
	assert party.next_election_due(D(2025, 3, 1), 3) == D(2028, 3, 1)
	assert party.next_election_due(D(2024, 2, 29), 3) == D(2027, 2, 28)


# --- transfers -----------------------------------------------------------------------------------

LEAVES = {"一支部", "二支部"}
ZHANG = MemberFacts("m1", "一支部", "第一党小组", full_name="张三")


def transfer(data, member=ZHANG, open_transfers=0):
	return messages(
		transfer_errors(data, member=member, open_transfers=open_transfers, leaf_branches=LEAVES, today=TODAY)
	)


def test_transfer_within_the_organ():
	good = {"direction": "机关内转接", "party_branch": "一支部", "to_branch": "二支部"}
	assert transfer(good) == []
	assert transfer({**good, "to_branch": "一支部"}) == ["转入支部：不能与转出支部相同"]
	assert transfer({**good, "to_branch": None}) == ["转入支部：机关内转接须填写转入支部"]
	assert transfer({**good, "to_branch": "机关党委"}) == ["转入支部：应为机关党委下属的党支部"]
	assert transfer(good, open_transfers=1) == ["党员：该党员已有一项未办结的组织关系转接"]
	assert transfer(good, member=MemberFacts("m1", "二支部", full_name="张三")) == [
		"党员：张三不是本支部党员"
	]
	assert transfer(good, member=MemberFacts("m1", "一支部", status="已转出", full_name="张三")) == [
		"党员：张三已不是在册党员"
	]


def test_transfer_out_and_in_need_the_other_organisation():
	assert transfer({"direction": "转出", "party_branch": "一支部"}) == ["接收党组织：必填"]
	incoming = {"direction": "转入", "party_branch": "二支部", "other_organisation": "市委办公室党支部"}
	assert transfer(incoming, member=None) == ["姓名：必填", "性别：应填“男”或“女”", "入党日期：必填"]
	full = {
		**incoming,
		"full_name": "李四",
		"gender": "女",
		"joined_on": "2010-07-01",
		"member_type": "正式党员",
	}
	assert transfer(full, member=None) == []
	assert transfer({"direction": "调动"}) == ["转接类型：应为转入、转出、机关内转接之一"]


def test_transfer_effects():
	assert transfer_effect({"direction": "转出"}, ZHANG) == {"status": "已转出"}
	assert transfer_effect({"direction": "机关内转接", "to_branch": "二支部"}, ZHANG) == {
		"party_branch": "二支部",
		"party_group": None,
	}
	effect = transfer_effect({"direction": "转入", "party_branch": "二支部", "full_name": "李四"}, None)
	assert (effect["party_branch"], effect["full_name"], effect["status"]) == ("二支部", "李四", "在册")


# --- roles and scope -----------------------------------------------------------------------------


def test_scope_level_is_the_widest_role():
	assert party.scope_level(["Party Member", "Branch Secretary"]) == BRANCH
	assert party.scope_level(["Party Member", "Party Group Leader"]) == GROUP
	assert party.scope_level(["Party Member"]) == SELF
	assert party.scope_level(["Party Member", "Organ Party Committee Officer"]) == ORGAN
	assert party.scope_level(["System Manager"]) == ORGAN
	assert party.scope_level(["Town Congress Office"]) is None


def test_desired_access_follows_posts_held_today():
	me = MemberFacts("m1", "一支部", "第一党小组")
	secretary = Term("m1", SECRETARY, "一支部", start=D(2025, 1, 1))
	leader = Term("m1", GROUP_LEADER, "一支部", group="第一党小组", start=D(2025, 1, 1))
	assert desired_access(me, [], [], day=TODAY) == party.Access(
		frozenset({MEMBER_ROLE}), frozenset({("Party Branch", "一支部"), ("Party Member", "m1")})
	)
	access = desired_access(me, [leader], [], day=TODAY)
	assert access.roles == {MEMBER_ROLE, GROUP_LEADER_ROLE}
	assert access.permissions == {("Party Branch", "一支部"), ("Party Group", "第一党小组")}
	access = desired_access(me, [leader, secretary], [], day=TODAY)
	assert access.roles == {MEMBER_ROLE, GROUP_LEADER_ROLE, SECRETARY_ROLE}
	assert access.permissions == {("Party Branch", "一支部")}
	# an officer sees every branch: no User Permissions at all
	assert (
		desired_access(me, [secretary], ["Organ Party Committee Officer"], day=TODAY).permissions
		== frozenset()
	)
	# a term that ended yesterday gives nothing; a member transferred out gets nothing
	ended = Term("m1", SECRETARY, "一支部", start=D(2022, 1, 1), end=D(2025, 6, 29))
	assert desired_access(me, [ended], [], day=TODAY).roles == {MEMBER_ROLE}
	moved = MemberFacts("m1", "二支部")  # moved to another branch: the old post gives nothing
	assert desired_access(moved, [secretary], [], day=TODAY).roles == {MEMBER_ROLE}
	out = MemberFacts("m1", "一支部", status="已转出")
	assert desired_access(out, [secretary], [], day=TODAY) == party.Access(frozenset(), frozenset())


def test_access_changes_touch_only_party_roles_and_scope_doctypes():
	desired = party.Access(
		frozenset({MEMBER_ROLE}), frozenset({("Party Branch", "一支部"), ("Party Member", "m1")})
	)
	changes = access_changes(
		["Branch Secretary", "Town Congress Office"],
		[("Party Branch", "一支部"), ("Livelihood Cycle", "x")],
		desired,
	)
	assert changes.add_roles == (MEMBER_ROLE,)
	assert changes.remove_roles == (SECRETARY_ROLE,)
	assert changes.add_permissions == (("Party Member", "m1"),)
	assert changes.remove_permissions == ()
	assert access_changes([MEMBER_ROLE], desired.permissions, desired).empty


roles = st.sets(st.sampled_from(party.MANAGED_ROLES))
perms = st.sets(st.tuples(st.sampled_from(party.SCOPE_DOCTYPES), st.sampled_from(["a", "b", "c"])))


@given(roles, perms, roles, perms)
def test_applying_the_changes_reaches_the_desired_access(have_roles, have_perms, want_roles, want_perms):
	desired = party.Access(frozenset(want_roles), frozenset(want_perms))
	c = access_changes(have_roles, have_perms, desired)
	assert (set(have_roles) | set(c.add_roles)) - set(c.remove_roles) == want_roles
	assert (set(have_perms) | set(c.add_permissions)) - set(c.remove_permissions) == want_perms


SECRETARY_1 = UserScope(BRANCH, frozenset({"一支部"}), me="m0")
LEADER_1 = UserScope(GROUP, frozenset({"一支部"}), frozenset({"第一党小组"}), me="m1")
MEMBER_1 = UserScope(SELF, frozenset({"一支部"}), members=frozenset({"m1"}), me="m1")


def test_denial_keeps_each_scope_to_its_records():
	own = {"party_branch": "一支部", "party_group": "第一党小组", "member": "m1"}
	other_branch = {**own, "party_branch": "二支部"}
	other_group = {**own, "party_group": "第二党小组", "member": "m2"}
	for scope in (SECRETARY_1, LEADER_1, MEMBER_1):
		assert denial(scope, "Party Dues", "read", own) is None
		assert denial(scope, "Party Dues", "read", other_branch) == "该记录属于其他党支部"
	assert denial(SECRETARY_1, "Party Dues", "write", other_group) is None
	assert denial(LEADER_1, "Party Dues", "read", other_group) == "该记录属于其他党小组"
	assert denial(MEMBER_1, "Party Dues", "read", other_group) == "只能查看本人的记录"
	assert denial(UserScope(ORGAN), "Party Dues", "write", other_branch) is None


def test_a_group_leader_writes_for_the_group_only_where_the_matrix_says_so():
	mate = {"party_branch": "一支部", "party_group": "第一党小组", "member": "m7"}
	assert denial(LEADER_1, "Party Dues", "write", mate) is None  # records a group-mate's payment
	assert denial(LEADER_1, "Community Service Log", "create", mate) == "只能维护本人的记录"
	assert denial(LEADER_1, "Community Service Log", "create", {**mate, "member": "m1"}) is None
	assert denial(MEMBER_1, "Community Service Log", "create", {**mate, "member": "m1"}) is None
	assert denial(MEMBER_1, "Community Service Log", "write", mate) == "只能查看本人的记录"


def test_denial_organ_wide_records_are_read_only_below_the_committee():
	organ_wide = {"party_branch": None, "title": "机关党委通知"}
	assert denial(SECRETARY_1, "Party Affairs Publication", "read", organ_wide, published=True) is None
	assert (
		denial(SECRETARY_1, "Party Affairs Publication", "write", organ_wide) == "全机关的记录由机关党委维护"
	)
	assert (
		denial(MEMBER_1, "Party Affairs Publication", "read", organ_wide, published=False)
		== "该党务公开尚未发布"
	)
	branch_meeting = {"party_branch": "一支部", "party_group": None}
	assert denial(LEADER_1, "Party Meeting", "read", branch_meeting) is None
	assert denial(LEADER_1, "Party Meeting", "write", branch_meeting) == "支部层面的记录由支部书记维护"


def test_denial_tasks_are_updated_by_their_owner_below_the_secretary():
	task = {"party_branch": "一支部", "responsible": "m9"}
	assert denial(SECRETARY_1, "Party Task", "write", task) is None
	assert denial(LEADER_1, "Party Task", "read", task) is None
	assert denial(LEADER_1, "Party Task", "write", task) == "只能维护本人的记录"
	assert denial(LEADER_1, "Party Task", "write", {**task, "responsible": "m1"}) is None


def test_organ_wide_records_are_read_by_branches_only_where_allowed():
	organ_wide = {"party_branch": None}
	assert denial(SECRETARY_1, "Party Affairs Publication", "read", organ_wide, published=True) is None
	assert denial(SECRETARY_1, "Study Session", "read", organ_wide) == "全机关的记录由机关党委维护"
	assert denial(UserScope(ORGAN), "Study Session", "read", organ_wide) is None


def test_denial_fails_closed_without_a_branch():
	assert (
		denial(UserScope(BRANCH), "Party Member", "read", {"party_branch": "一支部"})
		== "未设定您所在的党支部，请联系机关党委"
	)


def test_branches_sort_as_people_count_them():
	from sanyou_app.core.party import branch_order, branch_sort_key, chinese_number

	assert [chinese_number(t) for t in ("一", "十", "十二", "二十", "二十三", "一百零三", "7", "甲")] == [
		1,
		10,
		12,
		20,
		23,
		103,
		7,
		None,
	]
	assert branch_order("机关第三党支部") == 3 and branch_order("机关党委") is None
	names = [
		"机关第三党支部",
		"机关第十党支部",
		"机关第二党支部",
		"机关党委",
		"机关第一党支部",
		"机关第十一党支部",
	]
	assert sorted(names, key=branch_sort_key) == [
		"机关第一党支部",
		"机关第二党支部",
		"机关第三党支部",
		"机关第十党支部",
		"机关第十一党支部",
		"机关党委",
	]
	# an order an administrator set comes before the name's number
	assert branch_sort_key("机关第三党支部", 1) < branch_sort_key("机关第二党支部")
