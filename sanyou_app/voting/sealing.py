"""The scrutineers' keys: registering a public key before voting opens, opening the sealed
ballots layer by layer at the count, and declaring a round void when a key is lost.

No secret key is ever stored: a scrutineer's browser makes the key pair and saves the secret half
in a file the scrutineer keeps; at the count the scrutineer sends it once, the server removes that
layer from every ballot in memory, shuffles them, writes them back and forgets the key. Nothing
of these requests is recorded (Recorder) or logged with its parameters.
"""

import random

import frappe
from frappe.recorder import do_not_record
from frappe.utils import now_datetime

from sanyou_app.core import sealing, voting
from sanyou_app.voting import ballot_box
from sanyou_app.voting.api import run_unlogged
from sanyou_app.voting.officers import scrutineers

OFFICE = "Town Congress Office"


class KeyRefused(frappe.ValidationError):
	"""A key that cannot be used now; answered (417) without logging the request."""


def _refuse(message: str, exc=KeyRefused):
	frappe.throw(message, exc, title="开票密钥")


def _guarded(step):
	return run_unlogged(step, KeyRefused, "操作未能完成，没有保存任何内容，请重试")


def _vote(vote: str, check_read: bool = True):
	doc = frappe.get_doc("Secret Vote", vote)
	if check_read:
		doc.check_permission("read")
	if doc.mode != voting.ELECTRONIC:
		_refuse("纸质投票不使用开票密钥")
	return doc


def _my_row(doc):
	user = frappe.session.user
	return next((r for r in scrutineers(doc) if r.user == user), None)


@frappe.whitelist(methods=["POST"])
@do_not_record
def register_key(vote: str, public_key: str):
	"""A scrutineer registers the public half of the key pair their browser made."""

	def step():
		doc = _vote(vote)
		if doc.status != voting.PREPARING:
			_refuse("投票开始后不能再登记或更换开票密钥")
		row = _my_row(doc)
		if not row:
			_refuse("只有本次表决的总监票人、监票人登记开票密钥", frappe.PermissionError)
		try:
			key = sealing.decode_key(public_key, "公钥")
		except sealing.SealError as e:
			_refuse(str(e))
		frappe.db.set_value(
			"Secret Vote Officer", row.name, "public_key", sealing.encode(key), update_modified=False
		)
		return {"message": "开票密钥已登记"}

	return _guarded(step)


@frappe.whitelist(methods=["POST"])
@do_not_record
def open_layer(vote: str, secret_key: str):
	"""The scrutineer whose turn it is removes their layer from every sealed ballot."""

	def step():
		doc = _vote(vote)
		if doc.status != voting.COUNTING:
			_refuse(f"表决处于“{doc.status}”状态；投票结束后才能开启选票")
		order = scrutineers(doc)
		opened = doc.layers_opened or 0
		if opened >= len(order):
			_refuse("选票已全部开启")
		turn = order[opened]
		if turn.user != frappe.session.user:
			who = "、".join(r.officer_name for r in order)
			_refuse(
				f"请由第{opened + 1}位监票人{turn.officer_name}提供开票密钥（顺序：{who}）",
				frappe.PermissionError if not _my_row(doc) else KeyRefused,
			)
		try:
			key = sealing.decode_key(secret_key, "开票密钥")
			if sealing.encode(sealing.public_key_of(key)) != turn.public_key:
				raise sealing.SealError("密钥与本人登记的公钥不符，请选择本次表决的密钥文件")
		except sealing.SealError as e:
			_refuse(str(e))
		ballots = sealing.open_layer(key, ballot_box.take_sealed(doc.name), random.SystemRandom())
		del key
		last = opened + 1 == len(order)
		if last:
			sheets = sealing.read_opened(
				doc.vote_type,
				doc.item_labels(),
				doc.seats or 0,
				ballots,
				bool(doc.void_if_over_seats),
			)
			ballot_box.write(doc, sheets, voting.ELECTRONIC)
		else:
			ballot_box.write_sealed(doc.name, doc.opened_at, ballots)
		doc.db_set("layers_opened", opened + 1, update_modified=False)
		if last:
			return {"message": f"全部选票已开启，共{len(ballots)}张，可以计票", "done": True}
		nxt = order[opened + 1]
		return {
			"message": f"已开启第{opened + 1}层，请第{opened + 2}位监票人{nxt.officer_name}提供密钥",
			"done": False,
		}

	return _guarded(step)


@frappe.whitelist(methods=["POST"])
def declare_key_lost(vote: str):
	"""The office declares the round void because a scrutineer's key is lost (重新票决)."""
	if not set(frappe.get_roles()) & {OFFICE, "System Manager"}:
		_refuse("只有镇人大办可以办理此项", frappe.PermissionError)
	doc = _vote(vote, check_read=False)  # the office reads no vote being counted; it needs no count here
	if doc.status != voting.COUNTING or (doc.layers_opened or 0) >= len(scrutineers(doc)):
		_refuse("只有在选票尚未全部开启时，才能因密钥遗失宣布本轮无效")
	ballot_box.drop_sealed(doc.name)
	doc.flags.vote_action = True
	doc.status = voting.VOIDED
	doc.void_reason = "监票人开票密钥遗失，选票无法开启，本轮表决无效，须重新票决"
	doc.result_text = doc.void_reason
	doc.published_at = now_datetime()
	doc.save(ignore_permissions=True)  # the step checked who may take it
	return {"message": doc.void_reason}
