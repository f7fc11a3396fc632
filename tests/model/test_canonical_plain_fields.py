"""The fields of a meta, section or table table taken as they are where each is a text or
a count (``model.canonical._plain_fields``, told in C) are what ``_plain_field`` makes of
each: the same values, or None where one is not plain."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gik_rules.model import canonical

_KEYS = sorted(canonical._META_KEYS | canonical._SECTION_KEYS | canonical._TABLE_KEYS)
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 3),
    st.floats(allow_nan=False, max_value=3),
    st.text(max_size=3),
    st.sampled_from(["department", "2022-01-31", "V2021", "1"]),
    st.lists(st.integers(0, 3), max_size=2),
    st.just({"line": 3}),
    st.just(dt.date(2022, 1, 31)),
)


def _field_by_field(value: dict[str, Any]) -> dict[str, Any] | None:
    out = {key: canonical._plain_field(key, v) for key, v in value.items()}
    return None if canonical._NOT_PLAIN in out.values() else out


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from([canonical._META_KEYS, canonical._SECTION_KEYS, canonical._TABLE_KEYS]),
    st.dictionaries(st.sampled_from(_KEYS), _VALUES, max_size=5),
)
@example(canonical._SECTION_KEYS, {"number": "1", "title": "x"})  # a count of a str
@example(canonical._SECTION_KEYS, {"number": True, "title": "x"})  # a bool is no count
@example(canonical._META_KEYS, {"organ": "x", "level": "department"})  # an enum's value
@example(canonical._META_KEYS, {"organ": "x", "variant": None})
@example(canonical._SECTION_KEYS, {"number": 1, "title": "x", "line_map": [1, 2]})
def test_fields_taken_as_they_are_are_those_made_one_by_one(
    keys: frozenset[str], value: dict[str, Any]
) -> None:
    expected = _field_by_field(value) if keys.issuperset(value) else None
    assert canonical._plain_fields(value, keys) == expected
