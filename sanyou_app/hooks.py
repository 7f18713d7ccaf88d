"""The app's hooks, one declaration each, in the order of Frappe's hooks.py template.

Inside a hook the entries are grouped by module, each group under a one-line comment. Tables
computed from the doctypes (the child tables' scope) are built by one call inside the hook's
declaration; nothing below a declaration changes it.
"""

from sanyou_app.common import scope as _scope

# --- App -------------------------------------------------------------------------------------

app_name = "sanyou_app"
app_title = "三优两争与民生实事"
app_publisher = "sanyou_app contributors"
app_description = "三优两争党建与民生实事项目人大代表票决制"
app_email = "sanyou@example.com"
app_license = "MIT"

# --- Includes --------------------------------------------------------------------------------

app_include_js = [
	# the desk's own screens read right where Frappe v15 leaves a label untranslated or writes "null"
	"sanyou_desk.bundle.js",
	# documents: 下载 Word on the forms of records printed as 公文
	"documents.bundle.js",
]

doctype_js = {
	# voting: the Secret Vote form's results table shows the columns of the vote's kind
	"Secret Vote": ["voting/doctype/secret_vote_result/secret_vote_columns.js"],
}

# documents: the desk knows which print formats are 公文, to offer 下载 Word on their forms
extend_bootinfo = "sanyou_app.documents.api.boot"

# --- Jinja (print formats) -------------------------------------------------------------------

jinja = {
	"methods": [
		# livelihood projects: the ballot's candidates, amounts and dates as printed
		"sanyou_app.livelihood_projects.api.candidate_projects",
		"sanyou_app.livelihood_projects.api.format_amount",
		"sanyou_app.livelihood_projects.api.chinese_date",
		# congress: term and session numbers in Chinese (十八)
		"sanyou_app.core.congress.chinese_number",
		# party building: the dues ledger
		"sanyou_app.party_building.api.ledger_table",
		"sanyou_app.party_building.api.yuan",
		# documents: the 公文 (GB/T 9704-2012), one model for the print, the PDF and the Word copy
		"sanyou_app.documents.api.gongwen_html",
		# project supervision: the completion report
		"sanyou_app.project_supervision.api.completion_report",
		# assessment: the score sheet shows scores only once published
		"sanyou_app.assessment.api.sees_scores",
		"sanyou_app.assessment.api.sheet_headings",
		"sanyou_app.assessment.api.published_titles",
	],
}

# --- Installation ----------------------------------------------------------------------------

# Roles, their desk settings, the workflows and the settings are created here only when missing, so
# that an administrator's edits survive `bench migrate` (fixtures would re-import over them).
after_install = ["sanyou_app.setup.install.after_install", "sanyou_app.documents.settings.ensure_defaults"]
after_migrate = ["sanyou_app.setup.install.after_migrate", "sanyou_app.documents.settings.ensure_defaults"]

# --- Permissions -----------------------------------------------------------------------------

# Party building: each branch secretary, group leader and member sees only their branch, group or
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
_PARTY = "sanyou_app.party_building.permissions"
_PARTY_HAS_PERMISSION = {doctype: f"{_PARTY}.has_permission" for doctype in _PARTY_DOCTYPES}
_PARTY_QUERY_CONDITIONS = {
	**{doctype: f"{_PARTY}.query_conditions" for doctype in _PARTY_DOCTYPES},
	# added to Frappe's own conditions: a party record's files and workflow actions stay in scope
	"File": f"{_PARTY}.attached_query_conditions",
	"Workflow Action": f"{_PARTY}.attached_query_conditions",
}

# Deputy liaison: a deputy with a login sees their groups' pairing work and their own suggestions.
_LIAISON_DOCTYPES = (
	"Liaison Pairing",
	"Joint Activity",
	"Research Report",
	"Deputy Suggestion",
	"Room Activity",
	"Deputy Visit",
	"Deputy Education Session",
)
_LIAISON = "sanyou_app.deputy_liaison.permissions"

_SUPERVISION = "sanyou_app.project_supervision"

