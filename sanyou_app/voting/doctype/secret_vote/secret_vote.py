"""A secret vote (表决): one round of a project vote, satisfaction survey or member appraisal."""

import frappe
from frappe.model.document import Document
from frappe.utils import cint, now_datetime

from sanyou_app.core import ballot, sealing, voting
from sanyou_app.voting import ballot_box, packet, tally
from sanyou_app.voting.officers import is_officer, scrutineers

OFFICE = "Town Congress Office"
# Fields the sign-in may still change once a vote is under way.
_ROLL_FIELDS = {"signed_in", "cast"}


class SecretVote(Document):
	def before_insert(self):
		if self.cycle:
			self.fill_from_cycle()
		if self.vote_type == voting.APPRAISAL and self.party_branch:
			self.fill_from_branch()

	def validate(self):
		before = self.get_doc_before_save()
		if before and before.status != voting.PREPARING:
			self.keep_roll_flags()
		if before and not self.flags.vote_action:
			self.check_frozen(before)
		self.total_voters = len(self.voters)
		self.fill_roll()
		if not before or before.status == voting.PREPARING:
			self.fill_officers()
		if before:
			self.keep_public_keys()
		if self.status == voting.PREPARING:
			problems = voting.check_setup(self.rules(), self.item_labels(), len(self.voters))
			if problems and (self.items or self.voters):
				frappe.msgprint("；".join(problems), title="表决尚未准备好", indicator="orange")

	def on_update(self):
		if self.status == voting.PREPARING:
			packet.warm_later(self.name, after_commit=True)  # the session packet's pages, rendered ahead

	def onload(self):
		"""What the form's buttons need to know of the user: which steps they may take."""
		user = frappe.session.user
		if self.status == voting.PREPARING and set(frappe.get_roles()) & {OFFICE, "System Manager"}:
			packet.warm_later(self.name, after_commit=False)  # before the office asks for the packet
		me = next((r for r in self.voters if r.user == user), None)
		order = scrutineers(self)
		mine = next((r for r in order if r.user == user), None)
		opened = self.layers_opened or 0
		turn = order[opened] if self.status == voting.COUNTING and opened < len(order) else None
		self.set_onload(
			"me",
			{
				"office": bool(set(frappe.get_roles()) & {OFFICE, "System Manager"}),
				"on_roll": bool(me),
				"signed_in": bool(me and me.signed_in),
				"cast": bool(me and frappe.db.get_value("Secret Vote Voter", me.name, "cast")),
				"officer": is_officer(self, user, voting.OFFICER_ROLES),
				"teller": is_officer(self, user, (voting.TELLER,)),
				"scrutineer": bool(mine),
				"signed_off": bool(mine and mine.signed_off),
				"key_registered": bool(mine and mine.public_key),
				"my_turn": bool(turn and turn.user == user),
				"turn_name": turn.officer_name if turn else None,
				"layers": len(order),
				"keys_missing": [r.officer_name for r in order if not r.public_key],
				# a scrutineer whose layer is not yet opened, or the chief scrutineer
				"may_declare_key_lost": bool(
					turn
					and (
						any(r.user == user for r in order[opened:])
						or any(r.user == user and r.officer_role == voting.CHIEF_SCRUTINEER for r in order)
					)
				),
			},
		)

	def keep_roll_flags(self):
		"""Casts write the roll's `cast` flag directly; a save must never undo one, nor sign out a
		deputy who has cast. The roll rows are locked until this save commits, so a cast either
		happened before (and is kept) or waits for it."""
		cast = dict(
			frappe.db.sql(
				"""select name, cast from `tabSecret Vote Voter`
				where parent = %s and parenttype = 'Secret Vote' for update""",
				self.name,
			)
		)
		for row in self.voters:
			row.cast = cast.get(row.name, 0)
			if row.cast and not row.signed_in:
				frappe.throw(
					f"第{row.idx}行{row.voter_name}已投票，不能取消签到（已发出的选票不能收回）",
					title="不能修改",
				)

	def keep_public_keys(self):
		"""A scrutineer's public key is registered from their own browser; a form opened before
		that must not erase it when saved. A row given to another person loses its key."""
		stored = {
			r.name: r
			for r in frappe.get_all(
				"Secret Vote Officer",
				filters={"parent": self.name, "parenttype": "Secret Vote"},
				fields=["name", "user", "public_key"],
			)
		}
		for row in self.officers:
			old = stored.get(row.name)
			row.public_key = old.public_key if old and old.user == row.user else None

	def on_trash(self):
		if self.status != voting.PREPARING:
			frappe.throw("已开始投票的表决不能删除；需要更正时请另行组织新一轮表决", title="不能删除")

	# --- set-up ---------------------------------------------------------------------------------

	def rules(self) -> voting.Rules:
		return voting.rules_from(self.as_dict())

	def item_labels(self) -> list[str]:
		return [row.item_label for row in self.items]

	def fill_from_cycle(self):
		cycle = frappe.get_doc("Livelihood Cycle", self.cycle)
		self.congress = self.congress or cycle.congress
		if self.vote_type == voting.PROJECT_VOTE and not self.seats:
			self.seats = cycle.projects_to_pick
		for field in ("majority_basis", "void_if_over_seats", "quorum_numerator", "quorum_denominator"):
			self.set(field, cycle.get(field))
		self.count_basic_satisfied = cycle.count_basic_satisfied
		self.grade_basis = cycle.survey_grade_basis or ballot.BASIS_ROLL
		if not self.items:
			for row in vote_items(self.vote_type, self.cycle):
				self.append("items", row)
		if not self.voters and self.congress:
			for deputy in frappe.get_all(
				"Congress Deputy",
				filters={"congress": self.congress, "active": 1},
				fields=["name", "full_name", "user"],
				order_by="full_name asc, name asc",
			):
				self.append(
					"voters", {"voter_name": deputy.full_name, "deputy": deputy.name, "user": deputy.user}
				)

	def fill_from_branch(self):
		"""A democratic appraisal of a branch: its members on the roll are both the roll and the items."""
		from sanyou_app.core.party import ON_ROLL

		members = frappe.get_all(
			"Party Member",
			filters={"party_branch": self.party_branch, "status": ON_ROLL},
			fields=["name", "full_name", "user"],
			order_by="full_name asc, name asc",
		)
		self.appraisal_year = self.appraisal_year or frappe.utils.getdate().year
		names = [m.full_name for m in members]
		if not self.items:
			for m in members:
				label = m.full_name if names.count(m.full_name) == 1 else f"{m.full_name}（{m.name}）"
				self.append(
					"items",
					{"item_label": label, "reference_doctype": "Party Member", "reference_name": m.name},
				)
		if not self.voters:
			for m in members:
				self.append(
					"voters",
					{"voter_name": m.full_name, "member": m.name, "user": m.user, "signed_in": 0, "cast": 0},
				)

	def fill_roll(self):
		"""Each roll row's name and login come from its deputy's (or member's) record, never from
		what the form sends: a row cannot be pointed at another login, who would then cast."""
		for row in self.voters:
			source = ("Congress Deputy", row.deputy) if row.deputy else ("Party Member", row.member)
			if not source[1]:
				frappe.throw(f"应到名单第{row.idx}行：请选择代表或党员", title="无法保存")
			found = frappe.db.get_value(*source, ["full_name", "user"])
			if not found:
				frappe.throw(f"应到名单第{row.idx}行：没有“{source[1]}”", title="无法保存")
			row.voter_name, row.user = found

	def fill_officers(self):
		"""An officer is a deputy or, in an appraisal, a party member: name and login come from them."""
		for row in self.officers:
			source = ("Congress Deputy", row.deputy) if row.deputy else ("Party Member", row.member)
			if not source[1]:
				frappe.throw(f"第{row.idx}行计票监票人员：请选择代表或党员", title="无法保存")
			row.officer_name, row.user = frappe.db.get_value(*source, ["full_name", "user"])

	@frappe.whitelist()
	def record_appraisal_grades(self):
		"""The 机关党委 records the published appraisal's grades on each member's record of the year."""
		from sanyou_app.party_building.api import record_appraisal_grades

		if self.vote_type != voting.APPRAISAL or self.status != voting.PUBLISHED:
			frappe.throw("只有已公布的民主评议党员结果可以记入党员档案", title="不能办理")
		grades = {
			row.reference_name: result.grade
			for row, result in zip(sorted(self.items, key=lambda r: r.idx), self.results, strict=True)
			if row.reference_doctype == "Party Member" and result.grade
		}
		if not grades:
			frappe.throw("评议事项没有关联党员，无法记入", title="不能办理")
		return record_appraisal_grades(self.appraisal_year, grades, source="民主评议")

	def check_frozen(self, before):
		"""Once voting opens, only the sign-in may change; once published, nothing may."""
		if before.status == voting.PREPARING:
			return
		if before.status in voting.CLOSED:
			frappe.throw("表决结果已公布，不能修改；需要更正时请另行组织新一轮表决", title="不能修改")
		changed = [
			df.label
			for df in self.meta.fields
			if df.fieldtype not in frappe.model.no_value_fields
			and df.fieldtype != "Table"
			and (self.get(df.fieldname) or None) != (before.get(df.fieldname) or None)
		]
		for table in ("items", "officers", "results"):
			if _rows(self, table) != _rows(before, table):
				changed.append(table)
		if _rows(self, "voters", exclude=_ROLL_FIELDS) != _rows(before, "voters", exclude=_ROLL_FIELDS):
			changed.append("voters")
		if changed:
			frappe.throw(f"表决处于“{before.status}”状态，只能办理签到，不能修改其他内容", title="不能修改")
		if before.status != voting.VOTING and _rows(self, "voters") != _rows(before, "voters"):
			frappe.throw("投票已结束，不能再签到", title="不能修改")

	# --- the steps of a vote ----------------------------------------------------------------

	def _lock_latest(self):
		"""Lock the vote's row and tables and read them as committed: two requests taking a step
		at once are served one after the other, and the second decides on what the first left."""
		self.flags.for_update = True
		try:
			self.load_from_db()
		finally:
			self.flags.for_update = False

	def _act(self, action: str, role_check):
		self._lock_latest()
		role_check()
		try:
			voting.check_action(self.status, action)
		except ValueError as e:
			frappe.throw(str(e), title="不能办理")
		self.flags.vote_action = True

	@frappe.whitelist()
	def open_voting(self):
		self._act("open", self._office_only)
		rules = self.rules()
		problems = voting.check_setup(rules, self.item_labels(), len(self.voters))
		if self.mode == voting.ELECTRONIC:
			missing = [r.officer_name for r in scrutineers(self) if not r.public_key]
			if not scrutineers(self):
				problems.append("电子投票须指定监票人，由其生成开票密钥")
			elif missing:
				problems.append(f"监票人{'、'.join(missing)}尚未生成开票密钥")
		present = sum(cint(row.signed_in) for row in self.voters)
		if not problems and (message := voting.quorum_message(rules, present, len(self.voters))):
			problems.append(message)
		if problems:
			frappe.throw("；".join(problems), title="不能开始投票")
		self.status = voting.VOTING
		self.opened_at = now_datetime().replace(microsecond=0)
		self.save(ignore_permissions=True)  # the step checked who may take it

	@frappe.whitelist()
	def close_voting(self):
		self._act("close", self._office_only)
		self.present = self.issued = sum(cint(row.signed_in) for row in self.voters)
		if self.mode == voting.ELECTRONIC:
			# what every deputy of the vote can check their own tracker against, sorted
			self.trackers = "\n".join(
				sorted(
					sealing.tracker(blob)
					for _, blob in ballot_box.sealed_rows(self.name, lock=True)
					if blob is not None
				)
			)
		self.status = voting.COUNTING
		self.closed_at = now_datetime().replace(microsecond=0)
		self.save(ignore_permissions=True)  # the step checked who may take it

	@frappe.whitelist()
	def count(self):
		"""Count (tellers and scrutineers): paper sheets agreed by two tellers become ballots."""
		self._act("count", self._officer_only)
		if self.mode == voting.PAPER:
			from sanyou_app.voting.doctype.paper_ballot_entry.paper_ballot_entry import agreed_sheets

			sheets, problems = agreed_sheets(self)
			if problems:
				frappe.throw("<br>".join(problems), title="纸质选票尚未核对一致")
			ballot_box.write(self, sheets, voting.PAPER)
		elif (self.layers_opened or 0) < len(scrutineers(self)) or not scrutineers(self):
			left = [r.officer_name for r in scrutineers(self)[self.layers_opened or 0 :]]
			frappe.throw(f"选票尚未全部开启：请监票人{'、'.join(left)}依次开启选票", title="不能计票")
		else:
			cast = sum(cint(row.cast) for row in self.voters)
			held = ballot_box.count_ballots(self.name)
			if held != cast:
				frappe.throw(
					f"开启的选票（{held}张）与已电子投票人数（{cast}人）不一致，不能计票；请报告总监票人",
					title="不能计票",
				)
		result = tally.decide(self)
		self.returned = result.returned
		self.valid_ballots = (
			getattr(result, "valid", 0) if self.vote_type == voting.PROJECT_VOTE else result.returned
		)
		self.void_ballots = self.returned - self.valid_ballots
		# The count stays on the vote itself (guarded by its permissions) until the scrutineers sign;
		# the result table, which child-table queries can reach, is filled only at publication.
		self.count_json = frappe.as_json(voting.result_rows(result))
		self.result_text = "\n".join(result.messages)
		self.status = voting.CONFIRMING
		self.save(ignore_permissions=True)  # the step checked who may take it

	@frappe.whitelist()
	def sign_off(self):
		"""A scrutineer signs the count record; when all have signed, the result is published."""
		self._lock_latest()
		if self.status != voting.CONFIRMING:
			frappe.throw(f"表决处于“{self.status}”状态，不需要签字确认", title="不能办理")
		user = frappe.session.user
		rows = [
			r
			for r in self.officers
			if r.user == user and r.officer_role in (voting.CHIEF_SCRUTINEER, voting.SCRUTINEER)
		]
		if not rows:
			frappe.throw("只有本次表决的总监票人、监票人可以签字确认计票结果", frappe.PermissionError)
		if all(r.signed_off for r in rows):
			frappe.throw("您已签字确认", title="不能重复确认")
		for row in rows:
			row.signed_off, row.signed_off_at = 1, now_datetime()
		self.flags.vote_action = True
		scrutineers = [
			r for r in self.officers if r.officer_role in (voting.CHIEF_SCRUTINEER, voting.SCRUTINEER)
		]
		if all(r.signed_off for r in scrutineers):
			self.status = voting.PUBLISHED if tally.decide(self).counted else voting.VOIDED
			self.published_at = now_datetime()
			self.set("results", self.count_rows())
		self.save(ignore_permissions=True)  # the step checked who may take it

	def count_rows(self) -> list[dict]:
		"""The count per item: the published results, or the count awaiting the scrutineers."""
		if self.results:
			return [row.as_dict() for row in self.results]
		return [frappe._dict(row) for row in frappe.parse_json(self.count_json or "[]")]

	@frappe.whitelist()
	def make_next_round(self):
		"""The round this one calls for: a re-vote, a run-off among the tied, or a further round."""
		self._lock_latest()
		self._office_only()
		if self.status not in voting.CLOSED:
			frappe.throw("本轮表决结果公布后，才能组织下一轮", title="不能办理")
		made = frappe.db.sql(  # a locking read: a round made by a request that just committed counts
			"select name from `tabSecret Vote` where previous_round = %s lock in share mode", self.name
		)
		if nxt := (made[0][0] if made else None):
			frappe.throw(f"本轮的下一轮表决已组织：{nxt}", title="不能重复办理")
		if self.void_reason:  # the round could not be counted (a scrutineer's key was lost)
			plan = ballot.RoundPlan(ballot.REVOTE, tuple(self.item_labels()), self.seats or 0)
		else:
			plan = voting.next_round_plan(tally.decide(self))
		if not plan:
			frappe.throw("本轮表决已确定结果，不需要下一轮", title="不能办理")
		new = frappe.copy_doc(self)
		new.update(
			{
				"status": voting.PREPARING,
				"round_no": self.round_no + 1,
				"round_kind": plan.kind,
				"first_round": self.first_round or self.name,
				"previous_round": self.name,
				"title": f"{self.title.split('（第')[0]}（第{self.round_no + 1}轮·{plan.kind}）",
			}
		)
		if plan.seats:
			new.seats = plan.seats
		new.set("items", [row.as_dict() for row in self.items if row.item_label in plan.items])
		for row in new.voters:
			row.signed_in = row.cast = 0
		for row in new.officers:
			row.signed_off, row.signed_off_at, row.public_key = 0, None, None
		new.layers_opened, new.void_reason = 0, None
		new.trackers = new.receipt_codes = new.key_lost_by = new.key_lost_at = None
		new.repeated_codes = 0
		new.insert()
		return new.name

	# --- who may do what --------------------------------------------------------------------

	def _office_only(self):
		if not set(frappe.get_roles()) & {OFFICE, "System Manager"}:
			frappe.throw("只有镇人大办可以办理此项", frappe.PermissionError)

	def _officer_only(self):
		if not is_officer(
			self, frappe.session.user, (voting.CHIEF_SCRUTINEER, voting.SCRUTINEER, voting.TELLER)
		):
			frappe.throw("只有本次表决的计票人、监票人可以计票", frappe.PermissionError)


