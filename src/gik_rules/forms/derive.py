"""Figures a table leaves blank but its identities give: a blank 总计 whose row's other
columns are filled is their sum, as the variant's identity says it must be.

Used where a figure is read for a purpose other than checking the table (the narrative,
the indicators): the identities rules still report the blank cell itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from gik_rules.forms.evaluate import sum_cells
from gik_rules.forms.variant import FormVariant
from gik_rules.model import Cell, CellState, Number

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


def _blank(cells: Mapping[str, Cell], cell_id: str) -> bool:
    cell = cells.get(cell_id)
    return cell is None or (cell.value is None and cell.state is not CellState.INVALID)


def expand_blank(
    cells: Mapping[str, Cell], ids: Iterable[str], variant: FormVariant | None
) -> tuple[str, ...]:
    """``ids`` with each blank cell that an identity makes the sum of others (which hold
    a figure) replaced by those others."""
    sums = _sums(variant) if variant is not None else {}
    out: list[str] = []
    for cid in ids:
        parts = sums.get(cid) if _blank(cells, cid) else None
        if parts and sum_cells(cells, parts) is not None:
            out.extend(parts)
        else:
            out.append(cid)
    return tuple(out)


def derived_sum(
    cells: Mapping[str, Cell], ids: Iterable[str], variant: FormVariant | None
) -> tuple[Number | None, tuple[str, ...]]:
    """The sum of ``ids`` with blank cells derived (``expand_blank``), and the cells it
    was taken from; None when no cell holds a figure or one is invalid."""
    used = expand_blank(cells, ids, variant)
    return sum_cells(cells, used), used
