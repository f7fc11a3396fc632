"""The direct build of plain cell tables gives what the general (cattrs) structuring gives."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model import canonical
from gik_rules.model.canonical import CanonicalFormError, from_dict

_numbers = st.one_of(
    st.none(),
    st.integers(-5, 5),
    st.booleans(),
    st.text(max_size=2),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
)
_spans = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "line": _numbers,
            "column": _numbers,
            "page": _numbers,
            "ref": st.one_of(st.none(), st.text(max_size=2), st.integers()),
        },
    ),
)
_cells = st.fixed_dictionaries(
    {},
    optional={
        "raw": st.one_of(st.text(max_size=3), st.none(), st.integers(), st.just("1")),
        "value": _numbers,
        "state": st.sampled_from(["value", "zero", "blank", "placeholder", "invalid", "x", 3]),
        "unit": st.one_of(st.none(), st.just("元"), st.integers()),
        "span": _spans,
        "provenance": st.sampled_from(["read", "decoded", "unread", "y", None]),
        "extra": st.just(1),
    },
)


def _general(value: dict[str, Any]) -> Any:
    # cattrs alone: neither a plain cell nor one found by its values (``_plain_cells``)
    saved = canonical._plain_cell, canonical._plain_report
    canonical._plain_cell = lambda _: None  # type: ignore[assignment]
    canonical._plain_report = lambda _: None  # type: ignore[assignment]
    try:
        return ("report", from_dict({"schema_version": 1, "cells": {"c": value}}))
    except CanonicalFormError as exc:
        return ("error", str(exc))
    finally:
        canonical._plain_cell, canonical._plain_report = saved  # type: ignore[assignment]


@settings(max_examples=400, deadline=None)
@given(_cells)
def test_a_cell_table_reads_the_same_either_way(value: dict[str, Any]) -> None:
    try:
        fast = ("report", from_dict({"schema_version": 1, "cells": {"c": value}}))
    except CanonicalFormError as exc:
        fast = ("error", str(exc))
    assert fast == _general(value)


def test_a_spanned_cell_takes_the_direct_way() -> None:
    cell = {"raw": "3", "value": 3, "state": "value", "span": {"line": 4, "column": 2}}
    built = canonical._plain_cell(cell)
    assert built is not None and built.span is not None and built.span.line == 4
    assert canonical._plain_cell({**cell, "value": True}) is None  # a bool is not a count
