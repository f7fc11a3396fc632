"""PackedCells: a report's cells as a worker sends them give, once across, the cells it
checked: the same ids in the same order, each cell equal field by field (a Decimal with
its own digits, a span of odd figures as it was), whether asked for one by one or all."""

from __future__ import annotations

import collections
import pickle
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.engine.packed_cells import PackedCells
from gik_rules.engine.result import ReportResult
from gik_rules.forms.derive import figures_of
from gik_rules.model import Cell, CellState, Provenance, SourceSpan
from gik_rules.rules.dataset import _completeness

spans = st.one_of(
    st.none(),
    st.builds(
        SourceSpan,
        st.one_of(st.none(), st.integers(1, 500), st.just(True)),
        st.one_of(st.none(), st.integers(1, 80)),
        st.one_of(st.none(), st.integers(1, 9)),
        st.one_of(st.none(), st.sampled_from(["B7", "table 3, row 5, cell 2"])),
    ),
)
cells = st.builds(
    Cell,
    raw=st.text(max_size=6),
    value=st.one_of(
        st.none(),
        st.integers(-(10**12), 10**12),
        st.sampled_from([Decimal("1.0"), Decimal("1.00"), Decimal("0"), Decimal("-2.5")]),
    ),
    state=st.sampled_from(CellState),
    unit=st.sampled_from([None, "元", "万元"]),
    span=spans,
    provenance=st.sampled_from(Provenance),
    confidence=st.sampled_from([None, 0.62, 1.0]),
)
#: a report's cells: most alike in one field or more, as a reader makes them
reports_cells = st.one_of(
    st.dictionaries(st.sampled_from([f"t{t}.r{r}" for t in (2, 3, 4) for r in range(30)]), cells),
    st.lists(st.integers(1, 400), max_size=40).map(
        lambda lines: {f"t3.r{n}": Cell.of(n, raw=str(n)) for n in lines}
    ),
)


def _fields(cell: Cell) -> tuple[object, ...]:
    """A cell's fields with their types (1 == 1.0 == True, Decimal 1.0 == 1.00)."""
    span = cell.span
    at = None if span is None else tuple((v, type(v)) for v in attrs_of(span))
    values = (cell.raw, cell.value, cell.state, cell.unit, cell.provenance, cell.confidence)
    return (*((v, type(v), str(v)) for v in values), at)


def attrs_of(span: SourceSpan) -> tuple[object, ...]:
    return (span.line, span.column, span.page, span.ref)


def _across(cells: dict[str, Cell]) -> PackedCells:
    back: PackedCells = pickle.loads(
        pickle.dumps(PackedCells.pack(cells), protocol=pickle.HIGHEST_PROTOCOL)
    )
    return back


@settings(max_examples=80, suppress_health_check=list(HealthCheck))
@given(reports_cells)
def test_packed_cells_are_the_cells_one_by_one(cells: dict[str, Cell]) -> None:
    packed = _across(cells)
    assert list(packed) == list(cells) and len(packed) == len(cells)
    for cid, cell in cells.items():
        assert cid in packed
        assert _fields(packed[cid]) == _fields(cell)
        assert _fields(packed.get(cid)) == _fields(cell)
    assert "t9.none" not in packed and packed.get("t9.none", "absent") == "absent"
    assert list(packed.states()) == [c.state for c in cells.values()]
    assert packed.shared_ids() == tuple(cells)
    figures = figures_of(packed)  # a reader of many reports' figures, no cell made
    assert list(figures) == list(cells) and len(figures) == len(cells)
    for cid, cell in cells.items():
        for figure in (figures[cid], figures.get(cid)):
            assert figure is not None
            assert (figure.value, type(figure.value), str(figure.value), figure.state) == (
                cell.value,
                type(cell.value),
                str(cell.value),
                cell.state,
            )
    assert "t9.none" not in figures and figures.get("t9.none") is None
    assert packed._cells is None  # none made


