"""Who a vote names: its tellers (计票人), scrutineers (监票人) and chief scrutineer (总监票人)."""

from sanyou_app.core import voting

SCRUTINEERS = (voting.CHIEF_SCRUTINEER, voting.SCRUTINEER)


def is_officer(doc, user: str, duties=voting.OFFICER_ROLES) -> bool:
	return any(r.user == user and r.officer_role in duties for r in doc.officers)


def scrutineers(doc) -> list:
	"""The scrutineers in the order they open their layer of the sealed ballots."""
	return [r for r in sorted(doc.officers, key=lambda r: r.idx) if r.officer_role in SCRUTINEERS]
