app_name = "sanyou_app"
app_title = "三优两争与民生实事"
app_publisher = "sanyou_app contributors"
app_description = "三优两争党建与民生实事项目人大代表票决制"
app_email = "sanyou@example.com"
app_license = "MIT"

# Roles, their desk settings and the workflows are created here only when missing, so that an
# administrator's edits survive `bench migrate` (fixtures would re-import over them).
after_install = "sanyou_app.setup.install.after_install"
after_migrate = "sanyou_app.setup.install.after_migrate"


jinja = {
	"methods": [
		"sanyou_app.livelihood_projects.api.candidate_projects",
		"sanyou_app.livelihood_projects.api.format_amount",
		"sanyou_app.livelihood_projects.api.chinese_date",
		"sanyou_app.core.congress.chinese_number",
		"sanyou_app.party_building.api.ledger_table",
		"sanyou_app.party_building.api.yuan",
	],
}

doc_events = {
	"DocShare": {"validate": "sanyou_app.party_building.permissions.validate_share"},
}

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
_PARTY_CHILD_TABLES = (
	"Party Branch Office",
	"Party Member Appraisal",
	"Branch Re-election Officer",
	"Party Meeting Attendance",
	"Study Session Attendee",
	"Party Attachment",
)
_PARTY_QUERY_CONDITIONS = {
	**{doctype: "sanyou_app.party_building.permissions.query_conditions" for doctype in _PARTY_DOCTYPES},
	**{
		doctype: "sanyou_app.party_building.permissions.child_query_conditions"
		for doctype in _PARTY_CHILD_TABLES
	},
	# added to Frappe's own conditions: a party record's files and workflow actions stay in scope
	"File": "sanyou_app.party_building.permissions.attached_query_conditions",
	"Workflow Action": "sanyou_app.party_building.permissions.attached_query_conditions",
}
_PARTY_HAS_PERMISSION = {
	doctype: "sanyou_app.party_building.permissions.has_permission" for doctype in _PARTY_DOCTYPES
}
_PARTY_WHITELIST_OVERRIDES = {
	"frappe.desk.search.search_link": "sanyou_app.party_building.permissions.search_link",
	"frappe.desk.search.search_widget": "sanyou_app.party_building.permissions.search_widget",
	"frappe.client.get_count": "sanyou_app.party_building.permissions.get_count",
	"frappe.desk.notifications.get_open_count": "sanyou_app.party_building.permissions.get_open_count",
}

_PARTY_DAILY = [
	"sanyou_app.party_building.reminders.remind_overdue_tasks",
	"sanyou_app.party_building.access.daily",
]

has_permission = {
	# a vote's count is seen only by its tellers and scrutineers until they have signed it
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.has_permission",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.has_permission",
	**_PARTY_HAS_PERMISSION,
}

permission_query_conditions = {
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.query_conditions",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.query_conditions",
	**_PARTY_QUERY_CONDITIONS,
}

override_whitelisted_methods = _PARTY_WHITELIST_OVERRIDES

scheduler_events = {"daily": _PARTY_DAILY}

standard_queries = {}

# Records nobody should edit: none. See README ("fixtures/").
fixtures = []

# Rectification (整改清单): each user sees the items they answer for, a branch secretary their
# branch's; overdue items are flagged and their owners reminded once a day.
has_permission["Rectification Item"] = "sanyou_app.rectification.permissions.has_permission"
permission_query_conditions["Rectification Item"] = "sanyou_app.rectification.permissions.query_conditions"
permission_query_conditions["Rectification Evidence"] = (
	"sanyou_app.rectification.permissions.evidence_query_conditions"
)
scheduler_events["daily"] = [*scheduler_events["daily"], "sanyou_app.rectification.reminders.daily"]

# Assessment (两争考核): each branch, group and member sees its own score sheets, and no score
# before publication (fields at higher permission levels). See docs/permissions.md.
has_permission["Assessment Score Sheet"] = "sanyou_app.assessment.permissions.has_permission"
permission_query_conditions["Assessment Score Sheet"] = "sanyou_app.assessment.permissions.query_conditions"
permission_query_conditions["Assessment Sheet Criterion"] = (
	"sanyou_app.assessment.permissions.criterion_conditions"
)
permission_query_conditions["Assessment Sheet Bonus"] = "sanyou_app.assessment.permissions.bonus_conditions"
jinja["methods"] += [
	"sanyou_app.assessment.api.sees_scores",
	"sanyou_app.assessment.api.sheet_headings",
	"sanyou_app.assessment.api.published_titles",
]
