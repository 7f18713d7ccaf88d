"""The secret vote by real users: sign-in, quorum, casting, paper double entry, counting,
sign-off, publication, immutability and rounds."""

import frappe
from frappe.tests.utils import FrappeTestCase

from sanyou_app.core import sealing
from sanyou_app.tests.fixtures import (
	candidates,
	deputy_users,
	make_town,
	make_vote,
	open_ballots,
	open_layer_as_browser,
	register_keys,
	sealed_ballot,
	sign_in,
	user_for,
)
from sanyou_app.voting import api
from sanyou_app.voting import sealing as sealing_api

F, A, X = "赞成", "反对", "弃权"


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def act(user, vote, method):
	return as_user(user, lambda: getattr(frappe.get_doc("Secret Vote", vote), method)())


def enter(user, vote, sheet_no, marks):
	def run():
		doc = frappe.new_doc("Paper Ballot Entry")
		doc.update({"vote": vote, "sheet_no": sheet_no})
		doc.run_method("before_validate")
		for row in doc.marks:
			row.choice = marks.get(row.item_label)
		doc.insert()
		return doc.name

	return as_user(user, run)


class VoteSetup(FrappeTestCase):
	deputies = 9

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.office = user_for("Town Congress Office")
		cls.town = make_town(deputies=cls.deputies)
		cls.users = deputy_users(cls.town.congress, f"dep-{frappe.generate_hash(length=6)}-")
		cls.roll = frappe.get_all(
			"Congress Deputy",
			filters={"congress": cls.town.congress},
			pluck="name",
			order_by="full_name, name",
		)
		cls.items = candidates(cls.town, [("村庄扶贫路", 286.5), ("连心小院", 45.8), ("丁楼村张庄路", 92)])
		# deputies 0, 1 count (tellers); 2 is chief scrutineer, 3 a scrutineer
		cls.officers = [
			("计票人", cls.roll[0]),
			("计票人", cls.roll[1]),
			("总监票人", cls.roll[2]),
			("监票人", cls.roll[3]),
		]

	def new_vote(self, **values):
		return as_user(self.office, lambda: make_vote(self.town, officers=self.officers, **values).name)


