"""The scrutineers' keys: registering a public key before voting opens, opening the sealed
ballots layer by layer in the scrutineers' own browsers at the count, and declaring a round
void when a key is lost.

No secret key ever reaches the server. A scrutineer's browser makes the key pair and saves the
secret half in a file the scrutineer keeps. At the count, scrutineer after scrutineer, in order,
each one's browser fetches the vote's sealed ballots (`ballots_to_open`), removes its own layer
with the key file, shuffles them and sends them back (`submit_layer`); the server checks that
the layer came back whole (as many ballots, each exactly one layer shorter, the layer whose turn
it is) and stores it. The last layer comes back as envelopes: the server reads the marks, lists
the receipt codes found (core.sealing) and writes the ballots. Nothing of these requests is
recorded (Recorder) or logged with its parameters.

Every step locks the vote's row first, so two identical requests at once are served one after
the other and the second finds the step done.
"""

import base64
import binascii
import random

import frappe
from frappe.recorder import do_not_record
from frappe.utils import now_datetime

from sanyou_app.core import sealing, voting
from sanyou_app.voting import ballot_box
from sanyou_app.voting.api import run_unlogged
from sanyou_app.voting.officers import scrutineers


class KeyRefused(frappe.ValidationError):
	"""A key or a layer that cannot be used now; answered (417) without logging the request."""


def _refuse(message: str, exc=KeyRefused):
	frappe.throw(message, exc, title="开启选票")


def _guarded(step):
	return run_unlogged(step, KeyRefused, "操作未能完成，没有保存任何内容，请重试")


def _vote(vote: str):
	"""The vote, its row and tables locked until the request ends, as committed."""
	if not frappe.db.exists("Secret Vote", vote):
		_refuse("没有这次表决", frappe.DoesNotExistError)
	doc = frappe.get_doc("Secret Vote", vote, for_update=True)
	if doc.mode != voting.ELECTRONIC:
		_refuse("纸质投票不使用开票密钥")
	return doc


def _my_row(doc):
	user = frappe.session.user
	return next((r for r in scrutineers(doc) if r.user == user), None)


@frappe.whitelist(methods=["POST"])
@do_not_record
def register_key(vote: str, public_key: str):
	"""A scrutineer registers the public half of the key pair their browser made; the key must
	seal a test message (a key nobody could seal with is refused here, not on voting day)."""

	def step():
		doc = _vote(vote)
		row = _my_row(doc)
		if not row:
			_refuse("只有本次表决的总监票人、监票人登记开票密钥", frappe.PermissionError)
		if doc.status != voting.PREPARING:
			_refuse("投票开始后不能再登记或更换开票密钥")
		try:
			key = sealing.check_public_key(public_key)
		except sealing.SealError as e:
			_refuse(str(e))
		frappe.db.set_value(
			"Secret Vote Officer", row.name, "public_key", sealing.encode(key), update_modified=False
		)
		return {"message": "开票密钥已登记"}

	return _guarded(step)


def _turn(doc):
	"""(the scrutineer whose layer is next, its index); refuses anyone else."""
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
			f"请由第{opened + 1}位监票人{turn.officer_name}开启选票（顺序：{who}）",
			frappe.PermissionError if not _my_row(doc) else KeyRefused,
		)
	return turn, opened


def _check_box(doc) -> int:
	"""The ballot box holds as many sealed ballots as the roll has casts; else nothing opens."""
	cast = frappe.db.count("Secret Vote Voter", {"parent": doc.name, "parenttype": "Secret Vote", "cast": 1})
	held = ballot_box.count_sealed(doc.name)
	if held != cast:
		_refuse(
			f"票箱中的选票（{held}张）与已电子投票人数（{cast}人）不一致，不能开启选票；请报告总监票人",
			KeyRefused,
		)
	return held


@frappe.whitelist(methods=["POST"])
@do_not_record
def ballots_to_open(vote: str):
	"""What the browser of the scrutineer whose turn it is opens: the sealed ballots as they are
	now, in the order of their random names, and the length each must have once opened."""

	def step():
		doc = _vote(vote)
		turn, opened = _turn(doc)
		_check_box(doc)
		order = scrutineers(doc)
		plain = sealing.envelope_length(doc.name, len(doc.items))
		return {
			"layer": opened + 1,
			"layers": len(order),
			"public_key": turn.public_key,
			"opened_length": sealing.sealed_length(plain, len(order) - opened - 1),
			"ballots": [
				base64.b64encode(blob).decode("ascii") if blob is not None else ""
				for _, blob in ballot_box.sealed_rows(doc.name)
			],
		}

	return _guarded(step)


