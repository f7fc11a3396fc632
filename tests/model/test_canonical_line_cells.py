"""A ``cells`` table read whole, its figures on a line found by their four values
(``model.canonical._line_keys``), gives what the general (cattrs) structuring gives: the
same cells, or the same error, whatever the tables met before left in the cache."""

from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gik_rules.model import canonical
from gik_rules.model.canonical import CanonicalFormError, from_dict

#: raw, value and state of figures as written
_FIGURES = [("1", 1, "value"), ("0", 0, "zero"), ("1.50", "1.50", "value"), ("", None, "blank")]
#: a field made what equals an int or a str without being one, or what no key holds
_CHANGES = st.one_of(
    st.none(),
    st.tuples(st.just("value"), st.sampled_from([True, False, 1.0, 0.0, [1], "1.5", "x"])),
    st.tuples(st.just("raw"), st.sampled_from([1, None, ["1"]])),
    st.tuples(st.just("state"), st.sampled_from([1, True, ["value"], "invalid"])),
    st.tuples(st.just("line"), st.sampled_from([True, 1.0, "1", None, [1]])),
    st.tuples(st.just("span"), st.sampled_from([{"line": 1, "column": 2}, "x", [1], None, {}])),
    st.tuples(st.just("unit"), st.just("元")),  # a fifth key
)


def _line_table(figure: tuple[Any, Any, str], line: int, change: Any) -> Any:
    raw, value, state = figure
    table: dict[str, Any] = {"raw": raw, "value": value, "state": state, "span": {"line": line}}
    if change is not None:
        key, changed = change
        if key == "line":
            table["span"] = {"line": changed}
        else:
            table[key] = changed
    return table


_line_cells = st.builds(_line_table, st.sampled_from(_FIGURES), st.integers(1, 2), _CHANGES)
_tables = st.one_of(
    _line_cells,
    _line_cells,
    _line_cells.map(lambda t: {k: v for k, v in t.items() if k != "state"} | {"unit": "元"}),
    st.sampled_from([3, "", "/", None, [1, 2, 3, 4], "abcd"]),
)
_documents = st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), _tables, max_size=5)


def _read(cells: dict[str, Any]) -> tuple[str, Any]:
    try:
        return ("report", from_dict({"schema_version": 1, "cells": cells}))
    except CanonicalFormError as exc:
        return ("error", str(exc))


def _general(cells: dict[str, Any]) -> tuple[str, Any]:
    saved = canonical._plain_cell, canonical._plain_report
    canonical._plain_cell = lambda _: None  # type: ignore[assignment]
    canonical._plain_report = lambda _: None  # type: ignore[assignment]
    try:
        return _read(cells)
    finally:
        canonical._plain_cell, canonical._plain_report = saved


def _twin(table: Any) -> Any:
    """The table with a bool or float value made the int it equals, and a span with a
    line made of that line alone: read first, it leaves in the cache a cell the table
    itself must not find."""
    if type(table) is not dict:
        return table
    out = dict(table)
    if type(out.get("value")) in (bool, float):
        out["value"] = int(out["value"])
    span = out.get("span")
    if type(span) is dict and type(span.get("line")) in (int, bool, float):
        out["span"] = {"line": int(span["line"])}
    return out


def _figure(**changed: Any) -> dict[str, Any]:
    return {"raw": "1", "value": 1, "state": "value", "span": {"line": 1}, **changed}


@settings(max_examples=300, deadline=None)
@given(_documents)
@example({"a": _figure(), "b": _figure(value=True)})  # equal to 1: found, were it not for its type
@example({"a": _figure(value=1.0)})
@example({"a": _figure(span={"line": 1, "column": 2})})  # its line's cell has no column
@example({"a": _figure(span={"line": True})})  # read as line 1 either way
@example({"a": _figure(raw=["1"])})  # no key
@example({"a": _figure(unit="元")})  # five keys
@example({"a": _figure(), "b": {k: v for k, v in _figure(unit="元").items() if k != "state"}})
def test_a_cells_table_reads_the_same_as_the_general_way(cells: dict[str, Any]) -> None:
    _read({cid: _twin(table) for cid, table in cells.items()})  # the cache filled
    assert _read(cells) == _general(cells)
    assert _read(cells) == _general(cells)  # read again: found by their values


def test_a_plain_table_is_found_whole() -> None:
    cells = {
        "a": {"raw": "1", "value": 1, "state": "value", "span": {"line": 3}},
        "b": {"raw": "1.50", "value": "1.50", "state": "value", "span": {"line": 4}},
    }
    _read(cells)
    keys = canonical._line_keys(cells)
    assert keys is not None
    assert all(map(canonical._LINE_CELLS.get, keys))  # the decimal's too, by its text
    assert str(_read(cells)[1].cells["b"].value) == "1.50"
