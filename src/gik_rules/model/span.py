"""Where a piece of a report came from in its source document."""

from __future__ import annotations

from typing import Any

import attrs


@attrs.frozen(slots=True)
class SourceSpan:
    """A position in a source file.

    ``line`` and ``column`` are 1-based positions in text-like sources; ``page`` is the
    1-based page of a PDF; ``ref`` names a spreadsheet cell (``"B7"``) or a table cell
    (``"table 3, row 5, cell 2"``) where lines do not apply.
    """

    line: int | None = None
    column: int | None = None
    page: int | None = None
    ref: str | None = None

    def __reduce__(self) -> tuple[Any, tuple[int | str | None, ...]]:
        return span_of, (self.line, self.column, self.page, self.ref)  # as Cell's

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f":{self.column}" if self.column else ""))
        if self.ref:
            parts.append(self.ref)
        return ", ".join(parts)


#: spans and cells shared by value (``span_of``, ``cell.cell_of``): a report's spans
#: repeat a few lines and its cells a few values, a batch of reports all of them, and a
#: frozen object is shared as safely as it is made anew, for a fraction of what building
#: one through attrs costs. Past this many entries, objects are built and not kept.
KEPT = 1 << 16
_SPANS: dict[tuple[object, ...], SourceSpan] = {}


#: the types of a span's figures that are shared by value (``True`` is no 1)
_PLAIN = frozenset({int, type(None)})


def span_of(
    line: int | None, column: int | None = None, page: int | None = None, ref: str | None = None
) -> SourceSpan:
    """``SourceSpan(line, column, page, ref)``, shared where its values are plain (the
    canonical reader and unpickling take spans from here; ``True`` is no 1)."""
    if not (
        type(line) in _PLAIN
        and type(column) in _PLAIN
        and type(page) in _PLAIN
        and (ref is None or type(ref) is str)
    ):
        return SourceSpan(line, column, page, ref)
    key = (line, column, page, ref)
    span = _SPANS.get(key)
    if span is None:
        span = SourceSpan(line, column, page, ref)
        if len(_SPANS) < KEPT:
            _SPANS[key] = span
    return span


_new = object.__new__
_SET_LINE = SourceSpan.__dict__["line"].__set__
_SET_COLUMN = SourceSpan.__dict__["column"].__set__
_SET_PAGE = SourceSpan.__dict__["page"].__set__
_SET_REF = SourceSpan.__dict__["ref"].__set__


def line_column(line: int, column: int) -> SourceSpan:
    """``span_of(line, column)`` of two ints (a text reader asks for one for every cell
    it reads: the reports of a batch put their cells at the same places), a new one made
    with its slots filled straight (attrs' ``__init__`` sets each field through a look-up
    by name, a quarter of the time of the whole)."""
    key = (line, column, None, None)
    span = _SPANS.get(key)
    if span is None:
        span = _new(SourceSpan)
        _SET_LINE(span, line)
        _SET_COLUMN(span, column)
        _SET_PAGE(span, None)
        _SET_REF(span, None)
        if len(_SPANS) < KEPT:
            _SPANS[key] = span
    return span
