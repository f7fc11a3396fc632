"""One PDF page as text lines and ruled tables, from its characters and rulings.

Published reports are mostly Word documents printed to PDF, with tables ruled by lines.
The page comes as a ``PageGeometry`` (``pdf_layer``) from either backend; the cells are
found by pdfplumber's table finder and the text lines by its text extraction, both pure
geometry run here on that structure, so the two backends give the same tables. A "table"
of one column is a framed text block, not a statistics table; its text stays text. Lines
are numbered over the whole document, in the order the text extraction gives them, so a
line number can be found again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

import attrs
from pdfplumber.utils.text import (
    DEFAULT_Y_TOLERANCE,
    LIGATURES,
    chars_to_textmap,
)

from gik_rules.ingest.document import RawCell
from gik_rules.ingest.pdf_cells import IndexedTableFinder
from gik_rules.ingest.pdf_clusters import cluster_objects
from gik_rules.ingest.pdf_layer import PageGeometry, Ruling
from gik_rules.ingest.pdf_words import line_words, words
from gik_rules.ingest.spacing import join_lines, tighten
from gik_rules.model.span import SourceSpan

BBox = tuple[float, float, float, float]
_X0 = itemgetter("x0")
_TEXT, _SIZE = itemgetter("text"), itemgetter("size")
_CHARS = itemgetter(1)  # of a word and its characters
#: A character with its centre (x, y): what the tables and regions are told by.
Centred = tuple[float, float, dict[str, Any]]
# pdfminer writes a glyph whose font has no Unicode mapping as "(cid:N)": not text.
_UNMAPPED = re.compile(r"\(cid:\d+\)")
_HAS_SPACE = re.compile(r"\s")


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


def _open_ends(rulings: Sequence[Ruling]) -> list[float]:
    """Where ruled columns run on without a horizontal rule to close them.

    A table broken across pages often has no rule at the page break; without one the
    last row and every cell merged down to it would be lost. The end of the vertical
    rules closes them.
    """
    horizontals = [r for r in rulings if r.orientation == "h"]
    ends: set[float] = set()
    for rule in rulings:
        if rule.orientation != "v" or rule.bottom - rule.top < 10:
            continue
        x = rule.x0
        for y in (rule.top, rule.bottom):
            closed = any(abs(h.top - y) <= 3 and h.x0 - 3 <= x <= h.x1 + 3 for h in horizontals)
            if not closed:
                ends.add(round(y, 1))
    return sorted(ends)


class _Finder:
    """What pdfplumber's table finder and ``Table.extract`` read of a page (duck-typed:
    its edges, its characters and its box), filled from a ``PageGeometry``."""

    def __init__(self, geometry: PageGeometry, chars: list[dict[str, Any]]) -> None:
        self.bbox = (0.0, 0.0, geometry.width, geometry.height)
        self.chars = chars
        self.edges = [
            {
                "orientation": r.orientation,
                "object_type": "ruling",
                "x0": r.x0,
                "x1": r.x1,
                "top": r.top,
                "bottom": r.bottom,
                "width": r.x1 - r.x0,
                "height": r.bottom - r.top,
            }
            for r in geometry.rulings
        ]


def _text_lines(chars: list[dict[str, Any]], geometry: PageGeometry) -> list[dict[str, Any]]:
    """pdfplumber's ``extract_text_lines(strip=True)`` of a text map of ``chars`` (its
    words, clustered into lines by their tops in the order they come), each line with
    its text, box and characters.

    The lines are made from the words directly, as the text map would lay them out:
    the words of a line joined by one space, a ligature written out (its character once
    per letter). A character of a word (not white space itself) whose text is empty or
    holds white space would be cut by the text map's own search: a page with one is read
    through the text map."""
    texts = set(map(_TEXT, chars))  # each distinct text looked at once
    if any(map(_odd_text, texts)):
        textmap = chars_to_textmap(
            chars,
            layout_bbox=(0.0, 0.0, geometry.width, geometry.height),
            layout_width=geometry.width,
            layout_height=geometry.height,
        )
        found: list[dict[str, Any]] = textmap.extract_text_lines(strip=True, return_chars=True)
        return found
    page_words = words(chars)
    ligatures = not LIGATURES.keys().isdisjoint(texts)
    out = []
    for line in cluster_objects(page_words, _word_top, DEFAULT_Y_TOLERANCE, preserve_order=True):
        # A word's text and box are its characters' (``merge_chars``), ligatures written
        # out: the line's are its words'.
        line_chars: list[dict[str, Any]] = list(chain.from_iterable(map(_CHARS, line)))
        if ligatures:
            line_chars = [ch for ch in line_chars for _ in LIGATURES.get(ch["text"], ch["text"])]
        out.append(
            {
                "text": " ".join(word["text"] for word, _ in line),
                "x0": min(word["x0"] for word, _ in line),
                "top": min(word["top"] for word, _ in line),
                "x1": max(word["x1"] for word, _ in line),
                "bottom": max(word["bottom"] for word, _ in line),
                "chars": line_chars,
            }
        )
    return out


def _odd_text(text: str) -> bool:
    """Whether a glyph's text is one the text map's search would cut, unlike a word."""
    return not text or (not text.isspace() and bool(_HAS_SPACE.search(text)))


def _word_top(word: tuple[dict[str, Any], list[dict[str, Any]]]) -> float:
    return float(word[0]["top"])


def _prose(text: str) -> bool:
    return "。" in text or len(text) > 40


def _outside(centred: list[Centred], boxes: Sequence[BBox]) -> list[dict[str, Any]]:
    """The characters whose centres fall in none of ``boxes`` (edges in): those left
    out of each box in turn (a page has few)."""
    for x0, top, x1, bottom in boxes:
        centred = [c for c in centred if not (x0 <= c[0] <= x1 and top <= c[1] <= bottom)]
    return [ch for _, _, ch in centred]


class _Numbering:
    """Global line numbers of positions on a page."""

    def __init__(self, tops: Sequence[float], offset: int) -> None:
        self.tops = sorted(tops)
        self.offset = offset

    def at(self, top: float) -> int:
        index = bisect.bisect_left(self.tops, top - 2)
        return self.offset + min(index, max(len(self.tops) - 1, 0)) + 1


def _cell_text(chars: list[dict[str, Any]]) -> str:
    """pdfplumber's ``extract_text(chars)`` with its defaults (words by their gaps, lines
    by their tops within 3 points), without building an extractor and a text map for
    every cell."""
    if len(chars) == 1:  # most cells hold one figure: one glyph is one word, or none
        text = chars[0]["text"]
        return "" if text.isspace() else LIGATURES.get(text, text)
    if len({ch["top"] for ch in chars}) == 1 and all(ch["upright"] is True for ch in chars):
        # One line of upright glyphs (a figure, a short label): one line of glyphs and
        # one of words, found without clustering either.
        return " ".join(word["text"] for word, _ in line_words(sorted(chars, key=_X0)))
    lines = cluster_objects([word for word, _ in words(chars)], itemgetter("top"), 3)
    return "\n".join(" ".join(word["text"] for word in line) for line in lines)


def _extract(table: Any, rows: Sequence[Any], centred: list[Centred]) -> list[list[str | None]]:
    """The text of each cell of ``rows`` (the table's), as pdfplumber's ``Table.extract``
    gives it: a character belongs to the cell its centre falls in, the characters of a
    cell in the page's order. The characters in the table's box, which holds every row,
    are sorted by their centres' heights once, and each row takes those of its band."""
    x0, top, x1, bottom = table.bbox
    inside = sorted(
        (cy, order, cx, ch)
        for order, (cx, cy, ch) in enumerate(centred)
        if x0 <= cx < x1 and top <= cy < bottom
    )
    heights = [item[0] for item in inside]
    out: list[list[str | None]] = []
    for row in rows:
        left, upper, right, lower = row.bbox
        band = inside[bisect.bisect_left(heights, upper) : bisect.bisect_left(heights, lower)]
        in_row = sorted(
            (order, cx, cy, ch)
            for cy, order, cx, ch in band
            if left <= cx < right and upper <= cy < lower
        )
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            a, b, c, d = cell
            found = [ch for _, cx, cy, ch in in_row if a <= cx < c and b <= cy < d]
            cells.append(_cell_text(found) if found else "")
        out.append(cells)
    return out


def _table(
    table: Any, centred: list[Centred], page: int, numbering: _Numbering
) -> tuple[PdfTable | None, BBox | None]:
    """The table and the region it covers; framed text gives (None, None)."""
    table_rows = table.rows  # worked out from the cells at each reading
    texts = _extract(table, table_rows, centred)
    rows: list[tuple[int, Any, list[str | None]]] = list(
        zip(range(1, len(texts) + 1), table_rows, texts, strict=False)
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
                    bbox,
                )
            )
        if any(cell.text for cell in raw):
            out.append(tuple(raw))
    if not out:
        return None, None
    x0, _, x1, _ = table.bbox
    top, bottom = rows[0][1].bbox[1], rows[-1][1].bbox[3]
    return PdfTable(tuple(out), top, page, numbering.at(top)), (x0, top, x1, bottom)