def _rows(doc, table: str, exclude=frozenset()) -> list[tuple]:
	meta = frappe.get_meta(doc.meta.get_field(table).options)
	fields = [df.fieldname for df in meta.fields if df.fieldname not in exclude]
	return [tuple(row.get(f) or None for f in fields) for row in doc.get(table)]


def vote_items(vote_type: str, cycle: str) -> list[dict]:
	"""The items a vote of a cycle starts with: its candidates, or last year's picked projects."""
	if vote_type == voting.PROJECT_VOTE:
		rows = frappe.get_all(
			"Livelihood Proposal",
			filters={"cycle": cycle, "workflow_state": "候选项目"},
			fields=["name", "title"],
			order_by="creation asc, name asc",
		)
	elif vote_type == voting.SURVEY:
		rows = adopted_projects(previous_cycle(cycle))
	else:
		rows = []
	return [
		{"item_label": r.title, "reference_doctype": "Livelihood Proposal", "reference_name": r.name}
		for r in rows
	]


def previous_cycle(cycle: str) -> str | None:
	c = frappe.db.get_value("Livelihood Cycle", cycle, ["congress", "year", "town"], as_dict=True)
	return frappe.db.get_value("Livelihood Cycle", {"town": c.town, "year": c.year - 1}, "name")