has_permission = {
	# voting: a vote's count is seen only by its tellers and scrutineers until they have signed it;
	# ballots by nobody
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.has_permission",
	"Secret Ballot": "sanyou_app.voting.permissions.nobody",
	"Sealed Ballot": "sanyou_app.voting.permissions.nobody",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.has_permission",
	# party building: branch, group or own records
	**_PARTY_HAS_PERMISSION,
	# deputy liaison: the deputy's groups' pairing work and own suggestions
	**{doctype: f"{_LIAISON}.has_permission" for doctype in _LIAISON_DOCTYPES},
	# rectification (整改清单): the items a user answers for, a branch secretary their branch's
	"Rectification Item": "sanyou_app.rectification.permissions.has_permission",
	# project supervision: leaders, liaison deputies and evaluators change only their own records
	"Livelihood Project": f"{_SUPERVISION}.permissions.project_permission",
	"Supervision Log": f"{_SUPERVISION}.permissions.log_permission",
	"Pre-evaluation": f"{_SUPERVISION}.permissions.pre_evaluation_permission",
	# assessment (两争考核): each branch, group and member its own score sheets (docs/permissions.md)
	"Assessment Score Sheet": "sanyou_app.assessment.permissions.has_permission",
}

permission_query_conditions = {
	# voting: the same rules in lists; no ballot rows at all
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.query_conditions",
	"Secret Ballot": "sanyou_app.voting.permissions.no_rows",
	"Sealed Ballot": "sanyou_app.voting.permissions.no_rows",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.query_conditions",
	# party building: branch, group or own records, and their files and workflow actions
	**_PARTY_QUERY_CONDITIONS,
	# deputy liaison: the deputy's groups' pairing work and own suggestions
	**{doctype: f"{_LIAISON}.query_conditions" for doctype in _LIAISON_DOCTYPES},
	# rectification: the items a user answers for, a branch secretary their branch's
	"Rectification Item": "sanyou_app.rectification.permissions.query_conditions",
	# assessment: each branch, group and member its own score sheets
	"Assessment Score Sheet": "sanyou_app.assessment.permissions.query_conditions",
	# common: every child table of the app's doctypes is listed only under parent records the user
	# may list (common/scope.py; the tables are read off the doctypes' JSON, so none is left out)
	**_scope.child_condition_hooks(),
}

# --- Document events -------------------------------------------------------------------------

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

doc_events = {
	# common: the desk sends a default as text ("2"): the app's records get their numbers cast
	# before any rule reads them (common/numbers.py); an attach field names only a file its user
	# may read (common/files.py)
	"*": {
		"before_validate": "sanyou_app.common.numbers.cast_numbers",
		"validate": "sanyou_app.common.files.check_attach_fields",
		# every workflow: a 退回 needs a reason, kept as a comment (workflow/reasons.py)
		"before_save": "sanyou_app.workflow.reasons.require_reason",
		"before_update_after_submit": "sanyou_app.workflow.reasons.require_reason",
	},
	# common: no history row carries a value its record hides (common/history.py)
	"Version": {"before_insert": "sanyou_app.common.history.strip_hidden_values"},
	# common: a user with no home workspace lands on their role's (setup/desk.py, setup/desk.json)
	"User": {"validate": "sanyou_app.setup.desk.set_home"},
	# common: titled names (common/naming.py)
	**{doctype: {"autoname": "sanyou_app.common.naming.autoname"} for doctype in _TITLED},
	# party building: a record is shared with nobody outside its scope, never with everyone
	"DocShare": {"validate": "sanyou_app.party_building.permissions.validate_share"},
	# voting: no Client Script on the vote's forms: it would run in deputies' and scrutineers' browsers
	"Client Script": {"validate": "sanyou_app.voting.permissions.refuse_client_script"},
	# project supervision: a published project vote adopts its projects; a cycle's liaison range,
	# criteria and rectification period are checked
	"Secret Vote": {"on_update": f"{_SUPERVISION}.adoption.on_vote_update"},
	"Livelihood Cycle": {"validate": f"{_SUPERVISION}.api.validate_cycle"},
	# towns (many on one site): a town deputy's login and a new term carry the User Permission on
	# the congress (livelihood_projects/towns.py)
	"Congress Deputy": {"on_update": "sanyou_app.livelihood_projects.towns.scope_deputy"},
	"Congress": {"after_insert": "sanyou_app.livelihood_projects.towns.carry_over_to_new_term"},
}

