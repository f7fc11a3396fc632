"""Scanned reports read by OCR (``ingest.pdf_scan``): a generated report printed to PDF
by LibreOffice, rasterised by pdftoppm and wrapped as a PDF of page images, read back
with every figure exact or reported, never wrong; a missing engine is a clear finding.
Few pages, as OCR is slow: benchmarks/ocr_recovery.py measures many reports."""

from __future__ import annotations

import functools
import io

import pytest
from hypothesis import Phase, given, settings
from PIL import Image, ImageDraw

from gik_rules.host import Host
from gik_rules.ingest import pdf_scan
from gik_rules.ingest.document import RawTable
from gik_rules.ingest.ocr_engine import OcrUnavailable, ocr_engine
from gik_rules.ingest.pdf_reader import read_pdf
from gik_rules.model import AnnualReport, Provenance
from gik_rules.testing.scanned import image_pdf, missing_tools, office_file, rasterise
from gik_rules.testing.strategies import consistent_reports
from tests.ingest.conftest import read_one

DPI = 200


@functools.cache
def _no_engine() -> str | None:
    try:
        ocr_engine()
    except OcrUnavailable as why:
        return str(why)
    return None


def skip_without_ocr() -> None:
    missing = missing_tools() or _no_engine()
    if missing:
        pytest.skip(missing)


def _box_of(pdf: bytes, label: str, column: int) -> tuple[int, tuple[float, float, float, float]]:
    """The page and box (points) of a table cell of the text-layer PDF: the ``column``-th
    cell of the row whose first cell holds ``label``."""
    for block in read_pdf(pdf, "x").blocks:
        if isinstance(block, RawTable):
            for row in block.rows:
                if label in row[0].text and row[column].box is not None:
                    box = row[column].box
                    assert box is not None and row[column].span.page is not None
                    return row[column].span.page, box
    raise AssertionError(f"no row {label}")


def _smudged(pages: list[Image.Image], page: int, box: tuple[float, float, float, float]) -> None:
    """Ink over the inside of a cell, as a blot or a stamp leaves it."""
    scale = DPI / 72
    x0, top, x1, bottom = (v * scale for v in box)
    ImageDraw.Draw(pages[page - 1]).rectangle((x0 + 6, top + 5, x1 - 6, bottom - 5), fill=0)


@pytest.mark.parametrize("variant", ["V2019", "V2021"])
def test_a_scanned_report_reads_back(variant: str, host: Host) -> None:
    skip_without_ocr()

    @settings(max_examples=1, deadline=None, derandomize=True, phases=[Phase.generate])
    @given(report=consistent_reports("V2021"))
    def check(report: AnnualReport) -> None:
        pdf = office_file(report, "pdf")
        text_layer = read_one(pdf, "report.pdf", host)
        assert text_layer.report is not None
        pages = rasterise(pdf, DPI)
        _smudged(pages, *_box_of(pdf, "本年新收", 1))
        result = read_one(image_pdf(pages, DPI), "scan.pdf", host)
        got = result.report
        assert got is not None and got.meta.variant == report.meta.variant
        uncertain = {i.location.cell: i for i in result.issues if i.code == "P015"}
        issue = uncertain["t3.new.np"]
        assert issue.location.page is not None and (issue.location.ref or "").startswith("box (")
        assert got.cells["t3.new.np"].provenance is Provenance.UNREAD
        exact = 0
        for cid, cell in report.cells.items():
            read = got.cells[cid]
            if cid in uncertain:
                assert read.provenance is Provenance.UNREAD, cid
                continue
            assert read.value == cell.value == text_layer.report.cells[cid].value, cid
            assert read.provenance is Provenance.OCR, cid
            assert read.confidence is None or 0 <= read.confidence <= 1
            exact += 1
        assert exact >= 0.99 * len(report.cells) - 1, sorted(uncertain)
        # what OCR adds is only P015; the rest is what the text layer gave
        others = sorted(i.code for i in result.issues if i.code != "P015")
        assert others == sorted(i.code for i in text_layer.issues)

    check()


def _scan_of_shapes() -> bytes:
    image = Image.new("L", (800, 1100), 255)
    ImageDraw.Draw(image).rectangle((100, 100, 700, 400), outline=0, width=2)
    return image_pdf([image], 100)


def test_a_scan_without_an_engine_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, host: Host
) -> None:
    def missing() -> None:
        raise OcrUnavailable("no OCR engine is installed: pip install 'gik-rules[ocr]' …")

    monkeypatch.setattr(pdf_scan, "ocr_engine", missing)
    result = read_one(_scan_of_shapes(), "scan.pdf", host)
    assert result.report is None and [i.code for i in result.issues] == ["P001"]
    message = result.issues[0].message_en
    assert "no text layer" in message and "gik-rules[ocr]" in message


def test_a_scanned_page_among_text_pages_without_an_engine_is_a_page_finding(
    monkeypatch: pytest.MonkeyPatch, host: Host
) -> None:
    """A mixed PDF (one page scanned) is read for its text pages, the scanned page named."""
    from reportlab.pdfgen import canvas

    def missing() -> None:
        raise OcrUnavailable("no OCR engine is installed")

    monkeypatch.setattr(pdf_scan, "ocr_engine", missing)
    out = io.BytesIO()
    pen = canvas.Canvas(out)
    pen.drawString(72, 720, "Annual report 2024")
    pen.showPage()
    image = Image.new("L", (200, 200), 255)
    ImageDraw.Draw(image).line((10, 10, 190, 190), fill=0, width=3)
    png = io.BytesIO()
    image.save(png, "PNG")
    png.seek(0)
    from reportlab.lib.utils import ImageReader

    pen.drawImage(ImageReader(png), 72, 400, 200, 200)
    pen.showPage()
    pen.save()
    result = read_one(out.getvalue(), "mixed.pdf", host)
    pages = [(i.code, i.location.page) for i in result.issues if i.code == "P009"]
    assert pages == [("P009", 2)]
    assert "no OCR engine" in next(i for i in result.issues if i.code == "P009").message_en