class TestPaperVote(VoteSetup):
	def test_full_paper_vote_from_sign_in_to_publication(self):
		vote = self.new_vote(seats=2)
		doc = frappe.get_doc("Secret Vote", vote)
		self.assertEqual([r.item_label for r in doc.items], ["村庄扶贫路", "连心小院", "丁楼村张庄路"])
		self.assertEqual((doc.total_voters, doc.seats, doc.status), (9, 2, "准备中"))

		as_user(self.office, sign_in, vote, 6)  # 6 of 9 is not more than 2/3
		with self.assertRaises(frappe.ValidationError) as caught:
			act(self.office, vote, "open_voting")
		self.assertIn("不足法定人数", str(caught.exception))
		as_user(self.office, sign_in, vote, 8)
		act(self.office, vote, "open_voting")
		with self.assertRaises(frappe.PermissionError):
			act(self.users[4], vote, "close_voting")  # a deputy cannot close the vote
		act(self.office, vote, "close_voting")
		doc.reload()
		self.assertEqual((doc.status, doc.present, doc.issued), ("计票中", 8, 8))

		sheets = [
			{"村庄扶贫路": F, "连心小院": F, "丁楼村张庄路": A},
			{"村庄扶贫路": F, "连心小院": F},  # 丁楼村张庄路 unmarked → 弃权
			{"村庄扶贫路": F, "连心小院": A, "丁楼村张庄路": F},
			{"村庄扶贫路": F, "连心小院": F, "丁楼村张庄路": A},
			{"村庄扶贫路": F, "连心小院": F, "丁楼村张庄路": F},  # three 赞成 for two seats: void
			{"村庄扶贫路": A, "连心小院": F, "丁楼村张庄路": F},
			{"村庄扶贫路": F, "连心小院": X, "丁楼村张庄路": F},
		]
		teller1, teller2 = self.users[0], self.users[1]
		for number, sheet in enumerate(sheets, start=1):
			enter(teller1, vote, number, sheet)
			enter(teller2, vote, number, sheet if number != 3 else {**sheet, "连心小院": F})
		with self.assertRaises(frappe.PermissionError):
			enter(self.users[5], vote, 1, sheets[0])  # not a teller
		with self.assertRaises(frappe.ValidationError) as caught:
			act(self.users[2], vote, "count")
		self.assertIn("第3张两次录入不一致（连心小院）", str(caught.exception))
		# teller 2 corrects sheet 3
		entry = frappe.get_value("Paper Ballot Entry", {"vote": vote, "sheet_no": 3, "teller": teller2})

		def correct():
			e = frappe.get_doc("Paper Ballot Entry", entry)
			next(r for r in e.marks if r.item_label == "连心小院").choice = A
			e.save()

		as_user(teller2, correct)
		act(self.users[0], vote, "count")  # a teller counts
		doc.reload()
		self.assertEqual(doc.status, "待监票人确认")
		self.assertEqual((doc.returned, doc.valid_ballots, doc.void_ballots), (7, 6, 1))
		self.assertEqual(doc.results, [])  # published only when the scrutineers have signed
		results = {r.item_label: r for r in doc.count_rows()}
		self.assertEqual(
			[(results[i].votes_for, results[i].votes_against, results[i].votes_abstain) for i in results],
			[(5, 1, 0), (4, 1, 1), (3, 2, 1)],
		)
		# passing needs more than half of all 9 deputies: 5 赞成
		self.assertEqual([i for i, r in results.items() if r.picked], ["村庄扶贫路"])
		self.assertIn("尚缺1项", doc.result_text)

		# hidden until the scrutineers sign: the office and other deputies cannot read it
		for outsider in (self.office, self.users[6]):
			frappe.set_user(outsider)
			try:
				self.assertFalse(frappe.has_permission("Secret Vote", "read", vote))
				self.assertNotIn(vote, frappe.get_list("Secret Vote", pluck="name"))
				self.assertEqual(
					frappe.get_list(
						"Secret Vote", filters={"name": vote}, fields=["returned", "result_text"]
					),
					[],
				)
				rows = frappe.get_list(
					"Secret Vote Result",
					filters={"parent": vote},
					parent_doctype="Secret Vote",
					fields=["votes_for"],
				)
				self.assertEqual(rows, [])
			finally:
				frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			act(self.users[0], vote, "sign_off")  # tellers do not sign off
		act(self.users[3], vote, "sign_off")
		self.assertEqual(frappe.db.get_value("Secret Vote", vote, "status"), "待监票人确认")
		act(self.users[2], vote, "sign_off")
		doc.reload()
		self.assertEqual(doc.status, "已公布")
		self.assertEqual(
			[(r.item_label, r.votes_for) for r in doc.results], [(i, r.votes_for) for i, r in results.items()]
		)
		frappe.set_user(self.office)
		try:
			self.assertTrue(frappe.has_permission("Secret Vote", "read", vote))
		finally:
			frappe.set_user("Administrator")

		# closed: nobody, Administrator included, edits the vote, its ballots or entries
		doc.title = "改名"
		with self.assertRaises(frappe.ValidationError):
			doc.save()
		ballot = frappe.get_all("Secret Ballot", filters={"vote": vote}, pluck="name")[0]
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			frappe.get_doc("Secret Ballot", ballot).save()
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			frappe.delete_doc("Secret Ballot", ballot)
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc("Secret Vote", vote)
		with self.assertRaises(frappe.ValidationError):
			frappe.delete_doc("Paper Ballot Entry", entry)
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": vote}), 7)

		# the shortfall allows a further round among the rest, linked to the first
		new = act(self.office, vote, "make_next_round")
		further = frappe.get_doc("Secret Vote", new)
		self.assertEqual((further.round_kind, further.round_no, further.seats), ("另行票决", 2, 1))
		self.assertEqual((further.first_round, further.previous_round), (vote, vote))
		self.assertEqual([r.item_label for r in further.items], ["连心小院", "丁楼村张庄路"])
		self.assertEqual(sum(r.signed_in for r in further.voters), 0)

	def test_paper_entries_belong_to_their_teller_and_are_sealed_after_sign_off(self):
		vote = self.new_vote(seats=1)
		as_user(self.office, sign_in, vote, 8)
		act(self.office, vote, "open_voting")
		act(self.office, vote, "close_voting")
		teller1, teller2 = self.users[0], self.users[1]
		first = enter(teller1, vote, 1, {"村庄扶贫路": F})
		second = enter(teller2, vote, 1, {"村庄扶贫路": F})
		# while the count is open: the office, System Manager and other deputies read no entry
		for outsider in (self.office, user_for("System Manager"), self.users[6]):
			frappe.set_user(outsider)
			try:
				self.assertFalse(frappe.has_permission("Paper Ballot Entry", "read", first))
				try:
					listed = frappe.get_list("Paper Ballot Entry", filters={"vote": vote})
				except frappe.PermissionError:
					listed = []  # no permission rule at all (the office, System Manager)
				self.assertEqual(listed, [])
			finally:
				frappe.set_user("Administrator")
		# the vote's scrutineers read them; a teller changes or deletes only their own
		frappe.set_user(self.users[2])
		try:
			self.assertEqual(len(frappe.get_list("Paper Ballot Entry", filters={"vote": vote})), 2)
		finally:
			frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			as_user(teller1, frappe.delete_doc, "Paper Ballot Entry", second)
		as_user(teller1, frappe.delete_doc, "Paper Ballot Entry", first)
		first = enter(teller1, vote, 1, {"村庄扶贫路": F})

		def change(name, mark):
			doc = frappe.get_doc("Paper Ballot Entry", name)
			doc.marks[0].choice = mark
			doc.save()

		with self.assertRaises(frappe.PermissionError):
			as_user(teller1, change, second, A)
		as_user(teller2, change, second, A)
		as_user(teller2, change, second, F)
		act(self.users[2], vote, "count")
		act(self.users[2], vote, "sign_off")
		act(self.users[3], vote, "sign_off")
		# after sign-off: sealed, and no version history of any sheet's marks was ever kept
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			as_user(teller2, change, second, A)
		with self.assertRaises((frappe.ValidationError, frappe.PermissionError)):
			as_user(teller2, frappe.delete_doc, "Paper Ballot Entry", second)
		self.assertEqual(frappe.db.count("Version", {"ref_doctype": "Paper Ballot Entry"}), 0)

	def count_and_publish(self, vote, sheets, signed_in=9):
		as_user(self.office, sign_in, vote, signed_in)
		act(self.office, vote, "open_voting")
		act(self.office, vote, "close_voting")
		for number, sheet in enumerate(sheets, start=1):
			enter(self.users[0], vote, number, sheet)
			enter(self.users[1], vote, number, sheet)
		act(self.users[2], vote, "count")
		act(self.users[2], vote, "sign_off")
		act(self.users[3], vote, "sign_off")
		return frappe.get_doc("Secret Vote", vote)

	def test_tie_at_the_cut_off_goes_to_a_runoff_between_the_tied(self):
		vote = self.new_vote(seats=1)

		def allow_extra_for():  # a rule of this vote, changed while it is being prepared
			doc = frappe.get_doc("Secret Vote", vote)
			doc.void_if_over_seats = 0
			doc.save()

		as_user(self.office, allow_extra_for)
		doc = self.count_and_publish(vote, [{"村庄扶贫路": F, "连心小院": F}] * 5 + [{"丁楼村张庄路": F}] * 4)
		results = {r.item_label: r for r in doc.results}
		self.assertEqual([i for i, r in results.items() if r.runoff], ["村庄扶贫路", "连心小院"])
		self.assertEqual([i for i, r in results.items() if r.picked], [])
		self.assertIn("再次票决", doc.result_text)
		runoff = frappe.get_doc("Secret Vote", act(self.office, vote, "make_next_round"))
		self.assertEqual((runoff.round_kind, runoff.seats, runoff.first_round), ("再次票决", 1, vote))
		self.assertEqual([r.item_label for r in runoff.items], ["村庄扶贫路", "连心小院"])

	def test_more_sheets_returned_than_issued_voids_the_round(self):
		vote = self.new_vote(seats=2)
		doc = self.count_and_publish(vote, [{"村庄扶贫路": F}] * 8, signed_in=7)
		self.assertEqual((doc.status, doc.issued, doc.returned), ("本轮无效", 7, 8))
		self.assertEqual([r.item_label for r in doc.results if r.picked], [])
		self.assertIn("收回选票多于发出选票", doc.result_text)
		again = frappe.get_doc("Secret Vote", act(self.office, vote, "make_next_round"))
		self.assertEqual((again.round_kind, again.seats, len(again.items)), ("重新票决", 2, 3))


