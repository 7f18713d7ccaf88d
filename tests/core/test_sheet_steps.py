"""Who writes what on a score sheet at each step: the assessee's side its evidence and
self-assessment at 资料报送, the assessors their scores at 赋分评价, the 机关党委 its findings and
the title; nobody another step's fields."""

import copy

from sanyou_app.core.assessment import (
	AGGREGATION,
	COMPUTED,
	HAND,
	INSPECTION,
	PUBLISHED,
	RESULTS,
	SCORING,
	SUBMISSION,
	refused_changes,
	sheet_writable,
)

BRANCH = {"Party Member", "Branch Secretary"}
GROUP_LEADER = {"Party Member", "Party Group Leader"}
ASSESSOR = {"Assessment Assessor"}
OFFICER = {"Organ Party Committee Officer", "Party Member"}


def criterion(name, title, method):
	"""A criterion row as the sheet holds it before anyone writes."""
	return {
		"name": name,
		"criterion": title,
		"scoring_method": method,
		"evidence": None,
		"evidence_file": None,
		"self_score": 0.0,
		"group_score": 0.0,
		"score": 0.0,
		"deduction_count": 0.0,
		"deduction_reason": None,
	}


def sheet():
	return {
		"title": None,
		"inspection_note": None,
		"criteria": [criterion("r1", "政治学习", HAND), criterion("r2", "三会一课", COMPUTED)],
		"bonuses": [{"name": "b1", "item": "市级表彰", "count": 0.0, "reason": None}],
	}


def changed(**rows):
	"""The sheet with row fields changed: changed(r1={"score": 9}) or the sheet's own (sheet={...})."""
	after = sheet()
	after.update(rows.pop("sheet", {}))
	for row in after["criteria"] + after["bonuses"]:
		row.update(rows.get(row["name"], {}))
	return after


def refused(state, roles, after, unseen=()):
	return [str(e) for e in refused_changes(state, roles, sheet(), after, unseen)]


def test_the_branch_writes_its_evidence_and_self_assessment_at_submission():
	after = changed(r1={"evidence": "学习记录12份", "self_score": 9.0, "evidence_file": "/files/a.pdf"})
	assert refused(SUBMISSION, BRANCH, after) == []


def test_the_branch_never_writes_the_assessors_score_and_is_told_which_row():
	after = changed(r1={"score": 10.0, "deduction_count": 1.0}, b1={"count": 2.0})
	assert refused(SUBMISSION, BRANCH, after) == [
		"考核细则第1行（政治学习）的评分人评分：在“资料报送”步骤不能由您修改",
		"考核细则第1行（政治学习）的扣分次数：在“资料报送”步骤不能由您修改",
		"加分项第1行（市级表彰）的加分次数：在“资料报送”步骤不能由您修改",
	]


def test_nor_the_officers_findings_or_title():
	after = changed(sheet={"title": "先进党支部", "inspection_note": "无"})
	assert [e.split("：")[0] for e in refused(SUBMISSION, BRANCH, after)] == [
		"拟授予称号",
		"督促检查发现的问题",
	]


def test_the_branch_writes_nothing_once_its_evidence_is_in():
	for state in (AGGREGATION, SCORING, INSPECTION, RESULTS, PUBLISHED):
		assert refused(state, BRANCH, changed(r1={"self_score": 8.0})) == [
			f"考核细则第1行（政治学习）的自评分：在“{state}”步骤不能由您修改"
		]


def test_the_assessor_scores_at_scoring_and_never_rewrites_the_self_assessment():
	scored = changed(
		r1={"score": 9.5, "deduction_count": 1.0, "deduction_reason": "缺记录"}, b1={"count": 1.0}
	)
	assert refused(SCORING, ASSESSOR, scored) == []
	assert refused(SCORING, ASSESSOR, changed(r1={"self_score": 10.0, "evidence": "改写"})) == [
		"考核细则第1行（政治学习）的报送的佐证材料：在“赋分评价”步骤不能由您修改",
		"考核细则第1行（政治学习）的自评分：在“赋分评价”步骤不能由您修改",
	]
	assert refused(SCORING, ASSESSOR, changed(r1={"group_score": 7.0})) != []
	# scoring is over once the sheet is handed to inspection
	assert refused(INSPECTION, ASSESSOR, changed(r1={"score": 8.0})) != []
	assert refused(SUBMISSION, ASSESSOR, changed(r1={"score": 8.0})) != []


def test_the_group_leader_scores_a_member_at_submission_only():
	assert refused(SUBMISSION, GROUP_LEADER, changed(r1={"group_score": 8.0})) == []
	assert refused(SUBMISSION, BRANCH, changed(r1={"group_score": 8.0})) != []
	assert refused(SCORING, GROUP_LEADER, changed(r1={"group_score": 8.0})) != []


def test_the_officer_corrects_at_inspection_notes_its_findings_and_settles_the_title():
	assert (
		refused(INSPECTION, OFFICER, changed(r1={"score": 8.0}, sheet={"inspection_note": "缺会议记录"}))
		== []
	)
	assert refused(RESULTS, OFFICER, changed(sheet={"title": "先进党支部"})) == []
	assert refused(INSPECTION, OFFICER, changed(sheet={"title": "先进党支部"})) != []
	assert refused(PUBLISHED, OFFICER, changed(sheet={"title": "先进党支部"})) != []


def test_a_computed_criterion_is_written_by_the_aggregation_not_checked_as_a_persons_edit():
	after = changed(r2={"deduction_count": 2.0, "deduction_reason": "缺2次支委会"})
	assert refused(AGGREGATION, OFFICER, after) == []
	# but its self-assessment is still the assessee's
	assert refused(SCORING, ASSESSOR, changed(r2={"self_score": 5.0})) != []


def test_a_field_the_user_cannot_read_comes_back_empty_and_that_is_no_change():
	before = sheet()
	before["criteria"][0]["score"] = 9.0
	after = copy.deepcopy(before)
	after["criteria"][0]["score"] = None  # the form never had it
	after["criteria"][0]["self_score"] = 8.0
	assert refused_changes(SUBMISSION, BRANCH, before, after, unseen={"score"}) == []
	after["criteria"][0]["score"] = 10.0  # but a value sent is a change
	assert len(refused_changes(SUBMISSION, BRANCH, before, after, unseen={"score"})) == 1


def test_rows_come_from_the_rulebook():
	after = sheet()
	after["criteria"].append({**after["criteria"][0], "name": None})
	assert refused(SCORING, ASSESSOR, after) == ["考核细则：不能增删行，行由考核实施细则生成"]
	after = sheet()
	after["bonuses"] = []
	assert refused(SCORING, {"System Manager"}, after) == ["加分项：不能增删行，行由考核实施细则生成"]


def test_the_form_is_told_the_same_fields():
	assert sheet_writable(SUBMISSION, BRANCH) == {
		"sheet": set(),
		"criteria": {"evidence", "evidence_file", "self_score"},
		"bonuses": set(),
	}
	assert sheet_writable(SCORING, ASSESSOR) == {
		"sheet": set(),
		"criteria": {"score", "deduction_count", "deduction_reason"},
		"bonuses": {"count", "reason"},
	}
	assert sheet_writable(PUBLISHED, OFFICER) == {"sheet": set(), "criteria": set(), "bonuses": set()}
