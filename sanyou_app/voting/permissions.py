"""Ballots are read by nobody: no role, no share, no User Permission (Administrator is refused
by common.query_guard before any method runs)."""


def nobody(doc=None, ptype=None, user=None):
	return False


def no_rows(user=None, doctype=None):
	return "1 = 0"
