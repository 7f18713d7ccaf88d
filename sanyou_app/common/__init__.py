"""What every module's Frappe-facing code shares: error messages, error workbooks, permission guards.

Modules (Livelihood Projects, Voting, Party Building, …) import from here and from `core`, never
from each other's internals."""

from pathlib import Path

# The app's modules (modules.txt): the doctypes of these are the app's records. A file of the app,
# read once, the same on every site.
MODULES = frozenset(
	line.strip()
	for line in (Path(__file__).parent.parent / "modules.txt").read_text(encoding="utf-8").splitlines()
	if line.strip()
)
