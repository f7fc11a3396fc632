"""The PDF reader on reports written as PDF files here (``tests.ingest.pdf_writer``):
every back end and the fallback between them, without the shared corpus."""

from __future__ import annotations

import logging

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from gik_rules.host import Host
from gik_rules.ingest.document import RawTable
from gik_rules.ingest.pdf_reader import read_pdf
from gik_rules.ingest.result import UnreadableError
from gik_rules.model import AnnualReport
from gik_rules.testing.strategies import consistent_reports
from tests.ingest.conftest import read_one
from tests.ingest.layouts import Layout, report_layout, values_of
from tests.ingest.pdf_writer import Options, to_pdf

FAST = settings(max_examples=10, deadline=None, phases=[Phase.explicit, Phase.generate])
REPORTS = st.sampled_from(["V2019", "V2021"]).flatmap(consistent_reports)
OPTIONS = st.builds(
    Options, open_breaks=st.booleans(), page_height=st.sampled_from([841.8898, 700.0, 560.0])
)


def _layout(report: AnnualReport, host: Host) -> Layout:
    return report_layout(
        host.variants[report.meta.variant or ""],
        values_of(report.cells),
        organ=report.meta.organ,
        year=report.meta.year or 2024,
        sections={s.number: s.text for s in report.sections if s.text},
    )


def _numbered(host: Host, variant: str = "V2021") -> tuple[dict[str, str], bytes]:
    values = {cid: str(i) for i, cid in enumerate(host.variants[variant].cells)}
    return values, to_pdf(report_layout(host.variants[variant], values))


@FAST
@given(report=REPORTS, options=OPTIONS)
def test_every_cell_of_a_generated_pdf_reads_back(
    report: AnnualReport, options: Options, host: Host
) -> None:
    result = read_one(to_pdf(_layout(report, host), options), "report.pdf", host)
    got = result.report
    assert got is not None and result.issues == (), [i.message_en for i in result.issues]
    assert (got.meta.organ, got.meta.year, got.meta.variant) == (
        report.meta.organ,
        report.meta.year,
        report.meta.variant,
    )
    assert [s.number for s in got.sections] == [s.number for s in report.sections]
    assert {cid: c.raw for cid, c in got.cells.items()} == values_of(report.cells)
    assert {cid: c.value for cid, c in got.cells.items()} == {
        cid: c.value for cid, c in report.cells.items()
    }


@FAST
@given(report=REPORTS, options=OPTIONS)
def test_pdfium_reads_what_pdfplumber_reads(
    report: AnnualReport, options: Options, host: Host
) -> None:
    data = to_pdf(_layout(report, host), options)
    assert read_pdf(data, "x", backend="pdfium") == read_pdf(data, "x", backend="pdfplumber")


@pytest.mark.parametrize("open_breaks", [False, True])
@pytest.mark.parametrize("variant", ["V2019", "V2021"])
def test_a_table_broken_over_a_page(variant: str, open_breaks: bool, host: Host) -> None:
    values = {cid: str(i) for i, cid in enumerate(host.variants[variant].cells)}
    data = to_pdf(report_layout(host.variants[variant], values), Options(open_breaks=open_breaks))
    fast = read_pdf(data, "x", backend="pdfium")
    assert fast == read_pdf(data, "x", backend="pdfplumber")
    pages = [
        {c.span.page for row in b.rows for c in row} for b in fast.blocks if isinstance(b, RawTable)
    ]
    assert len(pages) == 3 and any(len(p) > 1 for p in pages)
    report = read_one(data, "report.pdf", host).report
    assert report is not None
    assert {cid: c.raw for cid, c in report.cells.items()} == values


def _shifted_box(data: bytes) -> bytes:
    # the same length, so the cross-reference table stays right
    return data.replace(b"[ 0 0 595.2756 841.8898 ]", b"[ 9 9 604.2756 850.8898 ]")


def _shifted_offsets(data: bytes) -> bytes:
    start = data.index(b"\n") + 1
    return data[:start] + b"% edited\n" + data[start:]


FAULTS = {
    "encrypted": (lambda layout: to_pdf(layout, Options(encrypt="")), "the file is encrypted"),
    "rotated": (lambda layout: to_pdf(layout, Options(rotate=90)), "page 1 is rotated"),
    "media box": (
        lambda layout: _shifted_box(to_pdf(layout)),
        "the media box of page 1 is not at the origin",
    ),
    "xref": (
        lambda layout: _shifted_offsets(to_pdf(layout)),
        "the cross-reference table is damaged",
    ),
    "overprint": (
        lambda layout: to_pdf(layout, Options(overprint=True)),
        "PDFium dropped a text object of page 1",
    ),
    "font not embedded": (
        lambda layout: to_pdf(layout, Options(embed=False)),
        "page 1 has text in a font the file does not embed",
    ),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_file_pdfium_declines_is_read_by_pdfplumber(
    fault: str, host: Host, caplog: pytest.LogCaptureFixture
) -> None:
    make, why = FAULTS[fault]
    values = {cid: str(i) for i, cid in enumerate(host.variants["V2021"].cells)}
    data = make(report_layout(host.variants["V2021"], values))
    with pytest.raises(UnreadableError, match=f"PDFium declined: {why}"):
        read_pdf(data, "x.pdf", backend="pdfium")
    with caplog.at_level(logging.DEBUG, logger="gik_rules.ingest.pdf"):
        auto = read_pdf(data, "x.pdf")
    assert auto == read_pdf(data, "x.pdf", backend="pdfplumber")
    assert f"x.pdf: read with pdfplumber, PDFium declined: {why}" in caplog.text
    if fault in ("encrypted", "media box", "xref", "font not embedded"):  # read in full
        report = read_one(data, "x.pdf", host).report
        assert report is not None
        assert {cid: c.raw for cid, c in report.cells.items()} == values


def test_an_encrypted_file_without_its_password_is_unreadable(host: Host) -> None:
    data = to_pdf(report_layout(host.variants["V2021"], {}), Options(encrypt="secret"))
    result = read_one(data, "x.pdf", host)
    assert result.report is None and [i.code for i in result.issues] == ["P001"]
    assert "the PDF is encrypted" in result.issues[0].message_en  # not "no text layer"


def test_a_standard_font_the_file_does_not_embed_stays_on_the_fast_path(host: Host) -> None:
    """Helvetica and the other standard faces are drawn with PDFium's own fonts, the
    same on every machine: no reason to decline."""
    import io

    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pen = canvas.Canvas(out, invariant=True)
    pen.setFont("Helvetica", 12)
    pen.drawString(72, 720, "Annual report 2024")
    pen.save()
    document = read_pdf(out.getvalue(), "x.pdf", backend="pdfium")
    assert [getattr(b, "text", None) for b in document.blocks] == ["Annual report 2024"]
