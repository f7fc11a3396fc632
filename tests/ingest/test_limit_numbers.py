"""The numbers of a report are told within the digits limit in passes over all its cells
where they are whole numbers and decimals: it tells what each cell's own count of digits
tells, and passes nothing that count would not."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from gik_rules.ingest.limit_checks import _short_numbers, digits_of
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.testing import cells

_NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6).map(Cell.of),
    st.sampled_from([9, 10, 99, 100, -1000, 10**5]).map(Cell.of),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(Cell.of),
    st.sampled_from(["1E+5", "0.001", "-12.5"]).map(lambda v: Cell.of(Decimal(v))),
)


def _report(found: list[Cell]) -> AnnualReport:
    return AnnualReport(cells={f"t.r{i}.c": cell for i, cell in enumerate(found)})


@settings(max_examples=200, deadline=None)
@given(st.lists(_NUMBERS, max_size=6), st.integers(1, 5))
def test_numbers_are_within_where_each_cell_is(found: list[Cell], digits: int) -> None:
    within = all(digits_of(cell) <= digits for cell in found)
    assert _short_numbers(_report(found), digits) is within


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_NUMBERS, cells(), st.just(Cell.of(True))), max_size=8))
@example([Cell.of(3), Cell("12,345x", None, CellState.INVALID)])  # an unreadable long number
def test_what_the_passes_pass_each_cell_passes(found: list[Cell]) -> None:
    if _short_numbers(_report(found), 3):
        assert all(digits_of(cell) <= 3 for cell in found)