def _decode_layer(ballots) -> list[bytes | None]:
	ballots = frappe.parse_json(ballots) if isinstance(ballots, str) else ballots
	if not isinstance(ballots, list) or any(not isinstance(b, str) for b in ballots):
		_refuse("开启后的选票格式不正确，本层未保存")
	try:
		return [base64.b64decode(b, validate=True) if b else None for b in ballots]
	except (binascii.Error, ValueError):
		_refuse("开启后的选票格式不正确，本层未保存")


@frappe.whitelist(methods=["POST"])
@do_not_record
def submit_layer(vote: str, layer: int, ballots):
	"""The scrutineer's browser sends back every ballot with its layer removed, shuffled
	("" for one that did not open). Stored only if it is the layer whose turn it is, from its
	scrutineer, whole."""

	def step():
		doc = _vote(vote)
		_turn_row, opened = _turn(doc)
		if int(layer) != opened + 1:
			_refuse(f"第{layer}层已开启，请刷新页面", KeyRefused)
		held = _check_box(doc)
		order = scrutineers(doc)
		plain = sealing.envelope_length(doc.name, len(doc.items))
		returned = _decode_layer(ballots)
		try:
			sealing.check_layer(returned, held, sealing.sealed_length(plain, len(order) - opened - 1))
		except sealing.SealError as e:
			_refuse(str(e))
		went_in = sum(blob is not None for _, blob in ballot_box.sealed_rows(doc.name))
		came_out = sum(b is not None for b in returned)
		if went_in and not came_out:
			_refuse("本层没有一张选票能够开启：所用密钥可能不是本次表决的，请核对密钥文件。本层未保存")
		unopened = went_in - came_out
		note = f"（其中{unopened}张无法开启，按无效票处理）" if unopened else ""
		returned = list(returned)
		random.SystemRandom().shuffle(returned)  # the server's own shuffle on top of the browser's
		last = opened + 1 == len(order)
		if last:
			sheets, codes, repeated = sealing.read_opened(
				doc.name,
				doc.vote_type,
				doc.item_labels(),
				doc.seats or 0,
				returned,
				bool(doc.void_if_over_seats),
			)
			ballot_box.drop_sealed(doc.name)
			ballot_box.write(doc, sheets, voting.ELECTRONIC)
			frappe.db.set_value(
				"Secret Vote",
				doc.name,
				{"layers_opened": opened + 1, "receipt_codes": "\n".join(codes), "repeated_codes": repeated},
				update_modified=False,
			)
			return {
				"message": f"全部选票已开启，共{len(sheets)}张{note}，可以计票",
				"done": True,
			}
		try:
			ballot_box.replace_sealed(doc.name, doc.opened_at, returned)
		except Exception as e:
			if frappe.db.is_duplicate_entry(e):
				_refuse("开启后的选票有重复，本层未保存")
			raise
		frappe.db.set_value("Secret Vote", doc.name, "layers_opened", opened + 1, update_modified=False)
		nxt = order[opened + 1]
		return {
			"message": f"已开启第{opened + 1}层{note}，请第{opened + 2}位监票人{nxt.officer_name}开启选票",
			"done": False,
		}

	return _guarded(step)


@frappe.whitelist(methods=["POST"])
def declare_key_lost(vote: str):
	"""A scrutineer whose layer is not yet opened declares their own key lost, or the chief
	scrutineer declares it for them: the sealed ballots cannot open, the round is void (重新票决).
	Who declared it and when stay on the vote."""
	doc = _vote(vote)
	user = frappe.session.user
	order = scrutineers(doc)
	opened = doc.layers_opened or 0
	waiting = order[opened:]
	chief = any(r.user == user and r.officer_role == voting.CHIEF_SCRUTINEER for r in order)
	if not (chief or any(r.user == user for r in waiting)):
		_refuse("只有密钥尚未用于开启选票的监票人本人，或总监票人，可以宣布密钥遗失", frappe.PermissionError)
	if doc.status != voting.COUNTING or not waiting:
		_refuse("只有在选票尚未全部开启时，才能因密钥遗失宣布本轮无效")
	own = next((r for r in waiting if r.user == user), None)
	names = (own or waiting[0]).officer_name
	ballot_box.drop_sealed(doc.name)
	doc.flags.vote_action = True
	doc.status = voting.VOIDED
	doc.key_lost_by, doc.key_lost_at = user, now_datetime()
	doc.void_reason = f"监票人{names}的开票密钥遗失，选票无法开启，本轮表决无效，须重新票决"
	doc.result_text = doc.void_reason
	doc.published_at = doc.key_lost_at
	doc.save(ignore_permissions=True)  # the step checked who may take it
	return {"message": doc.void_reason}
