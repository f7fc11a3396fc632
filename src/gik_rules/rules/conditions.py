"""The ``quiet_unless`` conditions a report's cells meet (``rules.rule.CELL_CONDITIONS``).

A rule that declares ``quiet_unless`` says its check finds nothing, and does not skip
itself, on a report that meets none of them. This is the per-report statement of the
conditions, the one a rule's contract is tested against; ``engine.columnar`` tells the
same of a dataset's rows column by column.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from gik_rules.forms.variant import FormVariant, ValueKind
from gik_rules.model import AnnualReport, CellState

_UNFILLED = (CellState.BLANK, CellState.PLACEHOLDER)
_FIGURES = (CellState.VALUE, CellState.ZERO)


def cell_conditions(report: AnnualReport, variants: Mapping[str, FormVariant]) -> frozenset[str]:
    """The conditions of ``CELL_CONDITIONS`` that ``report``'s cells meet: ``blank`` and
    ``invalid`` by a cell's state, ``negative`` and ``fraction`` by its value (a value
    that is no ``int`` and not whole), ``no-figure`` when no cell's state is a value or
    zero, ``foreign`` by its id against the report's variant (met when that is not
    known)."""
    met: set[str] = set()
    own = variants.get(report.meta.variant or "")
    if own is None:
        met.add("foreign")
    figure = False
    for cid, cell in report.cells.items():
        if own is not None and cid not in own.cells:
            met.add("foreign")
        if cell.state in _UNFILLED:
            met.add("blank")
        elif cell.state is CellState.INVALID:
            met.add("invalid")
        elif cell.state in _FIGURES:
            figure = True
        value = cell.value
        if value is None:
            continue
        if isinstance(value, Decimal) and not value.is_finite():
            met.update(("negative", "fraction"))  # NaN and infinity compare with nothing
            continue
        if value < 0:
            met.add("negative")
        spec = own.cells.get(cid) if own is not None else None
        amount = spec is not None and spec.kind is ValueKind.AMOUNT
        if isinstance(value, Decimal) and not amount and value != value.to_integral_value():
            met.add("fraction")
    if not figure:
        met.add("no-figure")
    return frozenset(met)
