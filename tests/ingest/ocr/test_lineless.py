"""Tables printed without ruling lines, read from the positions of their words
(``ingest.lineless``): generated reports written as PDF files here with every rule left
out (their cells' text centred), and by LibreOffice with the borders removed (text at
the top of its cells), read like their ruled originals."""

from __future__ import annotations

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from gik_rules.host import Host
from gik_rules.ingest.document import RawTable
from gik_rules.ingest.lineless import _chars_of
from gik_rules.ingest.pdf_layer import Char, char
from gik_rules.ingest.pdf_page import PdfLine
from gik_rules.ingest.pdf_reader import read_pdf
from gik_rules.model import AnnualReport, Provenance
from gik_rules.testing.scanned import missing_tools, office_file
from gik_rules.testing.strategies import consistent_reports
from tests.ingest.conftest import read_one
from tests.ingest.layouts import report_layout, values_of
from tests.ingest.pdf_writer import Options, to_pdf

FAST = settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.generate])
REPORTS = st.sampled_from(["V2019", "V2021"]).flatmap(consistent_reports)


def _lineless_pdf(report: AnnualReport, host: Host) -> bytes:
    layout = report_layout(
        host.variants[report.meta.variant or ""],
        values_of(report.cells),
        organ=report.meta.organ,
        year=report.meta.year or 2024,
        sections={s.number: s.text for s in report.sections if s.text},
    )
    return to_pdf(layout, Options(lineless=True))


@FAST
@given(report=REPORTS)
def test_every_cell_of_a_lineless_pdf_reads_back(report: AnnualReport, host: Host) -> None:
    data = _lineless_pdf(report, host)
    result = read_one(data, "lineless.pdf", host)
    got = result.report
    assert got is not None and result.issues == (), [i.message_en for i in result.issues]
    assert {cid: c.value for cid, c in got.cells.items()} == {
        cid: c.value for cid, c in report.cells.items()
    }


@settings(max_examples=3, deadline=None, derandomize=True, phases=[Phase.generate])
@given(report=REPORTS)
def test_a_page_of_prose_has_no_lineless_table(report: AnnualReport, host: Host) -> None:
    """Running text with figures in it (申请6件, 2021年) is never taken for a table."""
    doc = read_pdf(_lineless_pdf(report, host), "x")
    for block in doc.blocks:
        if isinstance(block, RawTable):
            assert not any("。" in cell.text for row in block.rows for cell in row)


@pytest.mark.skipif(
    missing_tools(raster=False) is not None, reason=str(missing_tools(raster=False))
)
@settings(max_examples=2, deadline=None, derandomize=True, phases=[Phase.generate])
@given(report=REPORTS)
def test_libreoffice_lineless_pdf_reads_back(report: AnnualReport, host: Host) -> None:
    """LibreOffice sets text at the top of its cells and breaks a figure too wide for its
    column; a figure broken by a page break is reported (P015), never taken in part."""
    result = read_one(office_file(report, "pdf", lineless=True), "lineless.pdf", host)
    assert result.report is not None
    # the organ's title wraps in LibreOffice's print, as in the ruled print (P002 there too)
    assert {i.code for i in result.issues} <= {"P002", "P015"}, [
        i.message_en for i in result.issues
    ]
    reported = {i.location.cell for i in result.issues if i.code == "P015"}
    got = result.report.cells
    for cid, cell in report.cells.items():
        if cid in reported:
            assert got[cid].provenance is Provenance.UNREAD
        else:
            assert got[cid].value == cell.value, cid


_COORD = st.sampled_from(
    [0.0, 9.0, 9.5, 10.0, 11.0, 12.5, 20.0, 21.0, 30.0, 33.3, 40.0, float("nan")]
)


@st.composite
def _line(draw: st.DrawFn) -> PdfLine:
    x0, top = draw(_COORD), draw(_COORD)
    width, height = (
        draw(st.sampled_from([0.0, 5.0, 12.0, 30.0])),
        draw(st.sampled_from([0.0, 3.0, 10.5, 22.0])),
    )
    return PdfLine("行", x0, x0 + width, top, top + height, 10.5, 1, 1)


@st.composite
def _glyph(draw: st.DrawFn) -> Char:
    x0, top = draw(_COORD), draw(_COORD)
    return char(
        "字",
        x0,
        x0 + draw(st.sampled_from([1.0, 10.5])),
        top,
        top + draw(st.sampled_from([1.0, 10.5])),
        10.5,
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(_line(), max_size=8), st.lists(_glyph(), max_size=20))
def test_a_glyph_goes_to_the_first_line_holding_its_centre(
    lines: list[PdfLine], glyphs: list[Char]
) -> None:
    """The lines near a centre, looked up by their tops, give what trying every line
    gives (overlapping lines, centres on a line's edge and its point of margin)."""
    every: list[list[Char]] = [[] for _ in lines]
    for glyph in glyphs:
        cx, cy = (glyph["x0"] + glyph["x1"]) / 2, (glyph["top"] + glyph["bottom"]) / 2
        for index, x in enumerate(lines):
            if x.top - 1 <= cy <= x.bottom + 1 and x.x0 - 1 <= cx <= x.x1 + 1:
                every[index].append(glyph)
                break
    assert _chars_of(lines, glyphs) == every
