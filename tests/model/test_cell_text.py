"""Reading cell text as real reports write it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.model import CellState
from gik_rules.model.cell_text import parse_cell_text

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    ("raw", "value", "state", "unit"),
    [
        ("\u3000\u30000", 0, CellState.ZERO, None),
        (" 0\xa0", 0, CellState.ZERO, None),
        ("", None, CellState.BLANK, None),
        ("\xa0", None, CellState.BLANK, None),
        ("１２", 12, CellState.VALUE, None),
        ("1,234", 1234, CellState.VALUE, None),
        ("１，２３４", 1234, CellState.VALUE, None),
        ("+3", 3, CellState.VALUE, None),
        ("－2", -2, CellState.VALUE, None),
        ("-2", -2, CellState.VALUE, None),
        ("251000元", 251000, CellState.VALUE, "元"),
        ("12.5万元", Decimal("12.5"), CellState.VALUE, "万元"),
        ("/", None, CellState.PLACEHOLDER, None),
        ("—", None, CellState.PLACEHOLDER, None),
        ("不适用", None, CellState.PLACEHOLDER, None),
        ("若干", None, CellState.INVALID, None),
        ("2.5", Decimal("2.5"), CellState.VALUE, None),
    ],
)
def test_real_world_cell_text(raw: str, value: object, state: CellState, unit: str | None) -> None:
    cell = parse_cell_text(raw)
    assert (cell.value, cell.state, cell.unit, cell.raw) == (value, state, unit, raw)


@given(st.integers(-(10**12), 10**12), st.booleans(), st.sampled_from(["", " ", "\u3000", "\xa0"]))
def test_any_integer_reads_back_in_any_width(n: int, full: bool, pad: str) -> None:
    text = f"{n:+d}" if n else "0"
    if full:
        text = text.translate(FULL_WIDTH)
    cell = parse_cell_text(pad + text + pad)
    assert cell.value == n
    assert cell.state is (CellState.ZERO if n == 0 else CellState.VALUE)


@given(st.text(max_size=20))
def test_never_raises_and_keeps_the_raw_text(raw: str) -> None:
    cell = parse_cell_text(raw)
    assert cell.raw == raw
    assert (cell.value is not None) == (cell.state in (CellState.VALUE, CellState.ZERO))