def adopted_projects(cycle: str | None) -> list:
	"""Projects a cycle's vote picked (published rounds), in the order of the candidate list."""
	if not cycle:
		return []
	picked = frappe.db.sql(
		"""select distinct r.item_label from `tabSecret Vote Result` r
		join `tabSecret Vote` v on v.name = r.parent
		where v.cycle = %s and v.vote_type = '项目票决' and v.status = '已公布' and r.picked = 1""",
		cycle,
		pluck=True,
	)
	return frappe.get_all(
		"Livelihood Proposal",
		filters={"cycle": cycle, "title": ("in", picked or [""]), "workflow_state": "候选项目"},
		fields=["name", "title"],
		order_by="creation asc, name asc",
	)


# --- permissions: the count stays with the tellers and scrutineers until they sign it -------


def has_permission(doc, ptype=None, user=None):
	"""While a vote is counted and awaits the scrutineers' signatures, only its tellers and
	scrutineers read it: nobody else, the office and System Manager included, sees the count."""
	user = user or frappe.session.user
	if doc.status not in voting.SECRET_RESULT:
		return True
	return is_officer(doc, user, voting.OFFICER_ROLES)


def query_conditions(user=None, doctype=None):
	escaped = frappe.db.escape(user or frappe.session.user)
	return (
		"(`tabSecret Vote`.status not in ('计票中', '待监票人确认') or exists (select 1 from "
		"`tabSecret Vote Officer` o where o.parent = `tabSecret Vote`.name and o.user = "
		f"{escaped}))"
	)
