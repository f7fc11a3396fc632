"""Fuzz suite of the .docx reader: damaged archives, damaged document parts in a whole
archive, random bytes, and the named hostile files (zip bomb, entities, nesting)."""

from __future__ import annotations

import functools

from tests.fuzz import strategies, suite

test_damaged = suite.mutated(
    "docx", functools.partial(strategies.archive_mutations, member="word/document.xml")
)
test_hostile = suite.hostile("docx")
