"""Cells read by OCR or broken by a page break (``ingest.cell_readings``): a sure figure
is taken and marked, a doubtful one is reported and never taken."""

from __future__ import annotations

from gik_rules.ingest.cell_readings import CellReading, apply_readings
from gik_rules.model import Cell, CellState, Provenance
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.model.span import SourceSpan
from gik_rules.rules.finding import Location

SPAN = SourceSpan(line=40, page=2, ref="row 5, column 4")
BOX = (281.0, 317.0, 315.0, 329.0)


def _read(text: str, reading: CellReading) -> tuple[Cell, list[str], list[Location]]:
    cells, issues = apply_readings({"t3.new.np": parse_cell_text(text, SPAN)}, [reading])
    return cells["t3.new.np"], [i.code for i in issues], [i.location for i in issues]


def _ocr(text: str, confidence: float | None, **more: bool) -> CellReading:
    return CellReading(
        SPAN, BOX, text, engine="rapidocr", confidence=confidence, certain=0.9, **more
    )


def test_a_sure_figure_is_taken_with_its_provenance_and_confidence() -> None:
    cell, codes, _ = _read("6", _ocr("6", 0.98))
    assert (cell.value, cell.provenance, cell.confidence, codes) == (6, Provenance.OCR, 0.98, [])


def test_an_empty_cell_without_ink_is_blank() -> None:
    cell, codes, _ = _read("", _ocr("", None))
    assert (cell.state, cell.provenance, codes) == (CellState.BLANK, Provenance.OCR, [])


def test_a_doubtful_figure_is_reported_by_page_and_box_and_not_taken() -> None:
    cell, codes, where = _read("8", _ocr("8", 0.41))
    assert (cell.value, cell.state, cell.provenance) == (None, CellState.INVALID, Provenance.UNREAD)
    assert cell.raw == "8" and cell.confidence == 0.41
    assert codes == ["P015"]
    location = where[0]
    assert (location.cell, location.page, location.table) == ("t3.new.np", 2, "t3")
    assert location.ref == "box (281, 317, 315, 329) pt"


def test_ink_the_engine_did_not_read_is_reported() -> None:
    for text in ("", "1"):
        cell, codes, _ = _read(text, _ocr(text, 0.99 if text else None, stray_ink=True))
        assert (cell.provenance, codes) == (Provenance.UNREAD, ["P015"])


def test_text_that_is_no_figure_is_reported() -> None:
    cell, codes, _ = _read("O", _ocr("O", 0.97))
    assert (cell.provenance, codes) == (Provenance.UNREAD, ["P015"])


def test_a_cell_read_again_takes_its_second_reading() -> None:
    cell, codes, _ = _read("", _ocr("7", 0.995, reread=True))
    assert (cell.value, cell.provenance, codes) == (7, Provenance.OCR, [])


def test_a_figure_broken_by_a_page_break_is_reported_in_a_text_pdf() -> None:
    cell, codes, _ = _read("243", CellReading(SPAN, BOX, "243", broken=True))
    assert (cell.provenance, codes) == (Provenance.UNREAD, ["P015"])


def test_a_text_layer_cell_is_left_as_it_is() -> None:
    cell, codes, _ = _read("5", CellReading(SPAN, BOX, "5"))
    assert (cell.value, cell.provenance, cell.confidence, codes) == (5, Provenance.READ, None, [])
