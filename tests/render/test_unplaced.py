"""Cells the variant's tables have no place for are named, never dropped silently."""

from __future__ import annotations

import attrs

from gik_rules.api import read
from gik_rules.model import AnnualReport, Cell
from gik_rules.render import render_doc, render_report, unplaced_cells
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def with_other_rows(report: AnnualReport) -> AnnualReport:
    """The report with the 2019 form's （六） row read into it, one cell of it blank."""
    cells = dict(report.cells)
    cells.update({"t3.other.np": Cell.of(2), "t3.other.tot": Cell.of(2), "t3.other.ce": Cell()})
    cells["t3.other.ls"] = Cell.of(0)
    return attrs.evolve(report, cells=cells)


def test_compose_names_the_cells_no_table_shows() -> None:
    report = with_other_rows(read(EXAMPLES / "clean-2021.toml"))
    doc = render_doc(report)
    assert doc.unplaced == ("t3.other.ls", "t3.other.np", "t3.other.tot")  # not the blank one
    assert "t3.other.np" not in render_report(report, "html").decode()


def test_a_report_of_its_own_variant_has_none(host) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(EXAMPLES.glob("*.toml")):
        report = read(path)
        assert render_doc(report).unplaced == ()
        assert unplaced_cells(report, host.variants[report.meta.variant]) == ()
