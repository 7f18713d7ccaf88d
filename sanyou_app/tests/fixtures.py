"""Records the integration tests build: a town with its congress and cycle, and users per role."""

import datetime as dt
import random

import frappe
from frappe.model.workflow import apply_workflow

from sanyou_app.setup.users import insert_users_in_bulk

PASSWORD = "Sanyou@Test2026"
ROLE_USERS = {
	"Town Congress Office": "office@sanyou.test",
	"Presidium Member": "presidium@sanyou.test",
	"Party Committee Approver": "party@sanyou.test",
	"Congress Deputy": "deputy@sanyou.test",
	"System Manager": "sysmanager@sanyou.test",
}


def tag(length: int = 6) -> str:
	"""Digits that make a test record's name unique: no Latin letters, which the browser tests would
	take for English left on a page."""
	return "".join(random.choices("0123456789", k=length))


def user_for(role: str) -> str:
	"""A user holding exactly `role` (created once, kept between runs)."""
	email = ROLE_USERS[role]
	name = "测试" + frappe._(role, lang="zh")
	full_name = frappe.db.get_value("User", email, "full_name")
	if full_name and full_name != name:  # made by an earlier run, named by its role in English
		frappe.db.set_value("User", email, {"first_name": name, "last_name": None, "full_name": name})
	elif not full_name:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": name,
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": role}],
			}
		)
		user.flags.no_welcome_mail = True
		insert_users_in_bulk(user)
	return email


def make_town(deputies: int = 0, open_today: bool = True, **cycle_values) -> frappe._dict:
	"""A town (unique name) with its congress, `deputies` deputies and one cycle of this year."""
	town = f"测试{tag()}镇"
	congress = frappe.get_doc({"doctype": "Congress", "region": town, "term_no": 18}).insert()
	for i in range(deputies):
		frappe.get_doc(
			{
				"doctype": "Congress Deputy",
				"congress": congress.name,
				"full_name": f"代表{i + 1}",
				"gender": "男" if i % 2 else "女",
				"village_unit": f"{i % 5 + 1}村",
			}
		).insert()
	today = frappe.utils.getdate()  # the site's day, not the server's
	start, end = (today - dt.timedelta(days=3), today + dt.timedelta(days=3)) if open_today else (None, None)
	cycle = frappe.get_doc(
		{
			"doctype": "Livelihood Cycle",
			"congress": congress.name,
			"year": today.year,
			"session_no": 8,
			"projects_to_pick": 2,
			"collection_start": start,
			"collection_end": end,
			**cycle_values,
		}
	).insert()
	return frappe._dict(town=town, congress=congress.name, cycle=cycle.name)


def proposal(cycle: str, title: str = "村庄扶贫路", **values) -> str:
	doc = frappe.get_doc(
		{
			"doctype": "Livelihood Proposal",
			"cycle": cycle,
			"title": title,
			"proposer_name": "张三",
			"village": "丁楼村",
			"contact_phone": "13912345678",
			"description": "硬化村内道路约3公里",
			"reason": "雨天道路泥泞，群众出行不便",
			"channel": "代表座谈会",
			**values,
		}
	)
	return doc.insert().name


def act_as(user: str, name: str, action: str | None, **values) -> None:
	"""Take a workflow action on a proposal as `user`, after setting `values` (as the form would);
	with no action, only save the values."""
	frappe.set_user(user)
	try:
		doc = frappe.get_doc("Livelihood Proposal", name)
		if values:
			doc.update(values)
			doc.save()
		if action:
			apply_workflow(doc, action)
	finally:
		frappe.set_user("Administrator")


PRELIMINARY = {
	"content": "硬化村内道路3公里，宽4.5米",
	"investment": 286.5,
	"implementing_body": "镇交通运输管理站",
	"deadline": "2030-12-31",
}


def deputy_logins(congress: str, prefix: str, api_keys: bool = False) -> list[tuple[str, str, str]]:
	"""Give every deputy of a congress a login (role Congress Deputy), with an API key if asked.

	Returns (user, api key, api secret) in roll order; deputies who have a login keep it.
	"""
	out = []
	deputies = frappe.get_all(
		"Congress Deputy", filters={"congress": congress}, fields=["name", "user"], order_by="full_name, name"
	)
	for i, deputy in enumerate(deputies):
		if deputy.user and not api_keys:
			out.append((deputy.user, "", ""))
			continue
		email = f"{prefix}{i}@sanyou.test"
		key, secret = (
			(frappe.generate_hash(length=15), frappe.generate_hash(length=15)) if api_keys else ("", "")
		)
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": f"代表{i}",
				"send_welcome_email": 0,
				"roles": [{"role": "Congress Deputy"}],
				**({"api_key": key, "api_secret": secret} if api_keys else {}),
			}
		)
		user.flags.no_welcome_mail = True
		insert_users_in_bulk(user)
		frappe.db.set_value("Congress Deputy", deputy.name, "user", email)
		out.append((email, key, secret))
	return out


