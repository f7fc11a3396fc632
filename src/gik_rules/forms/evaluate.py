"""Evaluating an identity on one report. Pure and declarative: the same identity can be
evaluated report by report or, later, column-wise over a whole dataset."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from gik_rules.forms.variant import BlankPolicy, Identity
from gik_rules.model.cell import Cell, CellState, Number

_BLANK = Cell()


@attrs.frozen(slots=True)
class IdentityResult:
    identity: Identity
    lhs: Number
    rhs: Number
    blanks: tuple[str, ...]  # cells counted as zero because they were blank or placeholders
    skipped: bool = False  # not evaluated (an invalid cell, or blanks under BlankPolicy.SKIP)

    @property
    def holds(self) -> bool:
        return self.skipped or self.lhs == self.rhs


def evaluate(identity: Identity, cells: Mapping[str, Cell]) -> IdentityResult:
    blanks: list[str] = []
    sums: list[Number] = []
    skipped = False
    for side in (identity.lhs, identity.rhs):
        total: Number = 0
        for cid in side:
            cell = cells.get(cid, _BLANK)
            if cell.state is CellState.INVALID:
                skipped = True
            elif cell.value is None:
                blanks.append(cid)
            else:
                total += cell.value
        sums.append(total)
    if blanks and identity.blank is BlankPolicy.SKIP:
        skipped = True
    return IdentityResult(identity, sums[0], sums[1], tuple(blanks), skipped)


def sum_cells(cells: Mapping[str, Cell], ids: Iterable[str]) -> Number | None:
    """The sum of the cells ``ids`` as an identity counts it, a blank, placeholder or
    missing cell as 0; None when one is invalid (an identity on it is skipped) or none
    holds a number (there is no figure to compare)."""
    total: Number = 0
    known = False
    for cid in ids:
        cell = cells.get(cid, _BLANK)
        if cell.state is CellState.INVALID:
            return None
        if cell.value is not None:
            total += cell.value
            known = True
    return total if known else None
