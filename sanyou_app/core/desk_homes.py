"""Where each user lands in the desk: the first home of the role mapping (setup/desk.json) that the
user holds the role for and may see."""


def home_for(roles: set[str] | list[str], homes: list[dict], visible: set[str] | list[str]) -> str | None:
	"""The workspace a user with these roles lands on, from `homes` ([{"role", "workspaces"}], in
	order of precedence), among the workspaces the user may see; None when no role has one."""
	roles, visible = set(roles), set(visible)
	for home in homes:
		if home["role"] in roles:
			for workspace in home["workspaces"]:
				if workspace in visible:
					return workspace
	return None


def restricted_workspaces(workspaces: dict[str, list[str]], names: list[str]) -> list[str]:
	"""Which of the named workspaces still lack roles ({name: its roles}) and so show to everyone;
	a workspace an administrator has given roles is left as it is."""
	return [name for name in names if name in workspaces and not workspaces[name]]


def moved_home(
	roles: set[str] | list[str], current: str | None, before: list[dict], now: list[dict], visible
) -> str | None:
	"""The home a user moves to when the role → home table changes: today's, if the user is still
	on the home the earlier table gave them (a home someone chose for them stays); else None."""
	earlier, today = home_for(roles, before, visible), home_for(roles, now, visible)
	if current and current == earlier and today and today != current:
		return today
	return None
