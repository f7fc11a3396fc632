"""Walking a word processor's body in document order (.docx and .odt alike).

A reader names its dialect (which elements are paragraphs, tables and containers, a
paragraph's text, a table's grid of cells); the walk is the same for both:

- a paragraph is numbered (``line``) and each of its lines is a paragraph of its own (a
  line break inside a paragraph often separates a heading from its text);
- a table of one column, or one holding other tables, frames the report for layout: its
  content is read as if it stood outside it;
- another table gives its rows; a position covered by a merged cell is left out (the
  document model gives a merged cell once), every paragraph of a cell is numbered, and a
  cell's ``ref`` is "table T, row R, column C" with C its grid column;
- a container (a content control, a section, a list) is read as if its content stood in
  its parent.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import attrs

from gik_rules.ingest.document import Block, RawCell, RawTable, paragraphs
from gik_rules.model.span import SourceSpan

Kind = Literal["paragraph", "table", "container"]


@attrs.frozen(slots=True)
class GridCell:
    """A cell element at its grid ``column`` (from 1); ``covered``: a position covered
    by a cell merged from above or from the left."""

    element: Any
    column: int
    covered: bool = False


class BodyWalker(abc.ABC):
    """Numbers paragraphs and tables while walking a body in document order."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.tables = 0
        #: the element of each paragraph number (``elements[line - 1]``), and the cell
        #: element of each cell ``ref``: where ``fix`` edits the file it read
        self.elements: list[Any] = []
        self.cells: dict[str, Any] = {}

    @abc.abstractmethod
    def kind(self, element: Any) -> Kind | None:
        """What an element of a body or a cell is (``None``: nothing to read)."""

    @abc.abstractmethod
    def text(self, paragraph: Any) -> str:
        """The visible text of a paragraph."""

    @abc.abstractmethod
    def grid(self, table: Any) -> list[list[GridCell]]:
        """The table's own rows of cells (not those of tables inside it)."""

    @abc.abstractmethod
    def cell_paragraphs(self, table: Any, cell: Any) -> Sequence[Any]:
        """The paragraphs of a cell of ``table`` (not those of tables inside it)."""

    @abc.abstractmethod
    def nested(self, table: Any) -> bool:
        """Whether the table holds another table."""

    def blocks(self, container: Any) -> Iterator[Block]:
        for child in container:
            kind = self.kind(child)
            if kind == "paragraph":
                self.paragraphs += 1
                self.elements.append(child)
                yield from paragraphs(self.text(child), SourceSpan(line=self.paragraphs))
            elif kind == "table":
                yield from self.table(child)
            elif kind == "container":
                yield from self.blocks(child)

    def table(self, table: Any) -> Iterator[Block]:
        rows = self.grid(table)
        real = [[c for c in row if not c.covered] for row in rows]
        if self.nested(table) or all(len(row) <= 1 for row in real):
            for row in real:  # a frame around the report: read what it holds
                for cell in row:
                    yield from self.blocks(cell.element)
            return
        self.tables += 1
        number, first_line = self.tables, self.paragraphs + 1
        out: list[tuple[RawCell, ...]] = []
        for r, row in enumerate(rows, start=1):
            raw: list[RawCell] = []
            for cell in row:
                found = self.cell_paragraphs(table, cell.element)
                line = self.paragraphs + 1
                self.paragraphs += len(found)
                self.elements.extend(found)
                ref = f"table {number}, row {r}, column {cell.column}"
                self.cells[ref] = cell.element
                if not cell.covered:
                    raw.append(
                        RawCell("\n".join(self.text(p) for p in found), SourceSpan(line, ref=ref))
                    )
            out.append(tuple(raw))
        yield RawTable(tuple(out), SourceSpan(line=first_line, ref=f"table {number}"))
