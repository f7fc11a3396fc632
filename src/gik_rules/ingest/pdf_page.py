"""One PDF page as text lines and ruled tables, from the page geometry (pdfplumber).

Published reports are mostly Word documents printed to PDF, with tables ruled by lines.
Some PDF editors also put a white filled box behind every line of text; pdfplumber would
take those boxes for table cells, so filled boxes that draw nothing are ignored when
looking for tables. A "table" of one column is a framed text block, not a statistics
table; its text stays text. Lines are numbered over the whole document, in the order
``pdfplumber``'s text extraction gives them, so a line number can be found again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

import attrs

from gik_rules.ingest.document import RawCell
from gik_rules.ingest.spacing import join_lines, tighten
from gik_rules.model.span import SourceSpan

BBox = tuple[float, float, float, float]
# pdfminer writes a glyph whose font has no Unicode mapping as "(cid:N)": not text.
_UNMAPPED = re.compile(r"\(cid:\d+\)")


@attrs.frozen(slots=True)
class PdfLine:
    """A line of running text (outside the tables)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int
    line: int


@attrs.frozen(slots=True)
class PdfTable:
    """A ruled table of one page; covered positions of merged cells are left out."""

    rows: tuple[tuple[RawCell, ...], ...]
    top: float
    page: int
    line: int


@attrs.frozen(slots=True)
class PageLayout:
    number: int
    height: float
    lines: tuple[PdfLine, ...]
    tables: tuple[PdfTable, ...]
    line_count: int  # lines of the whole page, tables included (for numbering)
    unmapped: int = 0  # glyphs without a Unicode mapping (pdfminer's "(cid:N)")


def _draws_something(obj: dict[str, Any]) -> bool:
    """Keep every object but filled boxes without a border (backgrounds), unless they are
    thin enough to be a rule themselves."""
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return True
    return min(float(obj["width"]), float(obj["height"])) < 2


def _open_ends(page: Any) -> list[float]:
    """Where ruled columns run on without a horizontal rule to close them.

    A table broken across pages often has no rule at the page break; without one the
    last row and every cell merged down to it would be lost. The end of the vertical
    rules closes them.
    """
    edges = page.edges
    horizontals = [e for e in edges if e["orientation"] == "h"]
    ends: set[float] = set()
    for edge in edges:
        if edge["orientation"] != "v" or float(edge["height"]) < 10:
            continue
        x = float(edge["x0"])
        for y in (float(edge["top"]), float(edge["bottom"])):
            closed = any(
                abs(float(h["top"]) - y) <= 3 and float(h["x0"]) - 3 <= x <= float(h["x1"]) + 3
                for h in horizontals
            )
            if not closed:
                ends.add(round(y, 1))
    return sorted(ends)


def _prose(text: str) -> bool:
    return "。" in text or len(text) > 40


def _inside(obj: dict[str, Any], boxes: Sequence[BBox]) -> bool:
    cx = (float(obj["x0"]) + float(obj["x1"])) / 2
    cy = (float(obj["top"]) + float(obj["bottom"])) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


class _Numbering:
    """Global line numbers of positions on a page."""

    def __init__(self, tops: Sequence[float], offset: int) -> None:
        self.tops = sorted(tops)
        self.offset = offset

    def at(self, top: float) -> int:
        index = bisect.bisect_left(self.tops, top - 2)
        return self.offset + min(index, max(len(self.tops) - 1, 0)) + 1


def _table(table: Any, page: int, numbering: _Numbering) -> tuple[PdfTable | None, BBox | None]:
    """The table and the region it covers; framed text gives (None, None)."""
    texts: list[list[str | None]] = table.extract()
    rows: list[tuple[int, Any, list[str | None]]] = list(
        zip(range(1, len(texts) + 1), table.rows, texts, strict=False)
    )

    def single_prose(cells: list[str | None]) -> bool:
        filled = [c for c in cells if c is not None]
        return len(filled) == 1 and _prose(tighten(filled[0] or ""))

    # Framed prose above or below a table is sometimes taken into it: give it back.
    while rows and single_prose(rows[0][2]):
        rows.pop(0)
    while rows and single_prose(rows[-1][2]):
        rows.pop()
    width = max((sum(1 for c in cells if c is not None) for _, _, cells in rows), default=0)
    if width <= 1:
        return None, None
    out: list[tuple[RawCell, ...]] = []
    for r, row, cells in rows:
        raw = []
        for c, (bbox, text) in enumerate(zip(row.cells, cells, strict=False), start=1):
            if bbox is None:
                continue  # covered by a merged cell
            raw.append(
                RawCell(
                    join_lines(_UNMAPPED.sub("", text or "").splitlines()),
                    SourceSpan(line=numbering.at(bbox[1]), page=page, ref=f"row {r}, column {c}"),
                )
            )
        if any(cell.text for cell in raw):
            out.append(tuple(raw))
    if not out:
        return None, None
    x0, _, x1, _ = table.bbox
    top, bottom = rows[0][1].bbox[1], rows[-1][1].bbox[3]
    return PdfTable(tuple(out), top, page, numbering.at(top)), (x0, top, x1, bottom)


def read_page(page: Any, number: int, line_offset: int) -> PageLayout:
    """Text lines outside the tables, and the tables, of one pdfplumber page."""
    all_lines = page.extract_text_lines(strip=True, return_chars=False)
    unmapped = sum(len(_UNMAPPED.findall(x["text"])) for x in all_lines)
    numbering = _Numbering([float(x["top"]) for x in all_lines], line_offset)
    tables: list[PdfTable] = []
    regions: list[BBox] = []
    ruled = page.filter(_draws_something)
    settings = {"explicit_horizontal_lines": _open_ends(ruled)}
    for found in ruled.find_tables(settings):
        table, region = _table(found, number, numbering)
        if table is not None and region is not None:
            tables.append(table)
            regions.append(region)
    outside = page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, regions))
    lines = []
    for found in outside.extract_text_lines(strip=True, return_chars=True):
        text = tighten(_UNMAPPED.sub("", found["text"]))
        if not text:
            continue
        sizes = sorted(float(ch["size"]) for ch in found["chars"])
        lines.append(
            PdfLine(
                text,
                float(found["x0"]),
                float(found["x1"]),
                float(found["top"]),
                float(found["bottom"]),
                sizes[len(sizes) // 2] if sizes else 0.0,
                number,
                numbering.at(float(found["top"])),
            )
        )
    return PageLayout(
        number, float(page.height), tuple(lines), tuple(tables), len(all_lines), unmapped
    )