# --- Scheduled tasks -------------------------------------------------------------------------

scheduler_events = {
	"daily": [
		# party building: overdue tasks reminded; User Permissions kept in step with the branches
		"sanyou_app.party_building.reminders.remind_overdue_tasks",
		"sanyou_app.party_building.access.daily",
		# rectification: overdue items flagged and their owners reminded
		"sanyou_app.rectification.reminders.daily",
		# project supervision: overdue milestones reminded
		f"{_SUPERVISION}.reminders.remind_overdue_milestones",
	],
}

# --- Overriding methods ----------------------------------------------------------------------

_GUARD = "sanyou_app.common.query_guard"
override_whitelisted_methods = {
	# common: no counting or aggregating of what a user may not read (common/query_guard.py): the
	# counting methods Frappe v15 leaves unchecked count through permission-checked lists
	"frappe.client.get_count": f"{_GUARD}.get_count",
	"frappe.desk.listview.get_group_by_count": f"{_GUARD}.get_group_by_count",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": f"{_GUARD}.get_chart",
	"frappe.desk.notifications.get_open_count": f"{_GUARD}.get_open_count",
	"frappe.desk.search.search_link": f"{_GUARD}.search_link",
	"frappe.desk.search.search_widget": f"{_GUARD}.search_widget",
	# common: the timeline names who acted by their names, not their user IDs (common/timeline.py)
	**{
		f"frappe.desk.form.load.{method}": f"sanyou_app.common.timeline.{method}"
		for method in ("getdoc", "get_docinfo", "get_user_info_for_viewers")
	},
	# common: Frappe's PDF downloads, through wrappers that fix the PDFs' text layer (common/pdf.py)
	**{
		f"frappe.utils.print_format.{method}": f"sanyou_app.common.pdf.{method}"
		for method in ("download_pdf", "download_multi_pdf", "download_multi_pdf_async", "report_to_pdf")
	},
}

standard_queries = {}

# --- Request and job events ------------------------------------------------------------------

before_request = [
	# common: outside developer mode only Administrator is sent tracebacks (common/errors.py)
	"sanyou_app.common.errors.hide_tracebacks",
	# common: guests (the public proposal form) read the site in its language (common/language.py)
	"sanyou_app.common.language.set_guest_language",
	# voting: the ballot tables are read and written by the ballot engine alone (voting/table_guard.py)
	"sanyou_app.voting.table_guard.guard",
]

# common: a server error is told in one plain sentence, without its traceback (common/errors.py)
after_request = ["sanyou_app.common.errors.plain_server_error"]

before_job = [
	# common: background jobs speak the language of the user they run for, else the site's
	"sanyou_app.common.language.set_job_language",
	# voting: the ballot tables are read and written by the ballot engine alone
	"sanyou_app.voting.table_guard.guard",
]

# --- Authentication and authorization --------------------------------------------------------

auth_hooks = [
	# common: once the request's user is known (session cookie or API key), ballots are refused on
	# every road and filters on fields the user may not read are refused (common/query_guard.py)
	"sanyou_app.common.query_guard.check_request",
]

# --- Naming ----------------------------------------------------------------------------------

# livelihood projects: proposals, votes and projects are numbered with their cycle's year:
# MS-.CYCLE_YEAR.- (common/naming.py)
naming_series_variables = {"CYCLE_YEAR": "sanyou_app.common.naming.cycle_year"}

# --- Fixtures --------------------------------------------------------------------------------

# Records nobody should edit: none (admin edits survive upgrades). See README ("fixtures/").
fixtures = []