@settings(max_examples=80, suppress_health_check=list(HealthCheck))
@given(reports_cells)
def test_packed_cells_are_the_cells_all_at_once(cells: dict[str, Cell]) -> None:
    packed = _across(cells)
    assert [(cid, _fields(c)) for cid, c in packed.items()] == [
        (cid, _fields(c)) for cid, c in cells.items()
    ]
    assert list(map(_fields, packed.values())) == list(map(_fields, cells.values()))
    assert packed == cells and cells == packed
    for cid, cell in cells.items():  # once made, the same cells
        assert _fields(packed[cid]) == _fields(cell)


def test_the_reports_of_a_run_share_their_ids() -> None:
    """Reports with the same cell ids hold one tuple of them, here as in the worker."""
    one = {"t3.a": Cell.of(1), "t3.b": Cell.of(2)}
    two = {"t3.a": Cell.of(3), "t3.b": Cell()}
    assert _across(one).shared_ids() is _across(two).shared_ids()


@settings(max_examples=60, suppress_health_check=list(HealthCheck))
@given(reports_cells, reports_cells)
def test_completeness_counts_packed_cells_without_making_them(
    cells: dict[str, Cell], more: dict[str, Cell]
) -> None:
    """The dataset rules' count of a report's tables and figures reads the ids and states
    of packed cells (the tables once for the reports that share their ids)."""
    from gik_rules.model import AnnualReport

    for each in (cells, more, cells):
        report = AnnualReport(cells=each)
        packed = AnnualReport(cells=_across(each))
        assert _completeness(packed) == _completeness(report)
        assert packed.cells._cells is None  # type: ignore[attr-defined]  # none made


def test_a_result_crosses_with_its_report_equal() -> None:
    from gik_rules.engine.parallel import packed_result
    from gik_rules.model import AnnualReport

    cells = {
        "t3.a": Cell.of(Decimal("1.50"), raw="1.50"),
        "t3.b": Cell("x", None, CellState.INVALID),
    }
    result = ReportResult("a.txt", AnnualReport(cells=cells))
    back = pickle.loads(pickle.dumps(packed_result(result), protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(back.report.cells, PackedCells)
    assert back == result
    assert collections.Counter(back.report.cells.states()) == {
        CellState.VALUE: 1,
        CellState.INVALID: 1,
    }


def test_fields_equal_but_written_apart_stay_apart() -> None:
    """A column is kept once only when each cell holds the very same value: 1.0 and
    1.00, 0 and Decimal 0, line 1 and ``True`` are equal, but not the same figure."""
    alike: list[list[int | Decimal]] = [[Decimal("1.0"), Decimal("1.00")], [0, Decimal("0")]]
    for values in alike:
        cells = {f"t3.{n}": Cell("1", v, CellState.VALUE) for n, v in enumerate(values)}
        packed = _across(cells)
        assert [_fields(packed[c]) for c in cells] == list(map(_fields, cells.values()))
        assert list(map(_fields, packed.values())) == list(map(_fields, cells.values()))
    lines = {"t3.a": Cell(span=SourceSpan(1)), "t3.b": Cell(span=SourceSpan(True))}
    assert list(map(_fields, _across(lines).values())) == list(map(_fields, lines.values()))


def test_a_field_every_cell_holds_alike_is_each_cells() -> None:
    """Blank cells (no value, one state, no unit, one provenance) each have them, one by
    one, all at once and as figures."""
    cells = {f"t2.{n}": Cell(" ", span=SourceSpan(n + 1)) for n in range(3)}
    packed = _across(cells)
    assert [packed[c] for c in cells] == list(cells.values())
    figures = figures_of(packed)
    assert [(figures[c].value, figures[c].state) for c in cells] == [(None, CellState.BLANK)] * 3
    assert packed.states() == (CellState.BLANK,) * 3
    assert list(packed.values()) == list(cells.values())
