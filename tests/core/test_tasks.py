import datetime as dt

from sanyou_app.core.tasks import is_overdue, reminders, task_errors

TODAY = dt.date(2025, 7, 1)
TASK = {"task": "制定年度学习计划", "category": "优教育", "responsible": "m1", "deadline": "2025-03-31"}


def msgs(errors):
	return [str(e) for e in errors]


def test_done_needs_evidence_and_gets_a_date():
	clean, errors = task_errors({**TASK, "status": "已完成"}, year=2025, today=TODAY)
	assert msgs(errors) == ["佐证材料：标记为已完成前须上传佐证材料"]
	clean, errors = task_errors(
		{**TASK, "status": "已完成", "evidence": "/private/files/plan.pdf"}, year=2025, today=TODAY
	)
	assert errors == [] and clean["completed_on"] == TODAY
	clean, _ = task_errors({**TASK, "status": "进行中", "completed_on": "2025-01-01"}, year=2025, today=TODAY)
	assert clean["completed_on"] is None


def test_task_errors():
	assert msgs(task_errors({"task": ""}, year=2025, today=TODAY)[1]) == [
		"任务：必填",
		"责任人：必填",
		"完成时限：必填",
	]
	assert msgs(task_errors({**TASK, "deadline": "2026-01-31"}, year=2025, today=TODAY)[1]) == [
		"完成时限：应在清单年度2025年内"
	]


def test_overdue_and_reminders():
	tasks = [
		{
			"name": "t1",
			"responsible": "m1",
			"party_branch": "一支部",
			"deadline": "2025-03-31",
			"status": "进行中",
		},
		{
			"name": "t2",
			"responsible": "m1",
			"party_branch": "一支部",
			"deadline": "2025-06-15",
			"status": "未开始",
		},
		{
			"name": "t3",
			"responsible": "m2",
			"party_branch": "一支部",
			"deadline": "2025-06-01",
			"status": "未开始",
		},
		{
			"name": "t4",
			"responsible": "m1",
			"party_branch": "一支部",
			"deadline": "2025-05-01",
			"status": "已完成",
		},
		{
			"name": "t5",
			"responsible": "m1",
			"party_branch": "一支部",
			"deadline": "2025-07-01",
			"status": "未开始",
		},
		{
			"name": "t6",
			"responsible": "m3",
			"party_branch": "一支部",
			"deadline": "2025-02-01",
			"status": "未开始",
			"last_reminded_on": "2025-07-01",
		},
	]
	assert [t["name"] for t in tasks if is_overdue(t, TODAY)] == ["t1", "t2", "t3", "t6"]
	out = reminders(
		tasks, recipients={"m1": "wang@x.cn", "m2": None}, fallback={"一支部": "sec@x.cn"}, today=TODAY
	)
	assert [(r.recipient, r.tasks) for r in out] == [("sec@x.cn", ("t3",)), ("wang@x.cn", ("t1", "t2"))]
	assert out[1].subject() == "您有2项党建任务已逾期"
