"""The survey that spares most texts the token-by-token nesting check, and the JSON
parse that does: whatever they pass, the check passes too, and they pass the reports
gik-rules writes."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.ingest.limits import LimitExceeded, Limits, using
from gik_rules.ingest.nesting import _parsed_within, _scan, _within, loads_json_within
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


def _json(numbers: st.SearchStrategy[object], size: int, leaves: int) -> st.SearchStrategy[object]:
    """JSON values whose strings hold what the tokens are made of, escapes included."""
    return st.recursive(
        st.none() | st.booleans() | numbers | st.lists(_PIECES, max_size=8).map("".join),
        lambda inner: (
            st.lists(inner, max_size=size)
            | st.dictionaries(st.lists(_PIECES, max_size=3).map("".join), inner, max_size=size)
        ),
        max_leaves=leaves,
    )


_JSON = _json(
    st.integers(-(10**6), 10**6) | st.floats(allow_nan=False, allow_infinity=False), 4, 12
)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.booleans(), st.sampled_from([None, 1]), st.integers(1, 5), st.integers(1, 7))
def test_what_the_json_parse_passes_the_scan_passes(
    value: object, ascii_only: bool, indent: int | None, depth: int, digits: int
) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only, indent=indent)
    with using(Limits(depth=depth, digits=digits)):
        doc = loads_json_within(text)
    if doc is not None:
        assert doc == json.loads(text)
        assert _passes(text, depth, digits)


@settings(max_examples=20, deadline=None)
@given(consistent_reports())
def test_a_report_in_json_is_parsed_by_the_survey(report: AnnualReport) -> None:
    text = to_json(report)
    assert loads_json_within(text) == json.loads(text)


@pytest.mark.parametrize(
    ("text", "passed"),
    [
        ('{"a": [[1]]}', True),  # depth 3
        ('{"a": [[[1]]]}', False),  # depth 4
        ('["[[[[", "]]]]]", "\\\\", "\\"[["]', True),  # brackets in strings do not count
        ("[1234]", False),  # four digits
        ('["12345", 1.5e12]', True),  # no run of four digits outside a string
        ("[1, 2", False),  # not JSON
    ],
)
def test_the_json_parse_on_examples(text: str, passed: bool) -> None:
    with using(Limits(depth=3, digits=3)):
        assert (loads_json_within(text) is not None) is passed


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


# JSON values of every kind but floats, ints of up to nine digits, nested deeper
_WHOLE_JSON = _json(st.integers(-(10**9), 10**9), 3, 16)


@settings(max_examples=300, deadline=None)
@given(_WHOLE_JSON, st.sampled_from([None, 1]), st.integers(0, 6), st.integers(0, 9))
def test_the_parsed_values_are_within_where_the_scan_passes(
    value: object, indent: int | None, depth: int, digits: int
) -> None:
    """Without a float, what the values say is what the token-by-token scan says."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    assert _parsed_within(json.loads(text), depth, digits) is _passes(text, depth, digits)