class TestElectronicVote(VoteSetup):
	def cast(self, user, vote, marks, digits=None):
		return as_user(user, api.cast, vote, sealed_ballot(vote, marks, digits))

	def test_cast_once_while_open_and_signed_in(self):
		vote = self.new_vote(seats=2, mode="电子投票")
		as_user(self.office, sign_in, vote, 7)  # the first 7 on the roll
		with self.assertRaises(frappe.ValidationError) as caught:
			act(self.office, vote, "open_voting")
		self.assertIn("尚未生成开票密钥", str(caught.exception))
		secrets = register_keys(vote)
		self.assertEqual(len(secrets), 2)  # the chief scrutineer and the scrutineer
		form = as_user(self.users[0], api.my_ballot_form, vote)
		self.assertEqual((form["signed_in"], form["cast"], list(form["marks"])), (True, False, [F, A, X]))
		self.assertEqual(len(form["keys"]), 2)
		with self.assertRaises(frappe.ValidationError) as caught:
			self.cast(self.users[0], vote, {"村庄扶贫路": F})
		self.assertIn("现在不能投票", str(caught.exception))
		act(self.office, vote, "open_voting")
		sealed = sealed_ballot(vote, {"村庄扶贫路": F, "连心小院": F})
		answer = as_user(self.users[0], api.cast, vote, sealed)
		self.assertEqual(answer["message"], "投票成功")
		# the tracker the deputy sees is the one the box lists once voting closes
		self.assertEqual(
			answer["tracker"],
			sealing.tracker(sealing.check_sealed(sealed, sealing.envelope_length(vote, 3), 2)),
		)
		with self.assertRaises(frappe.ValidationError) as caught:
			self.cast(self.users[0], vote, {"村庄扶贫路": A})
		self.assertIn("您已投票，不能重复投票", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:
			self.cast(self.users[8], vote, {"村庄扶贫路": F})  # not signed in
		self.assertIn("尚未签到", str(caught.exception))
		with self.assertRaises(frappe.PermissionError):
			self.cast(self.office, vote, {"村庄扶贫路": F})  # not on the roll
		with self.assertRaises(frappe.ValidationError) as caught:
			as_user(self.users[1], api.cast, vote, "c2VhbGVk")  # not a ballot sealed for this vote
		self.assertIn("选票格式不正确", str(caught.exception))
		# the server cannot read a sealed ballot: one that does not read is void at the count
		self.cast(self.users[1], vote, {}, digits="9" * 3)
		self.cast(self.users[6], vote, {"村庄扶贫路": F, "连心小院": F, "丁楼村张庄路": F})  # void
		for user in self.users[2:6]:
			self.cast(user, vote, {"村庄扶贫路": F, "丁楼村张庄路": A})
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), 7)
		self.assertEqual(frappe.db.count("Secret Ballot", {"vote": vote}), 0)
		act(self.office, vote, "close_voting")
		with self.assertRaises(frappe.ValidationError):
			self.cast(self.users[6], vote, {"村庄扶贫路": F})  # after close
		# counting waits for every scrutineer's layer, opened in order by its holder
		with self.assertRaises(frappe.ValidationError) as caught:
			act(self.users[2], vote, "count")
		self.assertIn("选票尚未全部开启", str(caught.exception))
		scrutineer, chief = self.users[3], self.users[2]
		with self.assertRaises(frappe.ValidationError) as caught:
			as_user(scrutineer, sealing_api.ballots_to_open, vote)
		self.assertIn("请由第1位监票人", str(caught.exception))
		with self.assertRaises(frappe.ValidationError) as caught:  # the other scrutineer's key
			as_user(chief, open_layer_as_browser, vote, secrets[scrutineer])
		self.assertIn("本层没有一张选票能够开启", str(caught.exception))
		self.assertEqual(frappe.db.get_value("Secret Vote", vote, "layers_opened"), 0)
		self.assertEqual(len(frappe.get_doc("Secret Vote", vote).trackers.split("\n")), 7)
		answers = open_ballots(vote, secrets)
		self.assertEqual([a["done"] for a in answers], [False, True])
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), 0)  # destroyed
		# every ballot whose envelope opened shows its receipt code, without choices
		self.assertEqual(len(frappe.db.get_value("Secret Vote", vote, "receipt_codes").split("\n")), 7)
		act(self.users[2], vote, "count")
		doc = frappe.get_doc("Secret Vote", vote)
		self.assertEqual((doc.issued, doc.returned, doc.valid_ballots, doc.void_ballots), (7, 7, 5, 2))
		counts = {r.item_label: (r.votes_for, r.votes_against, r.votes_abstain) for r in doc.count_rows()}
		self.assertEqual(counts, {"村庄扶贫路": (5, 0, 0), "连心小院": (1, 0, 4), "丁楼村张庄路": (0, 4, 1)})
		self.assertEqual([r.item_label for r in doc.count_rows() if r.picked], ["村庄扶贫路"])
		cast = frappe.get_all(
			"Secret Vote Voter", filters={"parent": vote, "cast": 1}, pluck="user", order_by="idx"
		)
		self.assertEqual(sorted(cast), sorted([*self.users[:7]]))

	def test_a_deputy_who_has_cast_stays_signed_in_and_sign_in_never_undoes_a_cast(self):
		vote = self.new_vote(seats=2, mode="电子投票")
		as_user(self.office, sign_in, vote, 7)
		register_keys(vote)
		act(self.office, vote, "open_voting")
		form = as_user(self.office, frappe.get_doc, "Secret Vote", vote)  # the office's open form
		self.cast(self.users[0], vote, {"村庄扶贫路": F})
		# the office signs in one more deputy from the form it loaded before that cast
		form.voters[7].signed_in = 1
		as_user(self.office, form.save)
		flags = dict(
			frappe.get_all(
				"Secret Vote Voter", filters={"parent": vote}, fields=["user", "cast"], as_list=True
			)
		)
		self.assertEqual(flags[self.users[0]], 1)  # the cast survived the stale form
		self.cast(self.users[7], vote, {"连心小院": F})  # the newly signed-in deputy votes
		with self.assertRaises(frappe.ValidationError) as caught:
			self.cast(self.users[0], vote, {"村庄扶贫路": F})  # and the first cannot vote twice
		self.assertIn("不能重复投票", str(caught.exception))
		doc = as_user(self.office, frappe.get_doc, "Secret Vote", vote)
		doc.voters[0].signed_in = 0
		with self.assertRaises(frappe.ValidationError) as caught:
			as_user(self.office, doc.save)
		self.assertIn("已投票，不能取消签到", str(caught.exception))

	def test_a_lost_key_voids_the_round_and_calls_for_a_new_vote(self):
		vote = self.new_vote(seats=2, mode="电子投票")
		as_user(self.office, sign_in, vote, 7)
		secrets = register_keys(vote)
		act(self.office, vote, "open_voting")
		for user in self.users[:7]:
			self.cast(user, vote, {"村庄扶贫路": F})
		act(self.office, vote, "close_voting")
		chief = self.users[2]
		as_user(chief, open_layer_as_browser, vote, secrets[chief])
		# neither a deputy nor the office declares a scrutineer's key lost
		for someone in (self.users[5], self.office):
			with self.assertRaises(frappe.PermissionError):
				as_user(someone, sealing_api.declare_key_lost, vote)
		as_user(self.users[3], sealing_api.declare_key_lost, vote)  # the scrutineer whose key it was
		doc = frappe.get_doc("Secret Vote", vote)
		self.assertEqual(doc.status, "本轮无效")
		self.assertIn("密钥遗失", doc.void_reason)
		self.assertEqual(doc.key_lost_by, self.users[3])
		self.assertTrue(doc.key_lost_at)
		self.assertEqual(frappe.db.count("Sealed Ballot", {"vote": vote}), 0)
		again = frappe.get_doc("Secret Vote", act(self.office, vote, "make_next_round"))
		self.assertEqual((again.round_kind, again.seats, len(again.items)), ("重新票决", 2, 3))
		self.assertEqual([r.public_key for r in again.officers], [None] * 4)


