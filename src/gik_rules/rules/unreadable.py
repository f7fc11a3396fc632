"""The findings that say a file could not be read or checked: the core's own parse and
engine rules of the ``unreadable`` group. No selection leaves them out, no baseline
hides them, and a run that gives one exits 2 (like a linter's syntax errors)."""

from __future__ import annotations

#: the group no selection leaves out (``gik_rules/builtin/rules/parse.toml``)
GROUP = "unreadable"
#: its rules' codes, kept here so that what decides an exit code imports no rule data
CODES = frozenset({"P001", "P008", "P014", "X002"})
