"""What the PDF reader adds to each page beyond its text layer and ruled tables.

A page without text that shows an image (a scan) is recognised first (``pdf_scan``);
every page's lineless tables are rebuilt from its words (``lineless``); and for the
table cells not read from a text layer, how sure the reading is (``cell_readings``): the
OCR engine's confidence in a scanned page's cells, and the last row of a lineless table
whose figures run on over the page break (the next page's table opens with the rest of
a figure, which cannot be placed).
"""

from __future__ import annotations

from gik_rules.ingest.cell_readings import CellReading
from gik_rules.ingest.document import RawCell
from gik_rules.ingest.lineless import add_lineless_tables
from gik_rules.ingest.pdf_layer import PageGeometry
from gik_rules.ingest.pdf_page import PageLayout
from gik_rules.ingest.pdf_scan import ScannedPage, Scanner, cell_readings
from gik_rules.ingest.result import ParseIssue
from gik_rules.rules.finding import Location


class Pages:
    """The pages of one PDF, in order, as the reader reads them (once per back end)."""

    def __init__(self, data: bytes, source: str) -> None:
        self.scanner = Scanner(data)
        self.source = source
        self._scanned: dict[int, ScannedPage] = {}
        self._readings: dict[int, list[CellReading]] = {}
        self._broken: dict[int, list[CellReading]] = {}
        self._last_row: dict[int, tuple[RawCell, ...]] = {}  # a lineless table ending a page
        self.unrecognised: list[int] = []  # scanned pages left unread: no engine

    def recognise(self, geometry: PageGeometry) -> PageGeometry:
        """The page's layer: a page without text that shows an image is recognised."""
        number = geometry.number
        if geometry.chars or not self.scanner.has_image(number):
            self._scanned.pop(number, None)
            return geometry
        scanned = self.scanner.page(number)
        if scanned is None:
            if number not in self.unrecognised:
                self.unrecognised.append(number)
            return geometry
        self._scanned[number] = scanned
        return scanned.geometry

    def complete(self, geometry: PageGeometry, layout: PageLayout) -> PageLayout:
        """The page's layout with its lineless tables; what is known of its cells kept."""
        number = geometry.number
        lineless = add_lineless_tables(geometry, layout)
        scanned = self._scanned.get(number)
        if scanned is not None:
            self._readings[number] = cell_readings(scanned, lineless.layout)
        self._broken[number] = []
        previous = self._last_row.get(number - 1)
        if lineless.fragments and previous is not None:
            self._broken[number] = [
                CellReading(cell.span, cell.box, cell.text, broken=True)
                for cell in previous
                if cell.box is not None
                and any(a < cell.box[2] and cell.box[0] < b for a, b in lineless.fragments)
            ]
        if lineless.last_row is not None:
            self._last_row[number] = lineless.last_row
        else:
            self._last_row.pop(number, None)
        return lineless.layout

    @property
    def unavailable(self) -> str | None:
        return self.scanner.unavailable

    def unrecognised_issues(self) -> list[ParseIssue]:
        """A P009 finding for each scanned page that no engine could recognise."""
        return [
            ParseIssue(
                "P009",
                f"第{n}页是扫描图像，没有文字层；无法识别：{self.unavailable}",
                f"page {n} is a scanned image without a text layer; it cannot be recognised: {self.unavailable}",
                Location(page=n, ref=self.source or None),
            )
            for n in self.unrecognised
        ]

    @property
    def readings(self) -> tuple[CellReading, ...]:
        """Every reading, page by page; a broken figure's doubt wins over its OCR."""
        broken = {r.span: r for n in self._broken for r in self._broken[n]}
        ocr = [r for n in sorted(self._readings) for r in self._readings[n] if r.span not in broken]
        return (*ocr, *broken.values())

    def close(self) -> None:
        self.scanner.close()
