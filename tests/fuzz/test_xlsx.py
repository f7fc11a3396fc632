"""Fuzz suite of the XLSX dataset reader: damaged archives, damaged sheets in a whole
archive, random bytes, and the named hostile files."""

from __future__ import annotations

import functools

from tests.fuzz import strategies, suite

test_damaged = suite.mutated(
    "xlsx", functools.partial(strategies.archive_mutations, member="xl/worksheets/sheet1.xml")
)
test_hostile = suite.hostile("xlsx")