class TestSurveyAndAppraisal(VoteSetup):
	def test_survey_rates_and_grades_and_flags_rectification(self):
		vote = self.new_vote(
			vote_type="满意度测评", items=[{"item_label": "连心小院"}, {"item_label": "村内道路"}]
		)
		as_user(self.office, sign_in, vote, 8)
		act(self.office, vote, "open_voting")
		act(self.office, vote, "close_voting")
		sheets = [{"连心小院": "满意", "村内道路": "不满意"}] * 7 + [
			{"连心小院": "基本满意", "村内道路": "满意"}
		]
		for number, sheet in enumerate(sheets, start=1):
			enter(self.users[0], vote, number, sheet)
			enter(self.users[1], vote, number, sheet)
		act(self.users[3], vote, "count")
		doc = frappe.get_doc("Secret Vote", vote)
		results = {r.item_label: r for r in doc.count_rows()}
		self.assertEqual((results["连心小院"].satisfaction_rate, results["连心小院"].grade), (100.0, "满意"))
		self.assertEqual((results["村内道路"].satisfaction_rate, results["村内道路"].grade), (12.5, "不满意"))
		self.assertEqual(results["村内道路"].needs_rectification, 1)

	def test_appraisal_grades_members(self):
		voters = [{"deputy": d} for d in self.roll[4:8]]  # logins come from the records
		vote = self.new_vote(
			vote_type="民主评议党员",
			mode="电子投票",
			cycle=None,
			items=[{"item_label": "党员甲"}, {"item_label": "党员乙"}],
			voters=voters,
		)
		as_user(self.office, sign_in, vote, 4)
		secrets = register_keys(vote)
		act(self.office, vote, "open_voting")
		sheets = [
			{"党员甲": "优秀", "党员乙": "优秀"},
			{"党员甲": "优秀", "党员乙": "合格"},
			{"党员甲": "优秀", "党员乙": "基本合格"},
			{"党员甲": "合格", "党员乙": "基本合格"},
		]
		for user, sheet in zip(self.users[4:8], sheets, strict=True):
			as_user(user, api.cast, vote, sealed_ballot(vote, sheet))
		act(self.office, vote, "close_voting")
		open_ballots(vote, secrets)
		act(self.users[2], vote, "count")
		grades = {
			r.item_label: (r.excellent, r.qualified, r.basically_qualified, r.grade)
			for r in frappe.get_doc("Secret Vote", vote).count_rows()
		}
		self.assertEqual(grades, {"党员甲": (3, 1, 0, "优秀"), "党员乙": (1, 1, 2, "基本合格")})


