"""What the table rules read of every cell of a report, read once for it.

Most reports have no cell that a table rule finds fault with (blank, invalid, negative,
not whole), and that is told from each cell's state, value and value's type. Each is
one pass over the report's cells (a comprehension: the interpreter's specialised slot
access, some twice as fast as ``map(attrgetter)``), made once per report (``per_report``)
for the rules that ask (blank-cell, invalid-number) instead of once by each of them.
identity-mismatch reads its identities' cells alone (``forms.identity_set``): a report
checked for its identities only takes no survey of every cell."""

from __future__ import annotations

import attrs

from gik_rules.model import AnnualReport, CellState
from gik_rules.model.cell import Number
from gik_rules.rules.memo import per_report

_BLANK, _PLACEHOLDER, _INVALID = CellState.BLANK, CellState.PLACEHOLDER, CellState.INVALID


@attrs.frozen(slots=True)
class CellSurvey:
    """The ``states``, ``values`` and value ``types`` of a report's cells, in the order of
    ``report.cells``; ``kinds``: the types met; ``invalid``: whether a cell is INVALID;
    ``unfilled``: how many are BLANK or PLACEHOLDER."""

    states: list[CellState]
    values: list[Number | None]
    types: list[type]
    kinds: frozenset[type]
    invalid: bool
    unfilled: int


@per_report
def cell_survey(report: AnnualReport) -> CellSurvey:
    """The survey of ``report``'s cells."""
    cells = report.cells.values()
    # comprehensions, not ``map(attrgetter)``: the interpreter's attribute access on a
    # slotted class is specialised, some twice as fast as attrgetter's look-up by name
    states = [c.state for c in cells]
    values = [c.value for c in cells]
    types = list(map(type, values))
    # the states met first (hashed by identity, in C): most reports hold no blank,
    # placeholder or invalid cell, and then nothing is counted
    met = set(states)
    unfilled = 0
    if _BLANK in met or _PLACEHOLDER in met:
        unfilled = states.count(_BLANK) + states.count(_PLACEHOLDER)
    return CellSurvey(states, values, types, frozenset(types), _INVALID in met, unfilled)
