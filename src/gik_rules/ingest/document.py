"""The neutral document every reader produces: paragraphs and raw tables, in order.

Readers know file formats; the assembler knows report structure. Between them stands
this small model, so that a new format needs only a new reader.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from gik_rules.ingest.result import ParseIssue
from gik_rules.model.span import SourceSpan

if TYPE_CHECKING:
    from gik_rules.ingest.cell_readings import CellReading


@attrs.frozen(slots=True)
class Paragraph:
    text: str
    span: SourceSpan = SourceSpan()


@attrs.frozen(slots=True)
class RawCell:
    """``box``: where the cell stands on its page (points from the top-left corner:
    x0, top, x1, bottom), where the reader knows it; OCR looks its figures up there. It
    takes no part in equality: two back ends may place a rule a hair apart."""

    text: str
    span: SourceSpan = SourceSpan()
    box: tuple[float, float, float, float] | None = attrs.field(default=None, eq=False)


@attrs.frozen(slots=True)
class RawTable:
    """Rows of cells as the source lays them out (merged cells given once)."""

    rows: tuple[tuple[RawCell, ...], ...]
    span: SourceSpan = SourceSpan()


Block = Paragraph | RawTable


def paragraphs(text: str, span: SourceSpan) -> Iterator[Paragraph]:
    """A paragraph's text as paragraphs, a line each: a line break inside a paragraph
    (Shift+Enter) often separates a heading from its text."""
    for line in text.split("\n"):
        if line.strip():
            yield Paragraph(line, span)


@attrs.frozen(slots=True)
class Document:
    """``issues``: what the reader found but could not read (a damaged page), reported
    with the report that the rest of the document gives; ``readings``: how sure the
    reader is of table cells it did not read from a text layer (``cell_readings``)."""

    blocks: tuple[Block, ...]
    source: str = ""
    encoding: str | None = None
    format: str = ""
    issues: tuple[ParseIssue, ...] = ()
    readings: tuple[CellReading, ...] = ()


def drop_last_row(blocks: Sequence[Block]) -> tuple[list[Block], int | None]:
    """Without the table row a truncated file breaks off in: its last figure may have lost
    digits. Returns the blocks and the line of the dropped row (``None`` without a table)."""
    for index in range(len(blocks) - 1, -1, -1):
        block = blocks[index]
        if isinstance(block, RawTable) and block.rows:
            last = block.rows[-1]
            line = last[0].span.line if last else None
            out = list(blocks)
            out[index] = RawTable(block.rows[:-1], block.span)
            return out, line
    return list(blocks), None
