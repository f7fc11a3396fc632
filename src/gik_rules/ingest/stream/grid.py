"""The tables of a structured document (.docx, HTML, PDF) through the same stream reader.

A reader that sees real cells hands them over as raw tables. They are written out as
Markdown pipe rows, one row a line, and read like any text table, so that one reader maps
every layout onto the form; each figure keeps the position its own cell had.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import attrs

from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.document import RawCell, RawTable
from gik_rules.ingest.stream.cells import Layout
from gik_rules.ingest.stream.table import TableRead, read_table
from gik_rules.model.span import SourceSpan
from gik_rules.textnorm import normalise


@attrs.frozen(slots=True)
class _Grid:
    text: str
    starts: tuple[int, ...]  # where each cell's text starts in ``text``
    cells: tuple[RawCell, ...]

    @classmethod
    def of(cls, tables: Sequence[RawTable]) -> _Grid:
        parts: list[str] = []
        starts: list[int] = []
        cells: list[RawCell] = []
        pos = 0
        for table in tables:
            for row in table.rows:
                parts.append("| ")
                pos += 2
                for cell in row:
                    # One line a row: a cell's own pipes and line breaks would split it.
                    text = cell.text.replace("|", "¦").replace("\n", " ")
                    starts.append(pos)
                    cells.append(cell)
                    parts.append(text + " | ")
                    pos += len(text) + 3
                parts.append("\n")
                pos += 1
        return cls("".join(parts), tuple(starts), tuple(cells))

    def index_at(self, at: int) -> int:
        """The index of the cell whose text is at ``at`` (-1 before the first)."""
        return bisect.bisect_right(self.starts, at) - 1


def read_grid(
    tables: Sequence[RawTable], table_id: str, variants: tuple[FormVariant, ...]
) -> TableRead:
    """Table ``table_id`` from the raw tables a reader gave for it (in order: a table
    continued over pages comes as several)."""
    grid = _Grid.of(tables)
    folded = normalise(grid.text)

    def locate(i: int) -> SourceSpan:
        index = grid.index_at(folded.source_index(i))
        return grid.cells[index].span if index >= 0 else SourceSpan()

    def printed(start: int, end: int) -> str:
        a, b = folded.source_span(start, end)
        index = grid.index_at(a)
        if index >= 0 and b <= grid.starts[index] + len(grid.cells[index].text):
            return grid.cells[index].text  # the whole cell as the reader gave it
        return grid.text[a:b]

    return read_table(
        folded.text, 0, len(folded.text), table_id, variants, locate, printed, layout=Layout.ROWS
    )
