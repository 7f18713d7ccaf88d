"""Steps of a record that touch many others — making 2,000 score sheets, publishing them, importing
an offline workbook — run as background jobs (the long queue), with their progress on the record's
form. One step at a time per record; a step saves all or nothing, and a step that stops names the
row and the reason on the record, where 重新运行 starts it again (so does a step whose job was lost
with a stopped worker).

A record that has such steps carries the fields job_step (后台任务), job_status (后台任务状态: 进行中,
已完成, 未完成) and job_message (后台任务结果), and its controller maps each step to its work:

	def background_steps(self) -> dict[str, tuple[Callable[[doc, progress], int], str]]:
		return {"生成评分表": (create_sheets, "共{}张考核评分表")}

The work gets the record and progress(count, total, description); it returns a count, which the
template puts into the record's message.
"""

import frappe

RUNNING, DONE, FAILED = "进行中", "已完成", "未完成"


class StepError(Exception):
	"""A step stopped on one row: the message names the row and the reason."""


def reason(e: Exception) -> str:
	return frappe.utils.strip_html(str(e)).strip() or type(e).__name__


def job_id(doctype: str, name: str, step: str) -> str:
	return f"sanyou-step::{doctype}::{name}::{step}"


def check_idle(doc) -> None:
	"""No other step may start while one runs in the background."""
	if doc.job_status == RUNNING:
		frappe.throw(f"“{doc.job_step}”正在后台进行，请待其完成后再操作", title="请稍候")


def stalled(doc) -> bool:
	"""A step shown 进行中 whose job is no longer queued or running (a worker was stopped)."""
	from frappe.utils.background_jobs import is_job_enqueued

	return doc.job_status == RUNNING and not is_job_enqueued(job_id(doc.doctype, doc.name, doc.job_step))


def queue(doc, step: str, again: bool = False) -> None:
	"""Start a step; the record shows it 进行中 until it ends. `again`: the step shown 进行中
	stalled, or stopped, and is started anew."""
	if step not in doc.background_steps():
		frappe.throw(f"“{step}”不是本记录的后台任务", title="无法运行")
	if not again:
		check_idle(doc)
	# not db_set: called from after_insert, it takes the new row as the record "before" the insert,
	# and the insert's Version credits the user with the step's fields (您修改了后台任务…)
	values = {"job_step": step, "job_status": RUNNING, "job_message": ""}
	doc.update(values)
	frappe.db.set_value(doc.doctype, doc.name, values, update_modified=False)
	frappe.enqueue(
		"sanyou_app.common.background.run_step",
		queue="long",
		timeout=3600,
		enqueue_after_commit=True,
		job_id=job_id(doc.doctype, doc.name, step),
		deduplicate=True,
		doctype=doc.doctype,
		name=doc.name,
		step=step,
	)


def retry(doc) -> str:
	"""重新运行: the step that stopped, or whose job was lost."""
	doc.check_permission("write")
	if doc.job_status != FAILED and not stalled(doc):
		frappe.throw("没有未完成的后台任务", title="无需重新运行")
	queue(doc, doc.job_step, again=True)
	return doc.job_step


def run_step(doctype: str, name: str, step: str) -> None:
	"""The background job of a step: all of it, or nothing and the reason on the record."""
	if not frappe.db.exists(doctype, name):
		return  # the record was deleted while its step waited in the queue: nothing to do
	doc = frappe.get_doc(doctype, name)
	if doc.job_step != step or doc.job_status != RUNNING:
		return  # run already (or another step has been started since)
	work, done = doc.background_steps()[step]

	def progress(count: int, total: int, description: str) -> None:
		if count == total or count % 20 == 0:
			frappe.publish_progress(
				count * 100 / max(total, 1),
				title=step,
				doctype=doctype,
				docname=name,
				description=description,
			)

	frappe.db.savepoint("background_step")
	try:
		count = work(doc, progress)
	except Exception as e:
		frappe.db.rollback(save_point="background_step")
		if isinstance(e, StepError | frappe.ValidationError):
			why = reason(e)  # the data's fault, told on the record: nothing for the Error Log
		else:
			why = "保存时出错，请联系管理员查看错误日志"
			frappe.log_error(title=f"{name}：{step}未完成")
		doc.reload()
		doc.db_set({"job_status": FAILED, "job_message": f"{step}未完成，未保存任何结果。{why}"}, notify=True)
		return
	doc.reload()
	doc.db_set({"job_status": DONE, "job_message": f"{step}已完成：{done.format(count)}"}, notify=True)
