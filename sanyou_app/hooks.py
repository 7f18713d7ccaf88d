app_name = "sanyou_app"
app_title = "三优两争与民生实事"
app_publisher = "sanyou_app contributors"
app_description = "三优两争党建与民生实事项目人大代表票决制"
app_email = "sanyou@example.com"
app_license = "MIT"

# Roles, their desk settings and the workflows are created here only when missing, so that an
# administrator's edits survive `bench migrate` (fixtures would re-import over them).
after_install = ["sanyou_app.setup.install.after_install", "sanyou_app.documents.settings.ensure_defaults"]
after_migrate = ["sanyou_app.setup.install.after_migrate", "sanyou_app.documents.settings.ensure_defaults"]


# The desk's own screens read right where Frappe v15 leaves a label untranslated or writes "null"
# (public/js/sanyou_desk.bundle.js)
app_include_js = ["sanyou_desk.bundle.js", "documents.bundle.js"]
# the desk knows which print formats are 公文, to offer 下载 Word on their forms
extend_bootinfo = "sanyou_app.documents.api.boot"

jinja = {
	"methods": [
		"sanyou_app.livelihood_projects.api.candidate_projects",
		"sanyou_app.livelihood_projects.api.format_amount",
		"sanyou_app.livelihood_projects.api.chinese_date",
		"sanyou_app.core.congress.chinese_number",
		"sanyou_app.party_building.api.ledger_table",
		"sanyou_app.party_building.api.yuan",
		# the documents filed as 公文 (GB/T 9704-2012): one model for the print, the PDF and the Word copy
		"sanyou_app.documents.api.gongwen_html",
	],
}

doc_events = {
	"DocShare": {"validate": "sanyou_app.party_building.permissions.validate_share"},
	# the desk sends a default as text ("2"): the app's records get their numbers cast before any
	# rule reads them (common/numbers.py); an attach field names only a file its user may read
	# (common/files.py)
	"*": {
		"before_validate": "sanyou_app.common.numbers.cast_numbers",
		"validate": "sanyou_app.common.files.check_attach_fields",
	},
}

# Records named by what they are about ("2025-05-12 张三 幸福社区"), not by random strings: the
# doctypes of common/naming.py's TITLES.
_TITLED = (
	"Assessment Score Sheet",
	"Community Service Log",
	"Membership Transfer",
	"Party Officer Term",
	"Quarterly Test Score",
	"Branch Re-election",
	"Party Task",
	"Party Affairs Publication",
	"Pre-evaluation",
	"Supervision Log",
	"Progress Hearing",
	"Project Inspection",
	"Livelihood Import",
	"Deputy Activity Room",
	"Deputy Education Session",
	"Deputy Suggestion",
	"Deputy Theory Exam",
	"Deputy Visit",
	"Joint Activity",
	"Research Report",
	"Room Activity",
)
for _doctype in _TITLED:
	doc_events.setdefault(_doctype, {})["autoname"] = "sanyou_app.common.naming.autoname"

# Party Building: each branch secretary, group leader and member sees only their branch, group or
# own records (User Permissions, kept in step by party_building.access); these hooks apply the same
# scope again where Frappe would not. See docs/permissions.md.
_PARTY_DOCTYPES = (
	"Organ Office",
	"Party Branch",
	"Party Group",
	"Party Member",
	"Party Officer Term",
	"Branch Re-election",
	"Membership Transfer",
	"Party Dues Ledger",
	"Party Dues",
	"Party Task Checklist",
	"Party Task",
	"Party Affairs Publication",
	"Party Meeting",
	"Study Session",
	"Quarterly Test",
	"Quarterly Test Score",
	"Community Service Log",
)
_PARTY_QUERY_CONDITIONS = {
	**{doctype: "sanyou_app.party_building.permissions.query_conditions" for doctype in _PARTY_DOCTYPES},
	# added to Frappe's own conditions: a party record's files and workflow actions stay in scope
	"File": "sanyou_app.party_building.permissions.attached_query_conditions",
	"Workflow Action": "sanyou_app.party_building.permissions.attached_query_conditions",
}
_PARTY_HAS_PERMISSION = {
	doctype: "sanyou_app.party_building.permissions.has_permission" for doctype in _PARTY_DOCTYPES
}