def read_page(geometry: PageGeometry, line_offset: int) -> PageLayout:
    """Text lines outside the tables, and the tables, of one page."""
    number = geometry.number
    chars = list(geometry.chars)
    all_lines = _text_lines(chars, geometry)
    unmapped = sum(len(_UNMAPPED.findall(x["text"])) for x in all_lines)
    numbering = _Numbering([float(x["top"]) for x in all_lines], line_offset)
    tables: list[PdfTable] = []
    regions: list[BBox] = []
    page = _Finder(geometry, chars)
    settings = {"explicit_horizontal_lines": _open_ends(geometry.rulings)}
    # a page of our own geometry stands in for pdfplumber's (TableFinder reads only its
    # objects, edges and bbox)
    centred: list[Centred] = [
        ((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2, ch) for ch in chars
    ]
    for found in IndexedTableFinder(page, settings).tables:
        table, region = _table(found, centred, number, numbering)
        if table is not None and region is not None:
            tables.append(table)
            regions.append(region)
    # A page without tables is all running text: its lines are the page's lines.
    text_lines = _text_lines(_outside(centred, regions), geometry) if regions else all_lines
    lines = []
    for line in text_lines:
        text = tighten(_UNMAPPED.sub("", line["text"]))
        if not text:
            continue
        sizes = sorted(map(float, map(_SIZE, line["chars"])))
        lines.append(
            PdfLine(
                text,
                float(line["x0"]),
                float(line["x1"]),
                float(line["top"]),
                float(line["bottom"]),
                sizes[len(sizes) // 2] if sizes else 0.0,
                number,
                numbering.at(float(line["top"])),
            )
        )
    return PageLayout(
        number, geometry.height, tuple(lines), tuple(tables), len(all_lines), unmapped
    )
