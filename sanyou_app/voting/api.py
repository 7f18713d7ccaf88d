"""What a deputy calls to cast an electronic ballot, and what the cast dialog shows.

The ballot arrives sealed by the deputy's browser for the vote's scrutineers (core.sealing): the
server checks only who casts and the sealed ballot's length, never sees the marks, and stores the
roll flag and the sealed ballot in one transaction. A cast that fails for any reason is answered
with one plain message and leaves nothing behind: no ballot, no flag, no Error Log, no log line
with the request, no Recorder entry.
"""

import frappe
from frappe.recorder import do_not_record
from pymysql.err import IntegrityError

from sanyou_app.core import sealing, voting
from sanyou_app.voting import ballot_box


class CastFailed(frappe.ValidationError):
	"""A cast that did not go through; Frappe answers it (417) without logging it."""


def _refuse(message: str, exc=CastFailed):
	frappe.throw(message, exc, title="不能投票")


@frappe.whitelist(methods=["POST"])
@do_not_record
def cast(vote: str, sealed: str):
	"""Cast the signed-in deputy's sealed ballot, once."""
	return run_unlogged(lambda: _cast(vote, sealed), CastFailed, "投票未能完成，选票没有保存，请稍后重新投票")


def run_unlogged(step, failure: type[frappe.ValidationError], message: str):
	"""Run a step whose request carries a ballot or a key: all of it or nothing is written, and a
	failure nobody foresaw (a database error such as a lock wait timeout, a lost connection) is
	answered with `message` as a `failure` — a ValidationError, which Frappe neither logs nor
	stores in Error Log — raised outside the original exception, so no traceback holding the
	request's values beside the user reaches any log or the answer."""
	frappe.db.savepoint("unlogged_step")
	try:
		return step()
	except (frappe.ValidationError, frappe.PermissionError, frappe.DoesNotExistError):
		frappe.db.rollback(save_point="unlogged_step")
		raise
	except Exception:
		try:
			frappe.db.rollback(save_point="unlogged_step")
		except Exception:
			pass  # the connection is gone: the request is rolled back as a whole
	frappe.local.message_log = []
	frappe.throw(message, failure, title="未能完成")


def _cast(vote: str, sealed: str) -> dict:
	doc = casting_view(vote, lock=True)
	if doc.mode != voting.ELECTRONIC:
		_refuse("本次表决使用纸质选票，不能在系统中投票")
	if doc.status != voting.VOTING:
		_refuse(f"表决处于“{doc.status}”状态，现在不能投票")
	try:
		blob = sealing.check_sealed(
			sealed, sealing.envelope_length(doc.name, len(doc["items"])), len(doc["keys"])
		)
	except sealing.SealError as e:
		_refuse(str(e))
	row = frappe.db.get_value(
		"Secret Vote Voter",
		{"parent": vote, "parenttype": "Secret Vote", "user": frappe.session.user},
		["name", "signed_in"],
		as_dict=True,
	)
	if not row:
		_refuse("您不在本次表决的应到名单中", frappe.PermissionError)
	if not row.signed_in:
		_refuse("您尚未签到领取选票，请先到会场签到")
	# claim the roll row: one conditional UPDATE, so two casts by one deputy cannot both pass
	frappe.db.sql(
		"""update `tabSecret Vote Voter` set cast = 1
		where parent = %s and parenttype = 'Secret Vote' and name = %s and signed_in = 1 and cast = 0""",
		(vote, row.name),
	)
	if frappe.db.sql("select row_count()")[0][0] != 1:
		_refuse("您已投票，不能重复投票")
	try:
		ballot_box.write_sealed(vote, doc.opened_at, [blob])
	except IntegrityError as e:
		if frappe.db.is_duplicate_entry(e):
			_refuse("这张选票已经投入过票箱，不能再次投入；请重新填写选票后投票")
		raise
	return {"message": "投票成功", "tracker": sealing.tracker(blob)}


def casting_view(vote: str, lock: bool = False) -> frappe._dict:
	"""What casting needs of a vote, read without loading its roll (hundreds of rows). With
	`lock`, the vote's row is read under a shared lock held until the cast commits: closing the
	vote (which locks the row to change it) waits for casts in flight, and a cast that comes after
	closing sees the vote closed."""
	rows = frappe.db.sql(
		f"""select name, mode, status, vote_type, seats, void_if_over_seats, opened_at
		from `tabSecret Vote` where name = %s{" lock in share mode" if lock else ""}""",
		(vote,),
		as_dict=True,
	)
	if not rows:
		_refuse("没有这次表决", frappe.DoesNotExistError)
	doc = rows[0]
	doc["items"] = frappe.get_all(
		"Secret Vote Item",
		filters={"parent": vote, "parenttype": "Secret Vote"},
		fields=["item_label", "idx"],
		order_by="idx",
	)
	doc["keys"] = scrutineer_keys(vote)
	return doc


def scrutineer_keys(vote: str) -> list[str]:
	"""The scrutineers' public keys, in the order their layers are opened."""
	return frappe.get_all(
		"Secret Vote Officer",
		filters={
			"parent": vote,
			"parenttype": "Secret Vote",
			"officer_role": ("in", (voting.CHIEF_SCRUTINEER, voting.SCRUTINEER)),
		},
		pluck="public_key",
		order_by="idx",
	)


