"""Scanned PDF pages: the page image recognised by OCR, as the characters and rulings of
the same page layer every PDF page is read from.

A page without a text layer is rendered (PDFium, greyscale, ``DPI``), its ruling lines
found in the pixels and erased (``image_rulings``), and the rest recognised by the OCR
engine (``ocr_engine``). Each recognised word becomes characters spread over its box,
each rule a ruling, in points: the table finder and the form-driven table reader then
read the page like any other (``pdf_page``, ``stream``). For every table cell of such a
page, what the engine read there and how sure it was is kept (``cell_readings``), so that a
figure the engine was unsure of is reported instead of taken.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from gik_rules.ingest.cell_readings import CellReading
from gik_rules.ingest.ocr_engine import OcrEngine, OcrUnavailable, OcrWord, ocr_engine
from gik_rules.ingest.pdf_layer import Char, PageGeometry, Ruling, char
from gik_rules.ingest.pdf_page import PageLayout
from gik_rules.model.span import SourceSpan

if TYPE_CHECKING:
    from gik_rules.ingest.image_rulings import PixelRule

#: Resolution pages are rendered at: 10.5 pt characters are 29 pixels high.
DPI = 200
SCALE = DPI / 72  # pixels a point
#: Each engine's confidence (0-1) below which a figure is not taken (docs/reading.md
#: gives the measurements they come from).
CERTAIN = {"tesseract": 0.80, "rapidocr": 0.90}
#: Cells of at most this many characters (figures, not labels) are read again when doubtful.
_SHORT = 16
#: Dark pixels a cell may hold outside every recognised word and still be empty (specks).
_STRAY_PIXELS = 12


@attrs.frozen(slots=True)
class ScannedPage:
    """A recognised page: its layer in points, the image it was read from, the words."""

    geometry: PageGeometry
    image: Any  # the greyscale pixels, rulings erased (numpy, rows by columns)
    read: Any  # the pixels the engine read (rulings erased where it asks for that)
    words: tuple[OcrWord, ...]
    engine: OcrEngine


def _width(ch: str) -> float:
    """A character's advance in ems, near enough to place it inside its word's box."""
    return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.55


def _chars(word: OcrWord) -> list[Char]:
    """The word's characters spread over its box, in points."""
    glyphs = [ch for ch in word.text if not ch.isspace()]
    if not glyphs:
        return []
    total = sum(_width(ch) for ch in glyphs)
    x0, x1 = word.x0 / SCALE, word.x1 / SCALE
    top, bottom = word.top / SCALE, word.bottom / SCALE
    size = bottom - top
    out: list[Char] = []
    at = x0
    for ch in glyphs:
        step = (x1 - x0) * _width(ch) / total
        out.append(char(ch, at, at + step, top, bottom, size))
        at += step
    return out


def _ruling(rule: PixelRule) -> Ruling:
    across = (rule.first + rule.last + 1) / 2 / SCALE
    start, end = rule.start / SCALE, rule.end / SCALE
    if rule.orientation == "h":
        return Ruling("h", start, across, end, across)
    return Ruling("v", across, start, across, end)


