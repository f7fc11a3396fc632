"""Figures a table leaves blank but its identities give: a blank 总计 whose row's other
columns are filled is their sum, as the variant's identity says it must be.

Used where a figure is read for a purpose other than checking the table (the narrative,
the indicators): the identities rules still report the blank cell itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from gik_rules.forms.variant import FormVariant
from gik_rules.model import CellState, Number


class CellFigure(Protocol):
    """What a sum reads of a cell (a ``Cell`` has it, and so does a dataset row's
    figure: ``ingest.dataset.Figure``)."""

    @property
    def value(self) -> Number | None: ...

    @property
    def state(self) -> CellState: ...


_SUMS: dict[int, tuple[FormVariant, dict[str, tuple[str, ...]]]] = {}


def _sums(variant: FormVariant) -> dict[str, tuple[str, ...]]:
    """Each cell that is alone on the left of an identity, with its first identity's
    right-hand cells (kept for the variant object's lifetime)."""
    held = _SUMS.get(id(variant))
    if held is None or held[0] is not variant:
        sums: dict[str, tuple[str, ...]] = {}
        for identity in variant.identities:
            if len(identity.lhs) == 1:
                sums.setdefault(identity.lhs[0], identity.rhs)
        held = _SUMS[id(variant)] = (variant, sums)
    return held[1]


def _figures(cells: Mapping[str, CellFigure], ids: Iterable[str]) -> tuple[Number, bool, bool]:
    """``(sum, any figure, any invalid)`` of ``ids``, each cell looked up once (a
    dataset row's cells are built when first looked at)."""
    total: Number = 0
    known = invalid = False
    for cid in ids:
        cell = cells.get(cid)
        if cell is None:
            continue
        if cell.value is not None:
            total += cell.value
            known = True
        elif cell.state is CellState.INVALID:
            invalid = True
    return total, known, invalid


def figures_of(cells: Mapping[str, CellFigure]) -> Mapping[str, CellFigure]:
    """``cells`` read through their figures where the mapping gives them without
    making cells (a dataset row's: ``ingest.dataset_chunks.RowCells.figures``)."""
    figures = getattr(cells, "figures", None)
    return cells if figures is None else figures()


def derived_sum(
    cells: Mapping[str, CellFigure], ids: Iterable[str], variant: FormVariant | None
) -> tuple[Number | None, tuple[str, ...]]:
    """The sum of ``ids`` as an identity counts it (``forms.evaluate.sum_cells``: blanks
    as 0; None when one is invalid or none holds a figure), with each blank cell that an
    identity makes the sum of others that hold figures taken as their sum; and the cells
    the sum was taken from. ``cells`` that give their figures without making cells
    (a dataset row's: ``figures()``) are read through those."""
    return figures_sum(figures_of(cells), ids, identity_sums(variant))


def identity_sums(variant: FormVariant | None) -> Mapping[str, tuple[str, ...]]:
    """Each cell that is alone on the left of one of the variant's identities, with its
    first identity's right-hand cells (``figures_sum``)."""
    return _sums(variant) if variant is not None else {}


def figures_sum(
    cells: Mapping[str, CellFigure], ids: Iterable[str], sums: Mapping[str, tuple[str, ...]]
) -> tuple[Number | None, tuple[str, ...]]:
    """``derived_sum`` of ``cells`` as they are (``figures_of`` them first) with the
    variant's ``identity_sums``: for a reader of many sums of one report."""
    total: Number = 0
    known = False
    used: list[str] = []
    for cid in ids:
        cell = cells.get(cid)
        if cell is not None and cell.value is not None:
            total += cell.value
            known = True
            used.append(cid)
            continue
        if cell is not None and cell.state is CellState.INVALID:
            return None, (*used, cid)
        parts = sums.get(cid)
        if parts:
            part_sum, part_known, part_invalid = _figures(cells, parts)
            if part_known and not part_invalid:
                total += part_sum
                known = True
                used.extend(parts)
                continue
        used.append(cid)
    return (total if known else None), tuple(used)
