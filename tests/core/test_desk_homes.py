import json
from pathlib import Path

from sanyou_app.core.desk_homes import home_for, restricted_workspaces

DESK = json.loads(
	(Path(__file__).resolve().parents[2] / "sanyou_app" / "setup" / "desk.json").read_text("utf-8")
)
ROLES = json.loads(
	(Path(__file__).resolve().parents[2] / "sanyou_app" / "setup" / "roles.json").read_text("utf-8")
)
ALL = {"民生实事", "机关党建", "项目监督", "代表联络", "两争考核", "整改清单", "我的履职", "我的党建"}


def test_each_role_lands_on_its_own_work():
	homes = DESK["homes"]
	assert home_for({"Town Congress Office"}, homes, ALL) == "民生实事"
	assert home_for({"Congress Deputy"}, homes, ALL) == "我的履职"
	assert home_for({"Branch Secretary"}, homes, ALL) == "机关党建"
	assert home_for({"Party Member"}, homes, ALL) == "我的党建"
	assert home_for({"Rectification Supervisor"}, homes, ALL) == "两争考核"
	assert home_for({"Deputy Affairs Office"}, homes, ALL) == "代表联络"
	assert home_for({"Project Leader"}, homes, ALL) == "项目监督"
	assert home_for({"Assessment Assessor"}, homes, ALL) == "两争考核"


def test_every_role_the_app_ships_has_a_home():
	assert {r["role_name"] for r in ROLES} == {h["role"] for h in DESK["homes"]}


def test_the_first_role_in_the_mapping_wins_and_unseen_workspaces_are_skipped():
	homes = [
		{"role": "A", "workspaces": ["甲"]},
		{"role": "B", "workspaces": ["乙", "丙"]},
	]
	assert home_for({"B", "A"}, homes, {"甲", "乙"}) == "甲"
	assert home_for({"B"}, homes, {"丙"}) == "丙"
	assert home_for({"B"}, homes, set()) is None
	assert home_for({"System Manager"}, homes, {"甲"}) is None


def test_only_workspaces_without_roles_are_restricted():
	workspaces = {"Users": [], "Website": ["All"], "Build": []}
	assert restricted_workspaces(workspaces, ["Users", "Website", "Build", "Tools"]) == ["Users", "Build"]


def test_frappe_s_own_workspaces_are_kept_for_system_managers():
	assert DESK["admin_workspaces"] == ["Users", "Website", "Tools", "Integrations", "Build"]
	assert DESK["admin_roles"] == ["System Manager"]


def test_a_user_still_on_the_earlier_tables_home_moves_and_a_chosen_home_stays():
	from sanyou_app.core.desk_homes import moved_home

	before = [{"role": "Congress Deputy", "workspaces": ["民生实事", "代表联络"]}]
	now = [{"role": "Congress Deputy", "workspaces": ["我的履职", "民生实事", "代表联络"]}]
	visible = {"我的履职", "民生实事", "代表联络"}
	deputy = {"Congress Deputy"}
	assert moved_home(deputy, "民生实事", before, now, visible) == "我的履职"
	# chosen by someone: stays
	assert moved_home(deputy, "代表联络", before, now, visible) is None
	# none set: the new-user rule gives one, not this
	assert moved_home(deputy, None, before, now, visible) is None
	# today's home not visible to them: stays
	assert moved_home(deputy, "民生实事", before, now, {"民生实事", "代表联络"}) is None
	# the table did not change for them: stays
	assert moved_home({"Town Congress Office"}, "民生实事", before, now, visible) is None
