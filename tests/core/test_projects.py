import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from sanyou_app.core import projects as p

D = dt.date


def ms(planned, actual=None, percent=0, **kw):
	return {"planned_date": planned, "actual_date": actual, "percent": percent, **kw}


def test_progress_is_the_mean_of_the_milestones():
	rows = [ms(D(2020, 4, 30), D(2020, 4, 28), 100), ms(D(2020, 8, 31), None, 60), ms(D(2020, 11, 30))]
	assert p.overall_progress(rows) == 53.3  # (100 + 60 + 0) / 3
	assert p.overall_progress([]) == 0.0
	assert (
		p.overall_progress([ms(D(2020, 1, 1), percent=50, weight=3), ms(D(2020, 1, 1), percent=100)]) == 62.5
	)


@given(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=12))
def test_progress_lies_between_the_least_and_most_advanced_milestone(percents):
	value = p.overall_progress([ms(D(2020, 1, 1), percent=x) for x in percents])
	assert min(percents) - 0.05 <= value <= max(percents) + 0.05


def test_a_milestone_is_overdue_after_its_planned_date_until_done():
	today = D(2020, 9, 1)
	assert p.is_overdue(ms(D(2020, 8, 31), percent=80), today)
	assert p.days_overdue(ms(D(2020, 8, 31), percent=80), today) == 1
	assert not p.is_overdue(ms(D(2020, 9, 1), percent=0), today)  # due today: not yet overdue
	assert not p.is_overdue(ms(D(2020, 8, 31), D(2020, 9, 1), 100), today)
	assert p.is_overdue(ms("2020-08-01", None, 100), today)  # 100% but no actual date: not done
	assert not p.is_overdue(ms(None), today)


def test_milestones_met_counts_those_done_on_time():
	rows = [
		ms(D(2020, 4, 30), D(2020, 4, 28), 100),
		ms(D(2020, 8, 31), D(2020, 9, 10), 100),  # late
		ms(D(2020, 11, 30), None, 70),
	]
	assert p.milestones_met(rows) == (1, 3)


def test_milestone_rows_name_what_is_wrong():
	errors = p.check_milestones(
		[ms(None, None, 120), ms(D(2020, 1, 1), None, 100), ms(D(2020, 1, 1), D(2020, 1, 2), 50)]
	)
	reasons = [e.reason for e in errors]
	assert reasons == [
		"第1行完成百分比应在0到100之间",
		"第1行请填写计划完成日期",
		"第2行已完成100%，请填写实际完成日期",
		"第3行填写了实际完成日期，完成百分比应为100",
	]
	assert str(errors[0]).startswith("时间表：")


def test_liaison_range_is_the_cycles_rule():
	assert p.check_liaison_range(2, None, None) == []
	assert p.check_liaison_range(3, None, None) == []
	assert [e.reason for e in p.check_liaison_range(4, None, None)] == ["每个项目应有2至3名联系代表，现有4名"]
	assert [e.reason for e in p.check_liaison_range(1, 2, 3)] == ["每个项目应有2至3名联系代表，现有1名"]
	assert p.check_liaison_range(5, 3, 5) == []
	assert p.check_liaison_range(0, 2, 3) == []  # not named yet
	assert [e.field for e in p.check_liaison_rule(4, 2)] == ["liaison_max"]
	assert p.check_liaison_rule(2, 3) == []


