import datetime as dt

from sanyou_app.core.rectification import (
	CLOSED,
	IN_PROGRESS,
	TO_ACCEPT,
	TO_DO,
	closing_errors,
	days_overdue,
	is_overdue,
	item_errors,
	may_close,
	problem_key,
	reminders,
	summary,
)

TODAY = dt.date(2025, 7, 1)
ITEM = {
	"source_kind": "两争考核",
	"problem": "三会一课记录不全",
	"owner_doctype": "Party Branch",
	"owner_name": "第一党支部",
	"deadline": "2025-09-30",
}


def msgs(errors):
	return [str(e) for e in errors]


def test_a_complete_item_is_accepted_and_cleaned():
	clean, errors = item_errors({**ITEM, "problem": "  三会一课<b>记录</b>不全 "}, today=TODAY)
	assert errors == []
	assert clean["problem"] == "三会一课记录不全"
	assert clean["deadline"] == dt.date(2025, 9, 30)
	assert clean["source_kind"] == "两争考核"


def test_what_an_item_needs():
	assert msgs(item_errors({}, today=TODAY)[1]) == [
		"问题：必填",
		"责任单位或责任人：须填写责任单位或责任人",
		"整改时限：必填",
	]
	assert msgs(item_errors({**ITEM, "source_kind": "群众来信"}, today=TODAY)[1]) == [
		"问题来源：应为满意度测评、视察督查、两争考核、其他之一"
	]
	assert msgs(item_errors({**ITEM, "deadline": "2025-06-30"}, today=TODAY)[1]) == ["整改时限：不能早于今天"]
	# an item being edited later keeps its past deadline
	assert item_errors({**ITEM, "deadline": "2025-06-30"})[1] == []
	assert msgs(item_errors({**ITEM, "owner_name": None}, today=TODAY)[1]) == [
		"责任单位：责任单位类型与责任单位须同时填写",
		"责任单位或责任人：须填写责任单位或责任人",
	]
	assert item_errors({**ITEM, "owner_doctype": None, "owner_name": None, "owner_user": "a@x.cn"})[1] == []
	assert msgs(item_errors({**ITEM, "source_doctype": "Party Branch"})[1]) == [
		"来源单据：来源单据类型与来源单据须同时填写"
	]
	assert msgs(item_errors({**ITEM, "deadline": "明年"})[1]) == ["整改时限：应为日期，如 2021-12-31"]


def test_the_same_problem_of_the_same_source_has_one_key():
	key = problem_key("Assessment Score Sheet", "S-1", "三会一课记录不全")
	assert key == problem_key("Assessment Score Sheet", "S-1", " 三会一课 记录不全\n")
	assert key != problem_key("Assessment Score Sheet", "S-2", "三会一课记录不全")
	assert key != problem_key("Assessment Score Sheet", "S-1", "党费未按时缴纳")
	assert problem_key(None, None, "ABC") == problem_key("", "", "abc")


def test_closing_needs_a_plan_and_evidence():
	assert msgs(closing_errors({"plan": "", "evidence": []})) == [
		"整改路线图：销号前须填写整改路线图",
		"销号佐证材料：销号前须上传整改完成的佐证材料",
	]
	assert not may_close({"plan": "补齐记录", "evidence": [{"file": ""}]})
	assert may_close({"plan": "补齐记录", "evidence": [{"file": "/private/files/a.pdf"}]})


def test_overdue_is_past_the_deadline_and_not_closed():
	item = {"deadline": "2025-06-20", "status": IN_PROGRESS}
	assert is_overdue(item, TODAY) and days_overdue(item, TODAY) == 11
	assert not is_overdue({**item, "status": CLOSED}, TODAY)
	assert not is_overdue({**item, "deadline": "2025-07-01"}, TODAY)  # due today is not late
	assert days_overdue({**item, "deadline": "2025-07-02"}, TODAY) == 0


def test_summary_by_owner_and_source():
	items = [
		{"owner_name": "一支部", "source_kind": "两争考核", "status": TO_DO, "deadline": "2025-06-01"},
		{"owner_name": "一支部", "source_kind": "两争考核", "status": TO_ACCEPT, "deadline": "2025-08-01"},
		{"owner_name": "一支部", "source_kind": "两争考核", "status": CLOSED, "deadline": "2025-05-01"},
		{"owner_name": "一支部", "source_kind": "视察督查", "status": CLOSED, "deadline": "2025-05-01"},
		{
			"owner_user": "zhang@x.cn",
			"source_kind": "满意度测评",
			"status": IN_PROGRESS,
			"deadline": "2025-07-31",
		},
	]
	rows = [(r.owner, r.source_kind, r.total, r.open, r.overdue, r.closed) for r in summary(items, TODAY)]
	assert rows == [
		("一支部", "两争考核", 3, 2, 1, 1),
		("zhang@x.cn", "满意度测评", 1, 1, 0, 0),
		("一支部", "视察督查", 1, 0, 0, 1),
	]


def test_reminders_once_a_day_per_owner_most_overdue_first():
	items = [
		{"name": "a", "owner_user": "u1", "deadline": "2025-06-30", "status": IN_PROGRESS},
		{"name": "b", "owner_user": "u1", "deadline": "2025-05-01", "status": TO_DO},
		{"name": "c", "owner_user": "u2", "deadline": "2025-06-01", "status": CLOSED},
		{
			"name": "d",
			"owner_user": "u2",
			"deadline": "2025-06-01",
			"status": TO_ACCEPT,
			"last_reminded_on": TODAY,
		},
		{"name": "e", "owner_user": None, "deadline": "2025-06-01", "status": TO_DO},
		{"name": "f", "owner_user": "u3", "deadline": "2025-08-01", "status": TO_DO},
	]
	sent = reminders(items, TODAY)
	assert [(r.recipient, r.items) for r in sent] == [("u1", ("b", "a"))]
	assert sent[0].subject() == "您有2项整改事项已逾期"
	assert reminders(items, TODAY + dt.timedelta(days=1))[1].items == ("d",)


def test_the_owner_writes_the_plan_from_the_moment_the_item_is_theirs_until_handed_in():
	from sanyou_app.core.rectification import OWNER_FIELDS, owner_change_errors, owner_may_write

	assert owner_may_write("待整改") and owner_may_write("整改中") and owner_may_write(None)
	assert not owner_may_write("待验收") and not owner_may_write("已销号")
	assert owner_change_errors("待整改", ["plan", "progress_note", "evidence"]) == []
	refused = owner_change_errors("待验收", ["plan", "evidence", "deadline"])
	assert [str(e) for e in refused] == [
		"整改路线图：已提交验收，不能再修改",
		"销号佐证材料：已提交验收，不能再修改",
	]
	assert [e.field for e in owner_change_errors("已销号", OWNER_FIELDS)] == list(OWNER_FIELDS)
	assert owner_change_errors("已销号", []) == []
