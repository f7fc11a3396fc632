"""Tables without ruling lines, from the positions of their words.

Some reports print their tables without rules, and a scan's rules may be too faint to
find. Such a table reaches the page reader as plain lines of text, each a row label
followed, after a wide gap, by figures standing in columns. This module finds those
lines on a page (from the text layer or the OCR boxes: the same characters either way),
and rebuilds the table as a ruled one would read:

- **phrases**: a line's characters, split where the gap between two of them is wider than
  a character; a phrase that is a figure (a number, with its unit or sign, or a
  placeholder) on a line that also holds a label is a table figure;
- **a table** is a run of lines with figures, with the label lines between them and the
  header lines above them; a heading, a paragraph of prose or a wide gap ends it;
- **columns** are where the figures stand: the figures of all rows are merged where they
  overlap, and a header line inside the table (a sub-table's own header, as 表二 has one
  for each article) starts columns of its own; labels are left of the first column, a
  cell for the lines that stand over each other (a group label beside its rows' labels
  is a cell of its own);
- **rows** are anchored on the labels: a figure line starts a row, a label line that
  starts with an enumerator (一、 （一） 1. ①) starts one too, and any other label line
  continues the row above it, so a label wrapped over lines stays one cell whether the
  cell's text is aligned to its top, middle or bottom.

The rebuilt tables go to the same form-driven table reader as every other table, which
finds the rows by the form's labels; a row whose figures cannot be placed is reported
there, never guessed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from operator import itemgetter

import attrs

from gik_rules.ingest.document import RawCell
from gik_rules.ingest.pdf_layer import Char, PageGeometry
from gik_rules.ingest.pdf_page import PageLayout, PdfLine, PdfTable
from gik_rules.ingest.spacing import join_lines, tighten
from gik_rules.ingest.structure import heading_of
from gik_rules.model.cell import CellState
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.model.span import SourceSpan

Box = tuple[float, float, float, float]
# A line ending in a figure after a space: the cheap test for a page worth looking at.
_FIGURE_END = re.compile(r"\s(?:[+\-]?\d[\d.,]*[\u4e00-\u9fff]{0,2}|[/—–-]+)$")
_ENUMERATOR = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．]|[①-⑳])"
)
_FIGURE_STATES = (CellState.VALUE, CellState.ZERO, CellState.PLACEHOLDER)
_TEXT, _X0, _X1 = itemgetter("text"), itemgetter("x0"), itemgetter("x1")
_TOP, _BOTTOM = itemgetter("top"), itemgetter("bottom")


@attrs.frozen(slots=True)
class _Phrase:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@attrs.define
class _Line:
    source: PdfLine
    phrases: list[_Phrase]
    figures: list[_Phrase]  # the figure phrases after its label, if it is a figure line

    @property
    def labels(self) -> list[_Phrase]:
        return [p for p in self.phrases if p not in self.figures]


def _phrases(chars: Sequence[Char]) -> list[_Phrase]:
    """The characters of one line split where they stand apart (more than half a
    character's height between two of them)."""
    out: list[_Phrase] = []
    group: list[Char] = []
    for char in sorted(chars, key=_X0):
        if group and char["x0"] - group[-1]["x1"] > max(group[-1]["size"], char["size"]) * 0.6:
            out.append(_phrase(group))
            group = []
        group.append(char)
    if group:
        out.append(_phrase(group))
    return [p for p in out if p.text]


def _phrase(chars: list[Char]) -> _Phrase:
    return _Phrase(
        tighten("".join(map(_TEXT, chars))),
        min(map(_X0, chars)),
        max(map(_X1, chars)),
        min(map(_TOP, chars)),
        max(map(_BOTTOM, chars)),
    )


def _is_figure(phrase: _Phrase) -> bool:
    return parse_cell_text(phrase.text).state in _FIGURE_STATES


def _line(source: PdfLine, chars: Sequence[Char]) -> _Line:
    phrases = _phrases(chars)
    # the figures are the phrases after the last one that is not a figure
    tail: list[_Phrase] = []
    for phrase in reversed(phrases):
        if not _is_figure(phrase):
            break
        tail.insert(0, phrase)
    if len(tail) == len(phrases):  # figures without a label: a row of a table only
        tail = tail if len(tail) >= 2 else []  # when there are several of them
    return _Line(source, phrases, tail)


def _chars_of(lines: Sequence[PdfLine], chars: Sequence[Char]) -> list[list[Char]]:
    """The characters of each line (by their centres): a character is the first line's
    that holds its centre (a point from the line's box)."""
    out: list[list[Char]] = [[] for _ in lines]
    if not lines:
        return out
    # The lines whose tops are near a centre are looked at, not every line: a centre
    # within the point of a line lies at most its height and the point (and a margin for
    # rounding) below its top. The glyphs of a line share their centres' height: the
    # lines that hold a height are found once for it, in their order.
    order = sorted(range(len(lines)), key=lambda k: lines[k].top)
    tops = [lines[k].top for k in order]
    reach = max(line.bottom - line.top for line in lines) + 4
    unordered = any(x != x for line in lines for x in (line.top, line.bottom))  # NaN
    holding: dict[float, list[tuple[int, PdfLine]]] = {}
    for char in chars:
        cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
        found = holding.get(cy)
        if found is None:
            near = (
                range(len(lines))
                if unordered
                else sorted(
                    order[bisect.bisect_left(tops, cy - reach) : bisect.bisect_right(tops, cy + 2)]
                )
            )
            found = holding[cy] = [
                (k, lines[k]) for k in near if lines[k].top - 1 <= cy <= lines[k].bottom + 1
            ]
        for index, line in found:
            if line.x0 - 1 <= cx <= line.x1 + 1:
                out[index].append(char)
                break
    return out


@attrs.frozen(slots=True)
class Lineless:
    """A page's layout with its lineless tables; ``fragments``: where the page's first
    table opens with the rest of figures broken by the page break before it (figures
    without a row above its first row), as x-ranges; ``last_row``: the last row of a
    lineless table that ends the page (where a figure may break)."""

    layout: PageLayout
    fragments: tuple[tuple[float, float], ...] = ()
    last_row: tuple[RawCell, ...] | None = None


def add_lineless_tables(geometry: PageGeometry, layout: PageLayout) -> Lineless:
    """``layout`` with the lineless tables among its lines made tables."""
    if not any(_FIGURE_END.search(line.text) for line in layout.lines):
        return Lineless(layout)
    lines = [
        _line(source, chars)
        for source, chars in zip(layout.lines, _chars_of(layout.lines, geometry.chars), strict=True)
    ]
    tables: list[PdfTable] = []
    used: set[int] = set()
    fragments: tuple[tuple[float, float], ...] = ()
    for block in _blocks(lines):
        built = _Table(block)
        table = built.build(geometry.number)
        if table is not None:
            if not tables and block[0] is lines[0] and not layout.tables:
                fragments = built.fragments
            tables.append(table)
            used.update(id(line.source) for line in block)
    if not tables:
        return Lineless(layout)
    kept = tuple(line for line in layout.lines if id(line) not in used)
    last = tables[-1]
    below = [x for x in kept if x.top > last.top] + [t for t in layout.tables if t.top > last.top]
    ends_page = all(isinstance(x, PdfLine) and len(x.text) <= 8 for x in below)
    return Lineless(
        attrs.evolve(
            layout, lines=kept, tables=tuple(sorted((*layout.tables, *tables), key=lambda t: t.top))
        ),
        fragments,
        last.rows[-1] if ends_page else None,
    )


def _pitch(lines: Sequence[_Line]) -> float:
    heights = sorted(x.source.bottom - x.source.top for x in lines)
    return heights[len(heights) // 2] if heights else 12.0


def _prose(line: _Line) -> bool:
    text = line.source.text
    return "。" in text or (len(line.phrases) == 1 and len(text) > 40)


def _blocks(lines: Sequence[_Line]) -> list[list[_Line]]:
    """Runs of lines that make a table: two figure lines or more, the label lines
    between them and the header lines above the first."""
    blocks: list[list[_Line]] = []
    index = 0
    while index < len(lines):
        if not lines[index].figures:
            index += 1
            continue
        pitch = _pitch(lines)
        start = index
        # header lines above: not a heading or prose, close to the line below them
        while (
            start > 0
            and not lines[start - 1].figures
            and not _prose(lines[start - 1])
            and not heading_of(lines[start - 1].source.text)
            and lines[start].source.top - lines[start - 1].source.bottom < 3 * pitch
            and lines[start - 1].source.page == lines[start].source.page
        ):
            start -= 1
        end = index + 1
        last_figures = index
        edge = min(p.x0 for p in lines[index].figures)
        while end < len(lines):
            line = lines[end]
            # a heading ends the table; a row label shaped like one (一、本年新收…) stays
            # left of the figures
            heading = not line.figures and heading_of(line.source.text) and line.source.x1 > edge
            if (
                _prose(line)
                or heading
                or line.source.page != lines[end - 1].source.page
                or line.source.top - lines[end - 1].source.bottom > 3 * pitch
            ):
                break
            if line.figures:
                last_figures = end
                edge = min(edge, *(p.x0 for p in line.figures))
            elif end - last_figures > 6:
                break
            end += 1
        # label lines after the last figure line belong to it only while they wrap it
        end = last_figures + 1
        while (
            end < len(lines)
            and not lines[end].figures
            and not _ENUMERATOR.match(lines[end].source.text)
            and not _prose(lines[end])
            and not heading_of(lines[end].source.text)
            and lines[end].source.top - lines[end - 1].source.bottom < pitch
        ):
            end += 1
        block = list(lines[start:end])
        rows = [line for line in block if line.figures]
        # one row makes a table only under a header that names its columns (a table
        # broken over a page leaves one row on it)
        headed = any(
            sum(1 for p in line.phrases if p.x0 >= edge - 2) >= 2
            for line in block[: block.index(rows[0])]
        )
        if len(rows) >= 2 or headed:
            blocks.append(block)
        index = end
    return blocks


@attrs.define
class _Band:
    """The lines of one table row."""

    lines: list[_Line] = attrs.field(factory=list)
    figures: bool = False


class _Table:
    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        figures = [p for line in lines for p in line.figures]
        self.edge = min(p.x0 for p in figures) - 1  # where the labels end
        self.fragments: tuple[tuple[float, float], ...] = ()

    def build(self, page: int) -> PdfTable | None:
        segments = self._segments()
        heads = list(itertools.takewhile(lambda x: not x.figures, segments[0]))
        # figures alone above the first row: the rest of figures from the page before
        self.fragments = tuple(
            (p.x0, p.x1)
            for line in heads
            if all(_is_figure(p) and p.x0 >= self.edge for p in line.phrases)
            for p in line.phrases
        )
        rows: list[tuple[RawCell, ...]] = []
        for segment in segments:
            columns = _columns([p for line in segment for p in line.figures])
            if not columns:
                continue
            for band in self._bands(segment):
                rows.append(self._row(band, columns, page))
        if len(rows) < 2:
            return None
        first = self.lines[0].source
        return PdfTable(tuple(rows), first.top, page, first.line)

    def _in_figures(self, line: _Line) -> bool:
        """Whether a line has words over the figure columns (a header); the rest of a
        figure wrapped in a narrow cell ("139" over "5") is no header."""
        return any(p.x1 > self.edge and not _is_figure(p) for p in line.labels)

    def _segments(self) -> list[list[_Line]]:
        """The table split before each header line inside it (a sub-table's header)."""
        segments: list[list[_Line]] = [[]]
        for line in self.lines:
            header = not line.figures and self._in_figures(line)
            if header and any(x.figures for x in segments[-1]):
                segments.append([])
            segments[-1].append(line)
        return segments

    def _bands(self, segment: list[_Line]) -> list[_Band]:
        bands: list[_Band] = []
        heading = True  # the header lines at the segment's top: one row, or one a group
        for line in segment:
            if heading and not line.figures:
                spans = any(self._spans(p) for p in line.labels if p.x1 > self.edge)
                if not bands or spans or bands[-1].figures or self._spanning(bands[-1]):
                    bands.append(_Band())
                bands[-1].lines.append(line)
                continue
            if heading:
                heading = False
                bands.append(_Band())
            current = bands[-1]
            if line.figures:
                # a row's first label line may stand above its figures (text centred or
                # set at the bottom of its cell): the figures join it
                joins = (
                    not current.figures
                    and not self._header(current)
                    and (not line.labels or _under(line, current))
                )
                if not joins:
                    current = _Band()
                    bands.append(current)
                current.lines.append(line)
                current.figures = True
            elif all(p.x0 >= self.edge for p in line.labels):
                current.lines.append(line)  # the rest of a figure wrapped in its cell
            elif _ENUMERATOR.match(line.labels[0].text) or not _under(line, current):
                # a new row's label, or a line of its own across the table (第二十条第（六）项)
                bands.append(_Band([line]))
            else:
                current.lines.append(line)
        return [b for b in bands if b.lines]

    def _header(self, band: _Band) -> bool:
        return any(self._in_figures(line) for line in band.lines)

    def _spanning(self, band: _Band) -> bool:
        return any(self._spans(p) for line in band.lines for p in line.labels if p.x1 > self.edge)

    def _spans(self, phrase: _Phrase) -> bool:
        """A header phrase over several columns (申请人情况 over the applicant columns)."""
        figures = [p for line in self.lines for p in line.figures]
        covered = {round(p.centre) for p in figures if phrase.x0 <= p.centre <= phrase.x1}
        return len(covered) >= 2

    def _row(
        self, band: _Band, columns: list[tuple[float, float]], page: int
    ) -> tuple[RawCell, ...]:
        top = min(line.source.top for line in band.lines)
        bottom = max(line.source.bottom for line in band.lines)
        labels: list[_Phrase] = []
        cells: list[list[_Phrase]] = [[] for _ in columns]
        for line in band.lines:
            for phrase in line.phrases:
                if phrase.x1 <= self.edge or (phrase not in line.figures and phrase.x0 < self.edge):
                    labels.append(phrase)
                else:
                    at = min(
                        range(len(columns)),
                        key=lambda i: _distance(phrase.centre, columns[i]),
                    )
                    cells[at].append(phrase)
        number = band.lines[0].source.line
        out: list[RawCell] = []
        for group in _stacks(labels):
            box = (min(p.x0 for p in group), top, max(p.x1 for p in group), bottom)
            out.append(_cell(group, number, page, len(out) + 1, box))
        edges = [self.edge, *[(a[1] + b[0]) / 2 for a, b in itertools.pairwise(columns)]]
        edges.append(columns[-1][1] + 1)
        for i, group in enumerate(cells):
            box = (edges[i], top, edges[i + 1], bottom)
            out.append(_cell(group, number, page, len(out) + 1, box))
        return tuple(out)


def _under(line: _Line, band: _Band) -> bool:
    """Whether a line's labels stand under (or over) labels of the band: the lines of one
    cell overlap, whatever their alignment."""
    return any(
        p.x0 < q.x1 and q.x0 < p.x1
        for p in line.labels
        for other in band.lines
        for q in other.labels
    )


def _stacks(phrases: list[_Phrase]) -> list[list[_Phrase]]:
    """Label phrases of one row as cells: the lines of one cell stand over each other
    (their extents overlap, whether the cell is aligned left or centred); cells stand
    side by side (a group label beside its row's label)."""
    stacks: list[list[_Phrase]] = []
    for phrase in sorted(phrases, key=lambda p: p.x0):
        if stacks and phrase.x0 < max(p.x1 for p in stacks[-1]):
            stacks[-1].append(phrase)
        else:
            stacks.append([phrase])
    return [sorted(stack, key=lambda p: p.top) for stack in stacks]


def _cell(phrases: list[_Phrase], line: int, page: int, column: int, box: Box) -> RawCell:
    return RawCell(
        join_lines([p.text for p in phrases]),
        SourceSpan(line=line, page=page, ref=f"row at line {line}, column {column}"),
        box,
    )


def _distance(x: float, column: tuple[float, float]) -> float:
    left, right = column
    return 0.0 if left <= x <= right else min(abs(x - left), abs(x - right))


def _columns(figures: Sequence[_Phrase]) -> list[tuple[float, float]]:
    """The x-ranges of the columns the figures stand in: overlapping figures merged."""
    columns: list[list[float]] = []
    for phrase in sorted(figures, key=lambda p: p.x0):
        if columns and phrase.x0 <= columns[-1][1] + 1:
            columns[-1][1] = max(columns[-1][1], phrase.x1)
        else:
            columns.append([phrase.x0, phrase.x1])
    return [(a, b) for a, b in columns]
