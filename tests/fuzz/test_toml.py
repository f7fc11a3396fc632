"""Fuzz suite of the reader of Canonical TOML: damaged text and bytes, the named hostile files."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzz import strategies, suite


def _damaged(seed: bytes) -> st.SearchStrategy[bytes]:
    return strategies.text_mutations(seed) | strategies.byte_mutations(seed)


test_damaged = suite.mutated("toml", _damaged)
test_hostile = suite.hostile("toml")
