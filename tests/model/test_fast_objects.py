"""Cells and spans a reader makes with their slots filled straight (``read_cell``,
``line_column``) are the objects attrs' ``__init__`` makes: equal, hashed, printed and
pickled alike, every field set."""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model.cell import Cell, CellState, read_cell
from gik_rules.model.span import SourceSpan, line_column

_VALUES = st.one_of(
    st.none(),
    st.integers(-(10**12), 10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
)


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    assert attrs.asdict(a) == attrs.asdict(b)  # type: ignore[arg-type]
    assert a == b
    assert hash(a) == hash(b)
    assert repr(a) == repr(b)
    assert pickle.loads(pickle.dumps(a)) == b


@settings(max_examples=50)
@given(st.integers(1, 10**6), st.integers(1, 10**4))
def test_line_column_is_a_source_span(line: int, column: int) -> None:
    _same(line_column(line, column), SourceSpan(line, column))


@settings(max_examples=50)
@given(
    st.text(max_size=12),
    _VALUES,
    st.sampled_from(CellState),
    st.one_of(st.none(), st.sampled_from(["元", "万元", "件"])),
    st.one_of(st.none(), st.builds(SourceSpan, st.integers(1, 999), st.integers(1, 99))),
)
def test_read_cell_is_a_cell(
    raw: str,
    value: int | Decimal | None,
    state: CellState,
    unit: str | None,
    span: SourceSpan | None,
) -> None:
    _same(read_cell(raw, value, state, unit, span), Cell(raw, value, state, unit, span))