_PARTY_DAILY = [
	"sanyou_app.party_building.reminders.remind_overdue_tasks",
	"sanyou_app.party_building.access.daily",
]

# Deputy Liaison: a deputy with a login sees their groups' pairing work and their own suggestions.
_LIAISON_DOCTYPES = (
	"Liaison Pairing",
	"Joint Activity",
	"Research Report",
	"Deputy Suggestion",
	"Room Activity",
	"Deputy Visit",
	"Deputy Education Session",
)
_LIAISON_HAS_PERMISSION = {
	doctype: "sanyou_app.deputy_liaison.permissions.has_permission" for doctype in _LIAISON_DOCTYPES
}
_LIAISON_QUERY_CONDITIONS = {
	doctype: "sanyou_app.deputy_liaison.permissions.query_conditions" for doctype in _LIAISON_DOCTYPES
}

has_permission = {
	# a vote's count is seen only by its tellers and scrutineers until they have signed it
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.has_permission",
	# ballots: nobody
	"Secret Ballot": "sanyou_app.voting.permissions.nobody",
	"Sealed Ballot": "sanyou_app.voting.permissions.nobody",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.has_permission",
	**_PARTY_HAS_PERMISSION,
	**_LIAISON_HAS_PERMISSION,
}

permission_query_conditions = {
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.query_conditions",
	"Secret Ballot": "sanyou_app.voting.permissions.no_rows",
	"Sealed Ballot": "sanyou_app.voting.permissions.no_rows",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.query_conditions",
	**_PARTY_QUERY_CONDITIONS,
	**_LIAISON_QUERY_CONDITIONS,
}

# No counting or aggregating of what a user may not read, for any doctype (common/query_guard.py):
# ballots are refused to everyone on every road, filters on unreadable fields are refused, and the
# counting methods Frappe v15 leaves unchecked count through permission-checked lists.
# (an auth hook: it runs once the request's user is known, by session cookie or API key)
auth_hooks = ["sanyou_app.common.query_guard.check_request"]
_GUARD = "sanyou_app.common.query_guard"
override_whitelisted_methods = {
	"frappe.client.get_count": f"{_GUARD}.get_count",
	"frappe.desk.listview.get_group_by_count": f"{_GUARD}.get_group_by_count",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": f"{_GUARD}.get_chart",
	"frappe.desk.notifications.get_open_count": f"{_GUARD}.get_open_count",
	"frappe.desk.search.search_link": f"{_GUARD}.search_link",
	"frappe.desk.search.search_widget": f"{_GUARD}.search_widget",
	# the timeline names who acted by their names, not their user IDs (common/timeline.py)
	**{
		f"frappe.desk.form.load.{method}": f"sanyou_app.common.timeline.{method}"
		for method in ("getdoc", "get_docinfo", "get_user_info_for_viewers")
	},
}

scheduler_events = {"daily": _PARTY_DAILY}

standard_queries = {}

# Records nobody should edit: none. See README ("fixtures/").
fixtures = []

# Rectification (整改清单): each user sees the items they answer for, a branch secretary their
# branch's; overdue items are flagged and their owners reminded once a day.
has_permission["Rectification Item"] = "sanyou_app.rectification.permissions.has_permission"
permission_query_conditions["Rectification Item"] = "sanyou_app.rectification.permissions.query_conditions"
scheduler_events["daily"] = [*scheduler_events["daily"], "sanyou_app.rectification.reminders.daily"]

