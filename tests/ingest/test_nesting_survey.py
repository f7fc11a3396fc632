"""The survey that spares most texts the token-by-token nesting check: whatever it
passes, the check passes too, and it passes the reports gik-rules writes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.ingest.limits import LimitExceeded
from gik_rules.ingest.nesting import _scan, _within
from gik_rules.model import AnnualReport
from gik_rules.model.canonical import to_json, to_toml
from gik_rules.testing import consistent_reports

# what the tokens are made of: brackets, quotes, escapes, comments, digits, line breaks
_PIECES = st.sampled_from(
    ['"', "'", '"""', "'''", "\\", "#", "\n", "[", "]", "{", "}", "1", "12", "_", "a", " ", "，"]
)


def _passes(text: str, depth: int, digits: int) -> bool:
    try:
        _scan(text, depth, digits)
    except LimitExceeded:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join), st.integers(0, 4), st.integers(0, 3))
def test_what_the_survey_passes_the_scan_passes(text: str, depth: int, digits: int) -> None:
    if _within(text, depth, digits):
        assert _passes(text, depth, digits)


@settings(max_examples=20, deadline=None)
@given(consistent_reports())
def test_a_report_in_the_canonical_forms_is_passed_by_the_survey(report: AnnualReport) -> None:
    for text in (to_json(report), to_toml(report)):
        assert _passes(text, 200, 30) and _within(text, 200, 30)


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        ("[[[]]]", True),  # depth 3
        ("[[[[]]]]", False),  # depth 4
        ('["[[[[", "]]]]]"]', True),  # brackets in strings do not count
        ("]]][[[", True),  # closes first: the depth never passes 0 before the opens
        ("[]" * 50 + "[[", True),
        ("# [[[[\n[]", True),
        ("x = 1234", False),  # four digits
        ('x = "12345"', True),
    ],
)
def test_the_survey_on_examples(text: str, passed: bool) -> None:
    assert _within(text, 3, 3) is passed
    assert _passes(text, 3, 3) or not passed
