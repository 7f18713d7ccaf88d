"""Records the Deputy Liaison tests build: a city congress with two deputy groups (some deputies with
a login), two party branches with one group each and their leaders, and the staff users."""

import datetime as dt

import frappe

from sanyou_app.core.party import OFFICER_ROLE
from sanyou_app.tests.party_fixtures import elect, make_branches, make_member, make_user

DAO_ROLE = "Deputy Affairs Office"
DEPUTY_ROLE = "Congress Deputy"


def make_city(tag: str, groups: int = 2, per_group: int = 3, logins: int = 1) -> frappe._dict:
	"""A city congress (unique name) with `groups` deputy groups of `per_group` deputies; the first
	`logins` deputies of each group have a login with the role Congress Deputy."""
	o = frappe._dict(groups=[], deputies={}, users={})
	o.congress = (
		frappe.get_doc({"doctype": "Congress", "region": f"测试{tag}市", "term_no": 16}).insert().name
	)
	for g in range(groups):
		group = (
			frappe.get_doc(
				{"doctype": "Deputy Group", "congress": o.congress, "group_name": f"第{g + 1}代表小组"}
			)
			.insert()
			.name
		)
		o.groups.append(group)
		o.deputies[group] = []
		for d in range(per_group):
			user = make_user(f"dep{g}{d}-{tag}@liaison.test", [DEPUTY_ROLE]) if d < logins else None
			deputy = (
				frappe.get_doc(
					{
						"doctype": "Congress Deputy",
						"congress": o.congress,
						"full_name": f"代表{g + 1}-{d + 1}",
						"gender": "男" if d % 2 else "女",
						"village_unit": f"第{g + 1}选区",
						"deputy_group": group,
						"user": user,
					}
				)
				.insert()
				.name
			)
			o.deputies[group].append(deputy)
			if user:
				o.users[deputy] = user
	return o


def make_organ() -> frappe._dict:
	"""Two branches with one party group each; a secretary and a group leader per branch (with logins),
	two more members per group; the 机关党委 officer and the 人事代表工作委员会's user."""
	o = make_branches(count=2, groups=1)
	tag = o.tag
	o.officer = make_user(f"officer-{tag}@liaison.test", [OFFICER_ROLE])
	o.dao = make_user(f"dao-{tag}@liaison.test", [DAO_ROLE])
	o.members, o.leaders, o.leader_users, o.secretaries = {}, {}, {}, {}
	for i, branch in enumerate(o.branches):
		group = o.groups[branch][0]
		sec_user = make_user(f"sec{i}-{tag}@liaison.test")
		gl_user = make_user(f"gl{i}-{tag}@liaison.test")
		sec = make_member(f"书记{i}", branch, group, user=sec_user)
		gl = make_member(f"组长{i}", branch, group, user=gl_user)
		others = [make_member(f"党员{i}-{k}", branch, group) for k in range(2)]
		o.members[group] = [gl, *others]
		o.leaders[group], o.leader_users[group], o.secretaries[branch] = gl, gl_user, sec_user
		elect(
			branch,
			[
				{"member": sec, "position": "支部书记"},
				{"member": gl, "position": "党小组长", "party_group": group},
			],
		)
	o.group_list = [o.groups[b][0] for b in o.branches]
	return o


def pairing_doc(year: int, group: str, lead: str, deputy_groups: list[tuple[str, str]], topics: list[str]):
	return frappe.get_doc(
		{
			"doctype": "Liaison Pairing",
			"year": year,
			"party_group": group,
			"party_lead": lead,
			"deputy_groups": [{"deputy_group": g, "deputy_lead": d} for g, d in deputy_groups],
			"topics": [{"topic": t} for t in topics],
		}
	)


def activity_doc(
	pairing: str, topic: str, day: dt.date, members: list[str], deputies: list[str], kind="调研"
):
	return frappe.get_doc(
		{
			"doctype": "Joint Activity",
			"pairing": pairing,
			"topic": topic,
			"activity_type": kind,
			"activity_date": day,
			"place": "市民服务中心",
			"party_members": [{"party_member": m} for m in members],
			"deputies": [{"deputy": d} for d in deputies],
			"findings": "<p>群众反映停车难、加装电梯难</p>",
		}
	)


def report_doc(pairing: str, topic: str, activities: list[str], day: dt.date, **values):
	return frappe.get_doc(
		{
			"doctype": "Research Report",
			"title": f"关于{topic}的调研报告",
			"pairing": pairing,
			"topic": topic,
			"report_date": day,
			"activities": [{"joint_activity": a} for a in activities],
			**values,
		}
	)


def as_user(user: str, fn):
	frappe.set_user(user)
	try:
		return fn()
	finally:
		frappe.set_user("Administrator")
