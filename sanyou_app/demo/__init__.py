"""The demo: one file per story, loaded in order by `bench --site SITE sanyou-demo`.

- town: 濉溪县刘桥镇, its 18th congress and the 2020 and 2021 livelihood-project cycles and votes;
- organ: a municipal congress standing-committee organ's party organisation and its year 2025;
- assessment: the organ's 2025 两争 assessment, titles and rectification items.
"""

import frappe

from sanyou_app.demo import assessment, organ, town
from sanyou_app.demo.town import CANDIDATES_2020, CANDIDATES_2021, TOWN  # noqa: F401


def load(force: bool = False) -> dict:
	"""Load the demo once. Returns the numbers it produced."""
	if frappe.db.exists("Town Congress", {"town": TOWN}) and not force:
		frappe.throw("演示数据已加载")
	town.load()
	load_organ()
	assessment.load()
	frappe.set_user("Administrator")
	frappe.db.commit()  # nosemgrep
	return town.summary()


def load_organ() -> dict | None:
	"""The standing-committee organ's party organisation and its year 2025; nothing when it is
	loaded already."""
	if organ.exists():
		return None
	return organ.load()