class Scanner:
    """Recognises the scanned pages of one PDF; the engine is started at the first."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._doc: Any = None
        self._engine: OcrEngine | None = None
        self._pages: dict[int, ScannedPage] = {}
        self.unavailable: str | None = None  # why no page can be recognised

    def engine(self) -> OcrEngine | None:
        if self._engine is None and self.unavailable is None:
            try:
                self._engine = ocr_engine()
            except OcrUnavailable as why:
                self.unavailable = str(why)
        return self._engine

    def page(self, number: int) -> ScannedPage | None:
        """Page ``number`` (from 1) recognised; ``None`` where no engine is installed."""
        if number in self._pages:  # the fallback back end reads the file again
            return self._pages[number]
        engine = self.engine()
        if engine is None:
            return None
        # numpy with it: imported when a page is scanned, not for every PDF
        import numpy as np

        from gik_rules.ingest.image_rulings import erase_rules, find_rules

        image = self._render(number - 1)
        grey = np.asarray(image)
        rules = find_rules(grey, DPI)
        clean = erase_rules(grey, rules)
        from PIL import Image

        read = clean if engine.erase_rules else grey
        words = tuple(engine.recognise(Image.fromarray(read)))
        geometry = PageGeometry(
            number,
            grey.shape[1] / SCALE,
            grey.shape[0] / SCALE,
            tuple(ch for word in words for ch in _chars(word)),
            tuple(_ruling(rule) for rule in rules),
        )
        scanned = ScannedPage(geometry, clean, read, words, engine)
        self._pages[number] = scanned
        return scanned

    def has_image(self, number: int) -> bool:
        """Whether page ``number`` shows an image (a page without text or image is blank)."""
        import pypdfium2.raw as pdfium_c

        try:
            page = self._open()[number - 1]
        except Exception:  # PdfiumError: a file PDFium cannot open is not rendered either
            return False
        try:
            return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        finally:
            page.close()

    def _open(self) -> Any:
        import pypdfium2

        if self._doc is None:
            self._doc = pypdfium2.PdfDocument(self._data)
        return self._doc

    def _render(self, index: int) -> Any:
        page = self._open()[index]
        try:
            return page.render(scale=SCALE, grayscale=True).to_pil().convert("L")
        finally:
            page.close()

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None


def cell_readings(scanned: ScannedPage, layout: PageLayout) -> list[CellReading]:
    """What the engine read in each table cell of a recognised page. A short cell it was
    unsure of (or whose ink it missed in part) is read again on its own, cut close around
    its ink, the way the engine reads best: where the engine is sure of that reading, it
    is the cell's; an unsure first reading has no say."""
    cells = [
        _recognised(scanned, cell.box, cell.span)
        for table in layout.tables
        for row in table.rows
        for cell in row
        if cell.box is not None
    ]
    again = [i for i, c in enumerate(cells) if c.doubtful and len(c.text) <= _SHORT]
    if not again:
        return cells
    crops = [_crop(scanned, cells[i].box) for i in again]
    for i, (text, confidence) in zip(again, scanned.engine.read_lines(crops), strict=True):
        first, text = cells[i], "".join(text.split())
        if confidence >= first.certain and text:
            cells[i] = attrs.evolve(
                first, text=text, confidence=confidence, stray_ink=False, reread=True
            )
    return cells


def _crop(scanned: ScannedPage, box: tuple[float, float, float, float]) -> Any:
    """The ink inside a cell (its rules left out), cut close as a detector would cut a
    line of text, on a margin of paper."""
    import numpy as np
    from PIL import Image, ImageOps

    from gik_rules.ingest.image_rulings import INK

    height, width = scanned.read.shape
    x0, top = max(int(box[0] * SCALE) + 3, 0), max(int(box[1] * SCALE) + 3, 0)
    x1, bottom = min(int(box[2] * SCALE) - 2, width), min(int(box[3] * SCALE) - 2, height)
    inside = scanned.read[top : max(bottom, top + 1), x0 : max(x1, x0 + 1)]
    ink = np.argwhere(scanned.image[top : max(bottom, top + 1), x0 : max(x1, x0 + 1)] < INK)
    if len(ink):
        (a, b), (c, d) = ink.min(axis=0), ink.max(axis=0) + 1
        inside = inside[a:c, b:d]
    margin = max(inside.shape[0] // 3, 4)
    return ImageOps.expand(Image.fromarray(inside), border=margin, fill=255)


def _recognised(
    scanned: ScannedPage, box: tuple[float, float, float, float], span: SourceSpan
) -> CellReading:
    x0, top, x1, bottom = (v * SCALE for v in box)
    inside = [
        w
        for w in scanned.words
        if x0 <= (w.x0 + w.x1) / 2 < x1 and top <= (w.top + w.bottom) / 2 < bottom
    ]
    text = "".join(w.text for w in sorted(inside, key=lambda w: (w.top, w.x0)))
    name = scanned.engine.name
    return CellReading(
        span,
        box,
        "".join(text.split()),
        engine=name,
        confidence=min((w.confidence for w in inside), default=None),
        certain=CERTAIN[name],
        stray_ink=_stray_ink(scanned.image, (x0, top, x1, bottom), inside),
    )


def _stray_ink(image: Any, box: Sequence[float], words: Sequence[OcrWord]) -> bool:
    """Whether the cell holds ink outside every recognised word (a few pixels' margin
    inside its borders, where what is left of a rule may stand)."""
    height, width = image.shape
    margin = 3
    x0, top = max(int(box[0]) + margin, 0), max(int(box[1]) + margin, 0)
    x1, bottom = min(int(box[2]) - margin, width), min(int(box[3]) - margin, height)
    if x1 <= x0 or bottom <= top:
        return False
    from gik_rules.ingest.image_rulings import INK

    ink = image[top:bottom, x0:x1] < INK
    for w in words:
        pad = 3
        a, b = max(int(w.x0) - pad - x0, 0), max(int(w.x1) + pad - x0, 0)
        c, d = max(int(w.top) - pad - top, 0), max(int(w.bottom) + pad - top, 0)
        ink[c:d, a:b] = False
    return int(ink.sum()) > _STRAY_PIXELS
