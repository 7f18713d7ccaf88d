"""Ballots are read by nobody: no role, no share, no User Permission (Administrator is refused
by common.query_guard before any method runs)."""


def nobody(doc=None, ptype=None, user=None):
	return False


def no_rows(user=None, doctype=None):
	return "1 = 0"


# The vote's forms run only the app's own code in deputies' and scrutineers' browsers.
VOTE_FORMS = ("Secret Vote", "Paper Ballot Entry", "Secret Ballot", "Sealed Ballot")


def refuse_client_script(doc, method=None):
	"""A Client Script runs in every browser that opens its form: on the vote's forms it could read
	a deputy's marks before they are sealed, or a scrutineer's key file as it is read. Refused for
	everyone, System Manager included (docs/voting.md, "Who can learn what")."""
	import frappe

	if doc.dt in VOTE_FORMS and doc.enabled:
		frappe.throw(
			f"“{frappe._(doc.dt)}”的表单不能添加客户端脚本：它会在代表和监票人的浏览器中运行，可能读取选票或开票密钥",
			frappe.PermissionError,
			title="不能保存",
		)