def test_each_state_requires_what_it_needs():
	bare = {"milestones": []}
	assert [e.field for e in p.missing_for_state(p.NOT_STARTED, bare)] == []
	assert [e.field for e in p.missing_for_state(p.IN_PROGRESS, bare)] == ["leader", "milestones"]
	running = {"leader_name": "李明", "milestones": [ms(D(2020, 5, 1), percent=40)]}
	assert p.missing_for_state(p.IN_PROGRESS, running) == []
	assert [e.field for e in p.missing_for_state(p.DELAYED, running)] == ["delay_reason"]
	assert p.missing_for_state(p.DELAYED, {**running, "delay_reason": "雨季停工"}) == []
	assert [e.reason for e in p.missing_for_state(p.AWAITING_ACCEPTANCE, running)] == [
		"第1个节点尚未完成，不能申请验收"
	]
	done = {"leader_user": "u@x.cn", "milestones": [ms(D(2020, 5, 1), D(2020, 5, 1), 100)]}
	assert p.missing_for_state(p.AWAITING_ACCEPTANCE, done) == []
	assert [e.field for e in p.missing_for_state(p.COMPLETED, done)] == ["completed_on"]
	assert p.missing_for_state(p.COMPLETED, {**done, "completed_on": "2020-12-20"}) == []


def test_amounts_are_checked():
	assert [e.field for e in p.check_project({"investment": "-1", "funds_used": "abc"})] == [
		"investment",
		"funds_used",
	]
	assert p.check_project({"investment": 286.5, "funds_used": 280.12}) == []


def test_leader_as_printed():
	assert p.leader_display(None, "李明", "镇党委副书记") == "镇党委副书记 李明"
	assert p.leader_display("王强", None, None) == "王强"
	assert p.leader_display("王强", None, " ") == "王强"


def test_reminders_go_once_a_day_to_the_leader_and_the_liaison_deputies():
	today = D(2020, 9, 1)
	projects = [
		{
			"name": "A",
			"status": p.IN_PROGRESS,
			"leader_user": "leader@x",
			"liaison_users": ["d1@x", "d2@x"],
			"milestones": [ms(D(2020, 8, 1), percent=50), ms(D(2020, 8, 20)), ms(D(2020, 12, 1))],
		},
		{
			"name": "B",
			"status": p.DELAYED,
			"leader_user": None,
			"liaison_users": ["d1@x"],
			"milestones": [ms(D(2020, 8, 30), percent=10)],
		},
		{  # reminded today already
			"name": "C",
			"status": p.IN_PROGRESS,
			"leader_user": "leader@x",
			"liaison_users": [],
			"last_reminded_on": today,
			"milestones": [ms(D(2020, 8, 1))],
		},
		{  # completed: never reminded
			"name": "D",
			"status": p.COMPLETED,
			"leader_user": "leader@x",
			"milestones": [ms(D(2020, 8, 1))],
		},
		{"name": "E", "status": p.IN_PROGRESS, "leader_user": "x@x", "milestones": [ms(D(2020, 10, 1))]},
	]
	out = {r.recipient: (r.projects, r.milestones) for r in p.reminders(projects, today)}
	assert out == {"d1@x": (("A", "B"), 3), "d2@x": (("A",), 2), "leader@x": (("A",), 2)}
	assert p.reminders(projects, today)[0].subject() == "民生实事项目有3个时间节点已逾期（2个项目）"
	assert p.reminders([{**projects[0], "last_reminded_on": "2020-08-31"}], today)  # yesterday's: again


def test_pre_evaluation_score_is_the_sum_within_each_maximum():
	rows = [
		{"criterion": "项目完成情况", "max_score": 40, "score": 38},
		{"criterion": "资金使用", "max_score": 20, "score": 18.5},
		{"criterion": "群众满意", "max_score": 40, "score": 36},
	]
	assert p.evaluation_score(rows) == (92.5, [])
	total, errors = p.evaluation_score([{"criterion": "资金使用", "max_score": 20, "score": 21}])
	assert total == 21.0 and [e.reason for e in errors] == ["第1行“资金使用”得分应在0到20之间"]
	assert [
		e.reason
		for e in p.check_criteria([{"criterion": "A", "max_score": 10}, {"criterion": "A", "max_score": 0}])
	] == [
		"第2行指标“A”重复",
		"第2行满分应大于0",
	]
	assert p.score_rows([{"criterion": "A", "max_score": 10}], [{"criterion": "A", "score": 8}]) == [
		{"criterion": "A", "max_score": 10, "score": 8, "comment": None}
	]