def deputy_users(congress: str, prefix: str) -> list[str]:
	"""The deputies' logins, in roll order (see deputy_logins)."""
	return [user for user, _, _ in deputy_logins(congress, prefix)]


def make_vote(town, vote_type: str = "项目票决", mode: str = "纸质投票", officers=(), **values):
	"""A vote of the town's cycle; `officers` is [(duty, deputy name)]."""
	doc = frappe.get_doc(
		{
			"doctype": "Secret Vote",
			"title": f"{town.town}{vote_type}",
			"vote_type": vote_type,
			"mode": mode,
			"cycle": town.cycle,
			"officers": [{"officer_role": duty, "deputy": deputy} for duty, deputy in officers],
			**values,
		}
	)
	return doc.insert()


def sign_in(vote, count: int):
	doc = frappe.get_doc("Secret Vote", vote)
	for row in doc.voters[:count]:
		row.signed_in = 1
	doc.save()
	return doc


def candidates(town, titles_and_investment):
	"""Candidate projects of the town's cycle (set up directly: the workflow has its own tests)."""
	names = []
	for title, investment in titles_and_investment:
		name = proposal(town.cycle, title=title, **{**PRELIMINARY, "investment": investment})
		frappe.db.set_value("Livelihood Proposal", name, "workflow_state", "候选项目")
		names.append(name)
	return names


# --- sealed electronic ballots, as the scrutineers' and deputies' browsers make them ------------


def register_keys(vote: str) -> dict[str, bytes]:
	"""Every scrutineer of the vote makes a key pair and registers its public half, as their
	browser does. Returns {user: secret key} (what each keeps in their key file)."""
	from sanyou_app.core import sealing
	from sanyou_app.voting import sealing as sealing_api
	from sanyou_app.voting.officers import scrutineers

	secrets = {}
	for row in scrutineers(frappe.get_doc("Secret Vote", vote)):
		secret, public = sealing.new_key_pair()
		frappe.set_user(row.user)
		try:
			sealing_api.register_key(vote, sealing.encode(public))
		finally:
			frappe.set_user("Administrator")
		secrets[row.user] = secret
	return secrets


def sealed_ballot(vote: str, marks: dict, digits: str | None = None, code: str | None = None) -> str:
	"""A ballot sealed for the vote's scrutineers, as the cast dialog sends it: the envelope
	names the vote and a receipt code (`digits` forces the marks, e.g. ones that do not read)."""
	from sanyou_app.core import sealing
	from sanyou_app.voting.api import scrutineer_keys

	doc = frappe.get_doc("Secret Vote", vote)
	data = (
		digits.encode("ascii")
		if digits is not None
		else sealing.plaintext(doc.vote_type, doc.item_labels(), marks)
	)
	keys = [sealing.decode_key(k) for k in scrutineer_keys(vote)]
	return sealing.encode(sealing.seal(keys, sealing.envelope(vote, code or sealing.new_code(), data)))


def open_layer_as_browser(vote: str, secret: bytes) -> dict:
	"""What a scrutineer's browser does with their key file: fetch the ballots, remove its layer,
	shuffle, send them back (as the signed-in user)."""
	import base64
	import json
	import random

	from sanyou_app.core import sealing
	from sanyou_app.voting import sealing as sealing_api

	box = sealing_api.ballots_to_open(vote)
	sealed = [base64.b64decode(b) if b else None for b in box["ballots"]]
	opened = sealing.open_layer(secret, sealed, random.SystemRandom())
	back = [base64.b64encode(b).decode() if b is not None else "" for b in opened]
	return sealing_api.submit_layer(vote, box["layer"], json.dumps(back))


def open_ballots(vote: str, secrets: dict[str, bytes]) -> list[dict]:
	"""Each scrutineer, in turn, opens their layer in their browser at the count."""
	from sanyou_app.voting.officers import scrutineers

	answers = []
	for row in scrutineers(frappe.get_doc("Secret Vote", vote)):
		frappe.set_user(row.user)
		try:
			answers.append(open_layer_as_browser(vote, secrets[row.user]))
		finally:
			frappe.set_user("Administrator")
	return answers