# Project Supervision (项目实施与监督): adopted projects follow a published project vote, a published
# satisfaction survey writes its figures on them and raises rectification items for 不满意; leaders,
# liaison deputies and evaluators change only their own records; overdue milestones are reminded daily.
_SUPERVISION = "sanyou_app.project_supervision"
doc_events["Secret Vote"] = {"on_update": f"{_SUPERVISION}.adoption.on_vote_update"}
# no Client Script on the vote's forms: it would run in deputies' and scrutineers' browsers
doc_events["Client Script"] = {"validate": "sanyou_app.voting.permissions.refuse_client_script"}
doc_events["Livelihood Cycle"] = {"validate": f"{_SUPERVISION}.api.validate_cycle"}
# Many towns on one site: a town deputy's login and a new term carry the User Permission on the
# congress (livelihood_projects/towns.py)
doc_events["Congress Deputy"] = {"on_update": "sanyou_app.livelihood_projects.towns.scope_deputy"}
doc_events["Congress"] = {"after_insert": "sanyou_app.livelihood_projects.towns.carry_over_to_new_term"}
has_permission.update(
	{
		"Livelihood Project": f"{_SUPERVISION}.permissions.project_permission",
		"Supervision Log": f"{_SUPERVISION}.permissions.log_permission",
		"Pre-evaluation": f"{_SUPERVISION}.permissions.pre_evaluation_permission",
	}
)
scheduler_events["daily"] = [
	*scheduler_events["daily"],
	f"{_SUPERVISION}.reminders.remind_overdue_milestones",
]
jinja["methods"] = [
	*jinja["methods"],
	f"{_SUPERVISION}.api.completion_report",
]
# Proposals, votes and projects are numbered with their cycle's year: MS-.CYCLE_YEAR.- (common/naming.py)
naming_series_variables = {"CYCLE_YEAR": "sanyou_app.common.naming.cycle_year"}

# The Secret Vote form's results table shows the columns of the vote's kind.
doctype_js = {"Secret Vote": ["voting/doctype/secret_vote_result/secret_vote_columns.js"]}

# Guests (the public proposal form) read the site in its language (common/language.py); added to
# the hooks above, whichever module declared them
before_request = [
	*globals().get("before_request", []),
	"sanyou_app.common.language.set_guest_language",
	# the ballot tables are read and written by the ballot engine alone (voting/table_guard.py)
	"sanyou_app.voting.table_guard.guard",
]
# Background jobs speak the language of the user they run for, else the site's (common/language.py)
before_job = [
	*globals().get("before_job", []),
	"sanyou_app.common.language.set_job_language",
	"sanyou_app.voting.table_guard.guard",
]

# Frappe's PDF downloads, through wrappers that fix the PDFs' text layer (sanyou_app/common/pdf.py)
override_whitelisted_methods = {
	**globals().get("override_whitelisted_methods", {}),
	**{
		f"frappe.utils.print_format.{method}": f"sanyou_app.common.pdf.{method}"
		for method in ("download_pdf", "download_multi_pdf", "download_multi_pdf_async", "report_to_pdf")
	},
}
# Assessment (两争考核): each branch, group and member sees its own score sheets, and no score
# before publication (fields at higher permission levels). See docs/permissions.md.
has_permission["Assessment Score Sheet"] = "sanyou_app.assessment.permissions.has_permission"
permission_query_conditions["Assessment Score Sheet"] = "sanyou_app.assessment.permissions.query_conditions"
jinja["methods"] += [
	"sanyou_app.assessment.api.sees_scores",
	"sanyou_app.assessment.api.sheet_headings",
	"sanyou_app.assessment.api.published_titles",
]

# Every child table of the app's doctypes carries its parent's scope: its rows are listed only
# under parent records the user may list (common/scope.py; the tables are read off the doctypes'
# JSON, so a new table cannot be added without it).
from sanyou_app.common import scope as _scope  # noqa: E402

permission_query_conditions.update(_scope.child_condition_hooks())
# No history row carries a value its record hides (common/history.py)
doc_events["Version"] = {"before_insert": "sanyou_app.common.history.strip_hidden_values"}
