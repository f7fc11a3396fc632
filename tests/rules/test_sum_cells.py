"""sum_cells: the sum of cells as an identity counts it, for rules that compare figures."""

from __future__ import annotations

from decimal import Decimal

from gik_rules.forms.evaluate import sum_cells
from gik_rules.model import Cell, CellState

CELLS = {
    "a": Cell.of(3),
    "b": Cell.of(Decimal("1.5")),
    "zero": Cell.of(0),
    "blank": Cell.of(None),
    "placeholder": Cell("-", None, CellState.PLACEHOLDER),
    "bad": Cell("约五", None, CellState.INVALID),
}


def test_blank_placeholder_and_missing_cells_count_zero() -> None:
    assert sum_cells(CELLS, ["a", "b", "blank", "placeholder", "missing"]) == Decimal("4.5")
    assert sum_cells(CELLS, ["zero", "blank"]) == 0


def test_nothing_to_compare_is_none() -> None:
    assert sum_cells(CELLS, ["a", "bad"]) is None  # an invalid cell
    assert sum_cells(CELLS, ["blank", "placeholder", "missing"]) is None  # no number
    assert sum_cells(CELLS, []) is None
