"""invalid-number looks one by one only at the cells that may be at fault, picked from
the report's cell survey: the cells it picks are those a look at every cell picks."""

from __future__ import annotations

from decimal import Decimal

import attrs
from gik_rules_national.rules.tables import _suspect, _suspects
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell, CellState, Provenance
from gik_rules.rules.cell_survey import cell_survey
from gik_rules.testing import cells, consistent_reports

VARIANTS = sorted(default_host().variants)
_ODD = st.one_of(
    cells(),
    st.integers(-5, 5).map(Cell.of),
    st.sampled_from(["0.5", "-1.5", "2.0", "-3", "1E+2"]).map(lambda v: Cell.of(Decimal(v))),
    st.just(Cell(raw="5", value=5, state=CellState.INVALID)),
    st.just(Cell(raw="-2", value=-2, state=CellState.VALUE, provenance=Provenance.UNREAD)),
)


def _changed(
    report: AnnualReport, data: st.DataObject, odd: st.SearchStrategy[Cell]
) -> AnnualReport:
    """``report`` with up to four of its cells made ``odd`` ones."""
    changed = dict(report.cells)
    for cid in data.draw(st.lists(st.sampled_from(sorted(changed)), max_size=4)):
        changed[cid] = data.draw(odd)
    return attrs.evolve(report, cells=changed)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(VARIANTS).flatmap(consistent_reports), st.data())
def test_the_suspects_are_those_a_look_at_every_cell_picks(
    report: AnnualReport, data: st.DataObject
) -> None:
    report = _changed(report, data, _ODD)
    every = [cid for cid, cell in report.cells.items() if _suspect(cell)]
    assert _suspects(report, cell_survey(report)) == every


#: the odd cells, and blank and placeholder cells alone or together
_UNFILLED = st.one_of(_ODD, st.just(Cell()), st.just(Cell(raw="—", state=CellState.PLACEHOLDER)))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(VARIANTS).flatmap(consistent_reports), st.data())
def test_the_survey_counts_what_a_look_at_every_cell_counts(
    report: AnnualReport, data: st.DataObject
) -> None:
    report = _changed(report, data, _UNFILLED)
    states = [cell.state for cell in report.cells.values()]
    survey = cell_survey(report)
    assert survey.unfilled == sum(s in (CellState.BLANK, CellState.PLACEHOLDER) for s in states)
    assert survey.invalid == (CellState.INVALID in states)
