"""What every module's Frappe-facing code shares: error messages, error workbooks, permission guards.

Modules (Livelihood Projects, Voting, Party Building, …) import from here and from `core`, never
from each other's internals."""
