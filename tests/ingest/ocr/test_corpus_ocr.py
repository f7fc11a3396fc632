"""The three corpus PDFs rasterised (pdftoppm, 200 dpi), wrapped as scans and read back
through OCR give the cells their text layers give (skipped without ../shared, pdftoppm
or an OCR engine). OCR is slow: the default run reads one of them (5 pages);
``GIK_RULES_OCR_CORPUS=1`` reads all three (16 pages)."""

from __future__ import annotations

import os

import pytest

from gik_rules.host import Host
from gik_rules.model import Provenance
from gik_rules.testing.scanned import image_pdf, rasterise
from tests.ingest.conftest import CORPUS_FILES, corpus_file, read_one
from tests.ingest.ocr.test_scanned import DPI, skip_without_ocr

DEFAULT = "huaian-hongze-district-2024.pdf"


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_a_scanned_corpus_pdf_gives_the_cells_of_its_text_layer(name: str, host: Host) -> None:
    if name != DEFAULT and not os.environ.get("GIK_RULES_OCR_CORPUS"):
        pytest.skip("OCR of every corpus PDF takes minutes: set GIK_RULES_OCR_CORPUS=1")
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
