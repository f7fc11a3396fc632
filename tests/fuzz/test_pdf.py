"""Fuzz suite of the PDF reader (PDFium and the pdfplumber fallback): damaged and cut-off
files, random bytes, and the named hostile files (a stream bomb)."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.fuzz import strategies, suite


def _damaged(seed: bytes) -> st.SearchStrategy[bytes]:
    return strategies.byte_mutations(seed) | strategies.any_bytes()


test_damaged = suite.mutated("pdf", _damaged)
test_hostile = suite.hostile("pdf")
