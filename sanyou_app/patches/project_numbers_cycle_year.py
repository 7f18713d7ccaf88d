"""Livelihood projects numbered by their cycle's year, as proposals and votes are: a project of the
2020 cycle is ZSXM-2020-0000n whenever it was typed in (it was ZSXM-<year typed in>-n)."""

from sanyou_app.patches.names_people_use import rename_to_cycle_year, use_cycle_year_series

SERIES = (("Livelihood Project", "ZSXM"),)


def execute():
	use_cycle_year_series(SERIES)
	for doctype, prefix in SERIES:
		rename_to_cycle_year(doctype, prefix)
