"""The documents the app prints for filing, as 公文 (GB/T 9704-2012): their print formats, PDFs and
Word copies are all made from one model (core/gongwen.py) built by builders.py.

DOCUMENTS maps each print format to the doctype it prints and its builder.
"""

from sanyou_app.documents import builders

DOCUMENTS = {
	"征集公告": ("Livelihood Cycle", builders.notice),
	"候选项目情况报告": ("Livelihood Cycle", builders.candidate_report),
	"项目完成情况报告": ("Livelihood Cycle", builders.completion),
	"表决结果公告": ("Secret Vote", builders.vote_result),
	"计票记录": ("Secret Vote", builders.count_record),
	"表彰决定": ("Assessment Cycle", builders.commendation),
	"会议记录": ("Party Meeting", builders.meeting),
}
