"""Fuzz suite of the reader of Markdown, read by the text reader: damaged text and bytes, the named hostile files."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzz import strategies, suite


def _damaged(seed: bytes) -> st.SearchStrategy[bytes]:
    return strategies.text_mutations(seed) | strategies.byte_mutations(seed)


test_damaged = suite.mutated("md", _damaged)
test_hostile = suite.hostile("md")