class TestBranchAppraisal(FrappeTestCase):
	def test_a_branch_appraises_its_members_and_the_party_committee_records_the_grades(self):
		from sanyou_app.core.party import OFFICER_ROLE
		from sanyou_app.tests.party_fixtures import make_branches, make_member, make_user

		org = make_branches(count=1)
		branch = org.branches[0]
		tag = org.tag
		members = [make_member(f"党员{tag}{i}", branch) for i in range(5)]
		users = [make_user(f"appraise-{tag}-{i}@sanyou.test") for i in range(3)]
		for member, user in zip(members, users, strict=False):  # a login linked to a member, as in the desk
			record = frappe.get_doc("Party Member", member)
			record.user = user
			record.save()
		office = user_for("Town Congress Office")
		vote = as_user(
			office,
			lambda: (
				frappe.get_doc(
					{
						"doctype": "Secret Vote",
						"title": f"{tag}支部民主评议党员",
						"vote_type": "民主评议党员",
						"mode": "纸质投票",
						"party_branch": branch,
						"appraisal_year": 2025,
						"officers": [
							{"officer_role": "计票人", "member": members[0]},
							{"officer_role": "计票人", "member": members[1]},
							{"officer_role": "总监票人", "member": members[2]},
						],
					}
				)
				.insert()
				.name
			),
		)
		doc = frappe.get_doc("Secret Vote", vote)
		self.assertEqual(
			[r.reference_name for r in doc.items],
			sorted(members, key=lambda m: frappe.db.get_value("Party Member", m, "full_name")),
		)
		self.assertEqual((doc.total_voters, doc.officers[0].user), (5, users[0]))
		as_user(office, sign_in, vote, 5)
		act(office, vote, "open_voting")
		act(office, vote, "close_voting")
		labels = [r.item_label for r in doc.items]
		sheets = [{labels[0]: "优秀", labels[1]: "合格"}] * 4 + [{labels[0]: "合格", labels[1]: "不合格"}]
		for number, sheet in enumerate(sheets, start=1):
			enter(users[0], vote, number, sheet)
			enter(users[1], vote, number, sheet)
		act(users[2], vote, "count")
		act(users[2], vote, "sign_off")
		doc.reload()
		self.assertEqual(doc.status, "已公布")
		grades = {r.item_label: r.grade for r in doc.results}
		self.assertEqual((grades[labels[0]], grades[labels[1]]), ("优秀", "合格"))
		with self.assertRaises(frappe.PermissionError):
			act(office, vote, "record_appraisal_grades")  # the 机关党委 records grades, not the town office
		officer = make_user(f"dangwei-{tag}@sanyou.test", roles=[OFFICER_ROLE])
		self.assertEqual(act(officer, vote, "record_appraisal_grades"), 2)
		recorded = frappe.get_all(
			"Party Member Appraisal",
			filters={"parent": ("in", members[:2]), "year": 2025},
			fields=["parent", "grade", "source"],
		)
		self.assertEqual(
			{r.parent: (r.grade, r.source) for r in recorded},
			{
				doc.items[0].reference_name: ("优秀", "民主评议"),
				doc.items[1].reference_name: ("合格", "民主评议"),
			},
		)