def test_a_published_vote_adopts_each_picked_candidate_once():
	items = [{"item_label": f"项目{i}", "reference_name": f"MS-{i}"} for i in range(1, 7)]
	results = [{"item_label": f"项目{i}", "picked": int(i <= 5), "votes_for": 70 - i} for i in range(1, 7)]
	picked = p.picked_items(items, results)
	assert [(x.candidate, x.votes_for) for x in picked] == [(f"MS-{i}", 70 - i) for i in range(1, 6)]
	assert len(p.to_adopt(picked, [], [])) == 5
	assert p.to_adopt(picked, [f"MS-{i}" for i in range(1, 6)], []) == []  # published twice
	assert [x.candidate for x in p.to_adopt(picked, ["MS-1", "MS-2"], [])] == ["MS-3", "MS-4", "MS-5"]
	# the result row may name its candidate itself
	own = p.picked_items([], [{"item_label": "X", "reference_name": "MS-9", "picked": 1, "votes_for": 40}])
	assert own[0].candidate == "MS-9"
	# no candidate at all: the label is the key
	bare = p.picked_items([], [{"item_label": "X", "picked": 1}])
	assert p.to_adopt(bare, [], ["X"]) == [] and len(p.to_adopt(bare, [], [])) == 1


def test_unsatisfied_projects_of_a_survey():
	items = [{"item_label": "A", "reference_name": "MS-1"}, {"item_label": "B", "reference_name": "MS-2"}]
	results = [
		{"item_label": "A", "grade": "满意", "satisfaction_rate": 100.0, "needs_rectification": 0},
		{"item_label": "B", "grade": "不满意", "satisfaction_rate": 41.2, "needs_rectification": 1},
	]
	assert p.unsatisfied_items(items, results) == [p.Unsatisfied("B", "MS-2", 41.2, "不满意")]


def test_the_public_rows_carry_only_public_fields():
	rows = [
		{"name": "P1", "year": 2020, "title": "连心小院", "investment": 45.8, "contact_phone": "13800000000"},
		{"name": "P2", "year": 2020, "title": "村庄扶贫路", "investment": 286.5, "internal_opinion": "x"},
		{"name": "P3", "year": 2021, "title": "大礼堂门前绿化项目", "investment": 58},
	]
	groups = p.public_rows(rows)
	assert [g.year for g in groups] == [2021, 2020]
	assert groups[1].investment == 332.3
	for g in groups:
		for row in g.projects:
			assert set(row) == set(p.PUBLIC_FIELDS)


def test_an_unsatisfied_project_is_due_for_rectification_the_cycles_days_later():
	assert p.rectification_deadline(D(2021, 2, 20), 60) == D(2021, 4, 21)
	assert p.rectification_deadline(D(2021, 2, 20), None) == D(2021, 5, 21)  # 90 days by default
	assert p.survey_problem(
		"连心小院", "2020年民生实事项目满意度测评", 41.17, "镇民政办公室", "副镇长 王强"
	) == (
		"连心小院在2020年民生实事项目满意度测评中测评为不满意（满意率41.2%），交政府整改。"
		"实施主体：镇民政办公室，包保领导：副镇长 王强。"
	)
	assert p.survey_problem("A", "测评", None, None, None) == "A在测评中测评为不满意，交政府整改。"


# --- who keeps a project's record -------------------------------------------------------------

PROJECT_FIELDS = {"title", "content", "investment", "leader_user", "leader_name", "milestones", "funds_used"}


def test_a_leader_reports_on_their_own_project_only():
	assert p.project_writable_fields(["Project Leader"], True, PROJECT_FIELDS) == {"milestones", "funds_used"}
	assert p.project_writable_fields(["Project Leader"], False, PROJECT_FIELDS) == set()
	assert p.project_writable_fields(["Congress Deputy"], True, PROJECT_FIELDS) == set()
	for keeper in ("Implementation Group", "Town Congress Office", "System Manager"):
		assert p.project_writable_fields([keeper, "Project Leader"], False, PROJECT_FIELDS) == PROJECT_FIELDS
