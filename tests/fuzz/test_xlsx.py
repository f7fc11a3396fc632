"""Fuzz suite of the XLSX dataset reader: damaged archives, damaged sheets in a whole
archive, random bytes, and the named hostile files."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzz import strategies, suite


def _damaged(seed: bytes) -> st.SearchStrategy[bytes]:
    return (
        strategies.member_mutations(seed, "xl/worksheets/sheet1.xml")
        | strategies.byte_mutations(seed)
        | strategies.any_bytes()
    )


test_damaged = suite.mutated("xlsx", _damaged)
test_hostile = suite.hostile("xlsx")
