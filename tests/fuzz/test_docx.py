"""Fuzz suite of the .docx reader: damaged archives, damaged document parts in a whole
archive, random bytes, and the named hostile files (zip bomb, entities, nesting)."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzz import strategies, suite


def _damaged(seed: bytes) -> st.SearchStrategy[bytes]:
    return (
        strategies.member_mutations(seed, "word/document.xml")
        | strategies.byte_mutations(seed)
        | strategies.any_bytes()
    )


test_damaged = suite.mutated("docx", _damaged)
test_hostile = suite.hostile("docx")
