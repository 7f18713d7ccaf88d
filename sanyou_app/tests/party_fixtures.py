"""Two branches of a test organ, users of every party role, and records of every Party Building
doctype in every position that matters to access: the member's own, a group-mate's, another
group's, the branch's as a whole, the other branch's, and the whole organ's.

Every name and text of the second branch carries a marker (乙 + a run tag), so a test can search
any response for it.
"""

import datetime as dt

import frappe
from frappe.model.workflow import apply_workflow

from sanyou_app.core.party import GROUP_LEADER_ROLE, MEMBER_ROLE, OFFICER_ROLE, SECRETARY_ROLE
from sanyou_app.setup.users import insert_users_in_bulk
from sanyou_app.tests.fixtures import tag as unique_tag

PASSWORD = "Sanyou@Test2026"
DAY = dt.date(2025, 5, 12)


def make_user(email: str, roles=()) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "测试用户",
				"send_welcome_email": 0,
				"new_password": PASSWORD,
				"roles": [{"role": r} for r in roles],
			}
		)
		user.flags.no_welcome_mail = True
		insert_users_in_bulk(user)
	return email


def make_member(full_name: str, branch: str, group: str | None = None, **values) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Party Member",
				"full_name": full_name,
				"gender": "男",
				"birth_date": dt.date(1980, 1, 1),
				"joined_on": dt.date(2005, 7, 1),
				"party_branch": branch,
				"party_group": group,
				"community": f"{full_name}所在社区",
				"dues_base": 8000,
				**values,
			}
		)
		.insert()
		.name
	)


def make_branches(count: int = 2, groups: int = 1) -> frappe._dict:
	"""A root of its own and `count` branches with `groups` groups each (unique names)."""
	tag = unique_tag()
	o = frappe._dict(tag=tag, branches=[], groups={})
	o.root = (
		frappe.get_doc({"doctype": "Party Branch", "branch_name": f"测试党委{tag}", "is_group": 1})
		.insert()
		.name
	)
	for i in range(count):
		branch = (
			frappe.get_doc(
				{
					"doctype": "Party Branch",
					"branch_name": f"测试{tag}第{i + 1}支部",
					"parent_party_branch": o.root,
				}
			)
			.insert()
			.name
		)
		o.branches.append(branch)
		o.groups[branch] = [
			frappe.get_doc(
				{"doctype": "Party Group", "group_name": f"{branch}第{j + 1}小组", "party_branch": branch}
			)
			.insert()
			.name
			for j in range(groups)
		]
	return o


def elect(branch: str, officers: list[dict], day=DAY, roll: int = 5) -> str:
	"""A re-election of `branch`, submitted by an officer of the 机关党委."""
	officer = make_user("party-officer@party.test", [OFFICER_ROLE])
	frappe.set_user(officer)
	try:
		doc = frappe.get_doc(
			{
				"doctype": "Branch Re-election",
				"party_branch": branch,
				"election_date": day,
				"members_on_roll": roll,
				"members_present": roll,
				"officers": officers,
			}
		).insert()
		doc.submit()
		return doc.name
	finally:
		frappe.set_user("Administrator")


class Record(frappe._dict):
	"""A record made for the tests and where it sits: branch, group, member, published."""


def quarterly_test() -> str:
	name = frappe.db.get_value("Quarterly Test", {"year": 2001, "quarter": "1"})
	if name:
		return name
	return (
		frappe.get_doc(
			{"doctype": "Quarterly Test", "year": 2001, "quarter": "1", "test_date": dt.date(2001, 2, 1)}
		)
		.insert()
		.name
	)