@frappe.whitelist()
def my_ballot_form(vote: str):
	"""What a deputy's cast dialog shows: the items, the marks allowed, the rule on 赞成 and the
	scrutineers' public keys to seal with (no results, nothing of anyone else)."""
	doc = frappe.get_doc("Secret Vote", vote)
	doc.check_permission("read")
	row = frappe.db.get_value(
		"Secret Vote Voter",
		{"parent": vote, "parenttype": "Secret Vote", "user": frappe.session.user},
		["signed_in", "cast"],
		as_dict=True,
	)
	return {
		"title": doc.title,
		"vote_type": doc.vote_type,
		"items": doc.item_labels(),
		"marks": voting.marks_for(doc.vote_type),
		"seats": doc.seats,
		"void_if_over_seats": bool(doc.void_if_over_seats) and doc.vote_type == voting.PROJECT_VOTE,
		"status": doc.status,
		"mode": doc.mode,
		"keys": scrutineer_keys(vote),
		"on_roll": bool(row),
		"signed_in": bool(row and row.signed_in),
		"cast": bool(row and row.cast),
	}


@frappe.whitelist()
def verification(vote: str) -> dict:
	"""What every deputy of a vote checks their ballot against, once voting has closed: the
	trackers of all sealed ballots in the box at closing and, once every layer is opened, the
	receipt codes found inside them (sorted, without choices). Read by the vote's roll, its
	officers and the office; the check of one's own codes happens in the reader's browser, so
	the server never learns which code anyone looked for."""
	row = frappe.db.get_value(
		"Secret Vote",
		vote,
		["name", "title", "mode", "status", "trackers", "receipt_codes", "repeated_codes", "layers_opened"],
		as_dict=True,
	)
	if not row or row.mode != voting.ELECTRONIC:
		_refuse("没有这次电子投票", frappe.DoesNotExistError)
	user = frappe.session.user
	on_roll = frappe.db.exists(
		"Secret Vote Voter", {"parent": vote, "parenttype": "Secret Vote", "user": user}
	)
	officer = frappe.db.exists(
		"Secret Vote Officer", {"parent": vote, "parenttype": "Secret Vote", "user": user}
	)
	office = set(frappe.get_roles()) & {"Town Congress Office", "System Manager"}
	if not (on_roll or officer or office):
		_refuse("只有本次表决的代表、计票监票人员和镇人大办可以核验选票", frappe.PermissionError)
	if row.status in (voting.PREPARING, voting.VOTING):
		_refuse("投票结束后才能核验选票")
	layers = len(scrutineer_keys(vote))
	return {
		"title": row.title,
		"status": row.status,
		"trackers": (row.trackers or "").split("\n") if row.trackers else [],
		"opened": (row.layers_opened or 0) >= layers,
		"codes": (row.receipt_codes or "").split("\n") if row.receipt_codes else [],
		"repeated": row.repeated_codes or 0,
	}


@frappe.whitelist(methods=["POST"])
def sign_in(vote: str, voters):
	"""The office signs deputies in (签到: they receive a ballot), one or many at once, while the
	vote is being prepared or under way. Each row is flagged by one conditional UPDATE, so
	simultaneous sign-ins from several desks at the door are all kept and none counted twice;
	the vote's `modified` moves on, so a form opened before cannot save over them. Returns the
	count for the screen: 已签到 n/total."""
	if not set(frappe.get_roles()) & {"Town Congress Office", "System Manager"}:
		_refuse("只有镇人大办可以办理签到", frappe.PermissionError)
	voters = frappe.parse_json(voters) if isinstance(voters, str) else voters
	if not isinstance(voters, list) or not all(isinstance(v, str) for v in voters):
		_refuse("签到名单格式不正确")
	rows = frappe.db.sql(
		"select status, mode from `tabSecret Vote` where name = %s for update", (vote,), as_dict=True
	)
	if not rows:
		_refuse("没有这次表决", frappe.DoesNotExistError)
	if rows[0].status not in (voting.PREPARING, voting.VOTING):
		_refuse(f"表决处于“{rows[0].status}”状态，不能再签到")
	roll = dict(
		frappe.db.sql(
			"""select name, ifnull(deputy, member) from `tabSecret Vote Voter`
			where parent = %s and parenttype = 'Secret Vote'""",
			(vote,),
		)
	)
	unknown = [v for v in voters if v not in roll and v not in roll.values()]
	if unknown:
		_refuse(f"不在本次表决应到名单中：{'、'.join(unknown)}")
	names = [name for name, person in roll.items() if name in voters or person in voters]
	if names:
		frappe.db.sql(
			"""update `tabSecret Vote Voter` set signed_in = 1
			where parent = %s and parenttype = 'Secret Vote' and name in %s and signed_in = 0""",
			(vote, tuple(names)),
		)
		frappe.db.set_value("Secret Vote", vote, "modified", frappe.utils.now_datetime())
	present = frappe.db.sql(
		"""select count(*) from `tabSecret Vote Voter`
		where parent = %s and parenttype = 'Secret Vote' and signed_in = 1 lock in share mode""",
		(vote,),
	)[0][0]
	return {"present": present, "total": len(roll), "message": f"已签到 {present}/{len(roll)}"}
