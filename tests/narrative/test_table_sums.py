"""A figure's cells are added up as whole numbers where they are whole numbers of a unit
of scale 1 (counts): the sum is the Decimal the cell by cell sum in the measure's
smallest unit gives, to its exponent, whatever the cells hold."""

from __future__ import annotations

from decimal import Decimal

import attrs
from gik_rules_national.grammar import resolver
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.forms.derive import derived_sum
from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell
from gik_rules.narrative.compare import _Table
from gik_rules.narrative.resolve import Resolver
from gik_rules.testing import cells, consistent_reports

VARIANTS = default_host().variants
_ODD = st.one_of(
    cells(),
    st.integers(-(10**30), 10**30).map(Cell.of),
    st.sampled_from(["0.5", "2.0", "-3", "1E+2"]).map(lambda v: Cell.of(Decimal(v))),
    st.sampled_from(["元", "万元", "件", ""]).map(lambda u: Cell(raw="3", value=3, unit=u)),
)


def _cell_by_cell(table: _Table, ids: tuple[str, ...]) -> tuple[Decimal | None, tuple[str, ...]]:
    """Each cell's figure as a Decimal times its unit's scale, added up one by one."""
    on: Resolver = table.resolver
    total, used = derived_sum(table.cells, ids, on.variant)
    if total is None:
        return None, used
    out = Decimal(0)
    for cid in used:
        cell = table.cells.get(cid)
        if cell is None or cell.value is None:
            continue
        spec = on.variant.cells.get(cid)
        out += Decimal(cell.value) * on.scale(cell.unit or (spec.unit if spec else None))
    return out, tuple(used)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(VARIANTS)).flatmap(consistent_reports), st.data())
def test_the_sums_are_those_added_cell_by_cell(report: AnnualReport, data: st.DataObject) -> None:
    variant = VARIANTS[report.meta.variant or "V2021"]
    changed = dict(report.cells)
    for cid in data.draw(st.lists(st.sampled_from(sorted(changed)), max_size=4)):
        changed[cid] = data.draw(_ODD)
    report = attrs.evolve(report, cells=changed)
    table = _Table(report.cells, resolver(variant))
    rows = sorted({cid.rpartition(".")[0] for cid in variant.cells})
    for row in rows:
        ids = tuple(cid for cid in variant.cells if cid.startswith(f"{row}."))
        for some in (ids, ids[:1], ids[1:]):
            got, expected = table.value(some), _cell_by_cell(table, some)
            assert got == expected
            assert str(got[0]) == str(expected[0])


_WHOLE = st.one_of(
    st.integers(-(10**6), 10**6).map(Cell.of),
    st.integers(10**27, 10**30).map(Cell.of),  # past what a Decimal sum keeps exact
    st.sampled_from(["元", "万元", "件", "亿元"]).map(lambda u: Cell(raw="3", value=3, unit=u)),
    st.none(),  # the cell is missing
)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(VARIANTS)).flatmap(consistent_reports), st.data())
def test_whole_number_rows_add_up_as_cell_by_cell(
    report: AnnualReport, data: st.DataObject
) -> None:
    """Rows of whole numbers (the sums taken as ints) with a cell given a unit, a figure
    past the exact range or left out: the same sums as added cell by cell."""
    variant = VARIANTS[report.meta.variant or "V2021"]
    changed = dict(report.cells)
    row = data.draw(st.sampled_from(sorted({cid.rpartition(".")[0] for cid in variant.cells})))
    ids = tuple(cid for cid in variant.cells if cid.startswith(f"{row}."))
    for cid in data.draw(st.lists(st.sampled_from(ids), max_size=2)):
        cell = data.draw(_WHOLE)
        if cell is None:
            changed.pop(cid, None)
        else:
            changed[cid] = cell
    table = _Table(changed, resolver(variant))
    for some in (ids, ids[:1], ids[1:]):
        got, expected = table.value(some), _cell_by_cell(table, some)
        assert got == expected
        assert str(got[0]) == str(expected[0])
