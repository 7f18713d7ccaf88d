"""The demo: one file per story, loaded in order by `bench --site SITE sanyou-demo`.

- town: 濉溪县刘桥镇, its 18th congress and the 2020 and 2021 livelihood-project cycles and votes;
- organ: a municipal congress standing-committee organ's party organisation and its year 2025;
- liaison: the organ's party groups paired with the city's deputy groups, 2020–2021;
- deputy_work: the city congress's deputy work "2121": rooms, education, exam, visits;
- implementation: the 2020 projects carried out, supervised, inspected and pre-evaluated.
- assessment: the organ's 2025 两争 assessment, titles and rectification items.
"""

import frappe

from sanyou_app.demo import assessment, dates, deputy_work, implementation, liaison, organ, town
from sanyou_app.demo.town import CANDIDATES_2020, CANDIDATES_2021, TOWN  # noqa: F401


def loaded() -> bool:
	"""Whether the demo is loaded on this site (its town's congress is there)."""
	return bool(frappe.db.exists("Congress", {"region": TOWN}))


def load(force: bool = False) -> dict:
	"""Load the demo once. Returns the numbers it produced."""
	if loaded() and not force:
		frappe.throw("演示数据已加载")
	town.load()
	load_organ()
	load_liaison()
	load_deputy_work()
	implementation.load()
	assessment.load()
	dates.load()  # last: every story's records dated when they happened
	frappe.set_user("Administrator")
	frappe.db.commit()  # nosemgrep
	return town.summary()


def load_organ() -> dict | None:
	"""The standing-committee organ's party organisation and its year 2025; nothing when it is
	loaded already."""
	if organ.exists():
		return None
	return organ.load()


def load_liaison() -> dict | None:
	"""The organ's pairing with the city's deputy groups (needs the organ); nothing when loaded."""
	if liaison.exists():
		return None
	return liaison.load()


def load_deputy_work() -> dict | None:
	"""The city congress's deputy work "2121" (needs the liaison story); nothing when loaded."""
	if deputy_work.exists():
		return None
	return deputy_work.load()
