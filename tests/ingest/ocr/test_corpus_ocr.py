"""The three corpus PDFs rasterised (pdftoppm, 200 dpi), wrapped as scans and read back
through OCR give the cells their text layers give (skipped without ../shared, LibreOffice
tools or an OCR engine). About fifteen pages: the slowest OCR test of the suite."""

from __future__ import annotations

import pytest

from gik_rules.host import Host
from gik_rules.model import Provenance
from gik_rules.testing.scanned import image_pdf, rasterise
from tests.ingest.conftest import CORPUS_FILES, corpus_file, read_one
from tests.ingest.ocr.test_scanned import DPI, skip_without_ocr


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_a_scanned_corpus_pdf_gives_the_cells_of_its_text_layer(name: str, host: Host) -> None:
    skip_without_ocr()
    data = corpus_file(name).read_bytes()
    text_layer = read_one(data, name, host)
    scan = read_one(image_pdf(rasterise(data, DPI), DPI), name, host)
    assert text_layer.report is not None and scan.report is not None
    assert (scan.report.meta.organ, scan.report.meta.year, scan.report.meta.variant) == (
        text_layer.report.meta.organ,
        text_layer.report.meta.year,
        text_layer.report.meta.variant,
    )
    uncertain = sorted(i.location.cell or "" for i in scan.issues if i.code == "P015")
    assert uncertain == []
    expected = {cid: (c.raw, c.value) for cid, c in text_layer.report.cells.items()}
    got = {cid: ("".join(c.raw.split()), c.value) for cid, c in scan.report.cells.items()}
    assert {cid: v for cid, (_, v) in got.items()} == {cid: v for cid, (_, v) in expected.items()}
    assert all(c.provenance is Provenance.OCR for c in scan.report.cells.values())
    # the text layer's own findings (the real faults of these reports) are found again
    assert sorted(i.code for i in scan.issues) == sorted(i.code for i in text_layer.issues)
