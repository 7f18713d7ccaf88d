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
	],
}

doc_events = {}

has_permission = {
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.has_permission",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.has_permission",
}

permission_query_conditions = {
	"Secret Vote": "sanyou_app.voting.doctype.secret_vote.secret_vote.query_conditions",
	"Paper Ballot Entry": "sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry.query_conditions",
}

standard_queries = {}

# Records nobody should edit: none. See README ("fixtures/").
fixtures = []