def make_two_branches() -> frappe._dict:
	"""Built as Administrator and committed (the HTTP tests read it from another process)."""
	tag = unique_tag()
	o = frappe._dict(tag=tag, marker=f"乙{tag}", records=[])
	o.root = (
		frappe.get_doc({"doctype": "Party Branch", "branch_name": f"测试机关党委{tag}", "is_group": 1})
		.insert()
		.name
	)
	o.office = frappe.get_doc({"doctype": "Organ Office", "office_name": f"测试委室{tag}"}).insert().name
	o.b1, o.b2 = (
		frappe.get_doc({"doctype": "Party Branch", "branch_name": name, "parent_party_branch": o.root})
		.insert()
		.name
		for name in (f"甲{tag}支部", f"{o.marker}支部")
	)
	o.g1a, o.g1b, o.g2a = (
		frappe.get_doc({"doctype": "Party Group", "group_name": name, "party_branch": branch}).insert().name
		for name, branch in ((f"甲{tag}一组", o.b1), (f"甲{tag}二组", o.b1), (f"{o.marker}一组", o.b2))
	)
	o.users = frappe._dict(
		officer=make_user(f"officer-{tag}@party.test", [OFFICER_ROLE]),
		sec1=make_user(f"sec1-{tag}@party.test"),
		gl1=make_user(f"gl1-{tag}@party.test"),
		mem1=make_user(f"mem1-{tag}@party.test"),
		sec2=make_user(f"sec2-{tag}@party.test"),
	)

	def member(full_name, branch, group, user=None):
		return make_member(full_name, branch, group, user=user, office=o.office)

	o.sec1m = member("甲书记", o.b1, o.g1a, o.users.sec1)
	o.gl1m = member("甲组长", o.b1, o.g1a, o.users.gl1)
	o.m1m = member("甲党员", o.b1, o.g1a, o.users.mem1)
	o.x1 = member("甲二组党员", o.b1, o.g1b)
	o.sec2m = member(f"{o.marker}书记", o.b2, o.g2a, o.users.sec2)
	o.y2 = member(f"{o.marker}党员", o.b2, o.g2a)
	o.members = {
		o.sec1m: "甲书记",
		o.gl1m: "甲组长",
		o.m1m: "甲党员",
		o.x1: "甲二组党员",
		o.sec2m: "",
		o.y2: "",
	}
	# who sits where: {member: (branch, group)}
	o.placement = {
		o.sec1m: (o.b1, o.g1a),
		o.gl1m: (o.b1, o.g1a),
		o.m1m: (o.b1, o.g1a),
		o.x1: (o.b1, o.g1b),
		o.sec2m: (o.b2, o.g2a),
		o.y2: (o.b2, o.g2a),
	}

	def add(doctype, name, branch=None, group=None, member=None, published=True):
		o.records.append(
			Record(doctype=doctype, name=name, branch=branch, group=group, member=member, published=published)
		)
		return name

	frappe.set_user(o.users.officer)
	try:
		for branch, rows in (
			(
				o.b1,
				[
					{"member": o.sec1m, "position": "支部书记"},
					{"member": o.gl1m, "position": "党小组长", "party_group": o.g1a},
					{"member": o.x1, "position": "党小组长", "party_group": o.g1b},
				],
			),
			(
				o.b2,
				[
					{"member": o.sec2m, "position": "支部书记"},
					{"member": o.y2, "position": "党小组长", "party_group": o.g2a},
				],
			),
		):
			doc = frappe.get_doc(
				{
					"doctype": "Branch Re-election",
					"party_branch": branch,
					"election_date": DAY,
					"members_on_roll": 3,
					"members_present": 3,
					"officers": rows,
				}
			).insert()
			doc.submit()
			add("Branch Re-election", doc.name, branch)
	finally:
		frappe.set_user("Administrator")

	add("Organ Office", o.office)
	add("Party Branch", o.root, o.root)
	add("Party Branch", o.b1, o.b1)
	add("Party Branch", o.b2, o.b2)
	add("Party Group", o.g1a, o.b1, o.g1a)
	add("Party Group", o.g1b, o.b1, o.g1b)
	add("Party Group", o.g2a, o.b2, o.g2a)
	for m, (branch, group) in o.placement.items():
		add("Party Member", m, branch, group, m)
	for term in frappe.get_all(
		"Party Officer Term",
		filters={"party_branch": ("in", [o.b1, o.b2])},
		fields=["name", "party_branch", "party_group"],
	):
		add("Party Officer Term", term.name, term.party_branch, term.party_group)

	for branch, m in ((o.b1, o.x1), (o.b2, o.y2)):
		doc = frappe.get_doc(
			{
				"doctype": "Membership Transfer",
				"direction": "转出",
				"party_branch": branch,
				"member": m,
				"other_organisation": f"{o.marker if branch == o.b2 else ''}外单位党委",
			}
		).insert()
		add("Membership Transfer", doc.name, branch)

	o.ledgers = {}
	for branch in (o.b1, o.b2):
		ledger = frappe.get_doc(
			{"doctype": "Party Dues Ledger", "party_branch": branch, "year": 2025}
		).insert()
		ledger.generate_month(1)
		o.ledgers[branch] = ledger.name
		add("Party Dues Ledger", ledger.name, branch)
	for dues in frappe.get_all(
		"Party Dues",
		filters={"ledger": ("in", list(o.ledgers.values()))},
		fields=["name", "member", "party_branch", "party_group"],
	):
		if dues.member in (o.sec1m, o.sec2m):
			frappe.delete_doc("Party Dues", dues.name)  # keep one record per position
			continue
		add("Party Dues", dues.name, dues.party_branch, dues.party_group, dues.member)

	o.checklists = {}
	for branch in (o.b1, o.b2):
		checklist = frappe.get_doc(
			{"doctype": "Party Task Checklist", "party_branch": branch, "year": 2025}
		).insert()
		o.checklists[branch] = checklist.name
		add("Party Task Checklist", checklist.name, branch)
	for m in (o.m1m, o.gl1m, o.x1, o.y2):
		branch, _group = o.placement[m]
		task = frappe.get_doc(
			{
				"doctype": "Party Task",
				"checklist": o.checklists[branch],
				"task": f"{o.marker if branch == o.b2 else ''}整理支部台账",
				"responsible": m,
				"deadline": dt.date(2025, 3, 31),
			}
		).insert()
		add("Party Task", task.name, branch, None, m)

	for branch, published in ((o.b1, DAY), (o.b1, None), (o.b2, DAY), (None, DAY), (None, None)):
		title = f"{o.marker if branch == o.b2 else ''}党务公开{'已公开' if published else '草稿'}"
		doc = frappe.get_doc(
			{
				"doctype": "Party Affairs Publication",
				"title": title,
				"party_branch": branch,
				"published_on": published,
				"body": f"<p>{title}</p>",
			}
		).insert()
		add("Party Affairs Publication", doc.name, branch, published=bool(published))

	def meeting(kind, branch, group, people):
		prefix = o.marker if branch == o.b2 else ""
		doc = frappe.get_doc(
			{
				"doctype": "Party Meeting",
				"meeting_type": kind,
				"party_branch": branch,
				"party_group": group,
				"meeting_date": DAY,
				"topic": f"{o.marker if branch == o.b2 else ''}{kind}",
				"host": people[0],
				"attendance": [{"member": m, "attendance": "出席"} for m in people],
				"attachments": [
					{"file": f"/private/files/meeting-{kind}.pdf", "file_description": f"{prefix}会议材料"}
				],
			}
		).insert()
		return add("Party Meeting", doc.name, branch, group)

	o.meeting_b1 = meeting("支部党员大会", o.b1, None, [o.sec1m, o.gl1m, o.m1m, o.x1])
	meeting("党小组会", o.b1, o.g1a, [o.gl1m, o.m1m, o.sec1m])
	meeting("党小组会", o.b1, o.g1b, [o.x1])
	o.meeting_b2 = meeting("支部党员大会", o.b2, None, [o.sec2m, o.y2])

	for platform, branch, people in (
		("支部学习", o.b1, [o.sec1m, o.m1m]),
		("支部学习", o.b2, [o.sec2m, o.y2]),
		("人大讲堂", None, [o.sec1m, o.sec2m]),
	):
		doc = frappe.get_doc(
			{
				"doctype": "Study Session",
				"platform": platform,
				"method": "案例分析",
				"session_date": DAY,
				"party_branch": branch,
				"topic": f"{o.marker if branch == o.b2 else ''}{platform}",
				"attendees": [{"member": m} for m in people],
			}
		).insert()
		add("Study Session", doc.name, branch)

	o.test = quarterly_test()
	add("Quarterly Test", o.test)
	for m in (o.m1m, o.gl1m, o.x1, o.y2):
		branch, group = o.placement[m]
		doc = frappe.get_doc(
			{"doctype": "Quarterly Test Score", "test": o.test, "member": m, "score": 88}
		).insert()
		add("Quarterly Test Score", doc.name, branch, group, m)
		log = frappe.get_doc(
			{
				"doctype": "Community Service Log",
				"member": m,
				"service_date": DAY,
				"activity": "社区服务",
				"hours": 2,
			}
		).insert()
		add("Community Service Log", log.name, branch, group, m)

	frappe.db.commit()  # nosemgrep: the HTTP tests read these records from the web server's process
	return o


def submit_transfer(user: str, name: str) -> None:
	frappe.set_user(user)
	try:
		apply_workflow(frappe.get_doc("Membership Transfer", name), "提交审核")
	finally:
		frappe.set_user("Administrator")


ROLE_USER = {OFFICER_ROLE: "officer", SECRETARY_ROLE: "sec1", GROUP_LEADER_ROLE: "gl1", MEMBER_ROLE: "mem1"}
