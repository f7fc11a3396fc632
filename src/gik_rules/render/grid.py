"""A laid-out table: rows of cells with row and column spans, merged cells given once.

This is the shape of an HTML table and of a Word table with merged cells. ``placed()``
gives every row as the positions it covers, including the continuations of cells merged
from above, which is how Word (and a .docx converted to text) lists them.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

# What a cell is: a block title row (第二十条第（一）项), a header, a row label or a figure.
KINDS = ("title", "header", "label", "value")


@attrs.frozen(slots=True)
class GridCell:
    text: str = ""
    kind: str = "value"
    rowspan: int = 1
    colspan: int = 1
    cell_id: str | None = None  # the report cell a figure shows

    @property
    def is_header(self) -> bool:
        return self.kind in ("title", "header")


@attrs.frozen(slots=True)
class Placed:
    """A position of a row: the cell that starts there, or the continuation of a cell
    merged from a row above (``continued``; its text belongs to the origin)."""

    column: int
    cell: GridCell
    continued: bool = False


class GridError(ValueError):
    """Cells that do not tile the grid."""


@attrs.frozen(slots=True)
class Grid:
    table_id: str
    width: int
    rows: tuple[tuple[GridCell, ...], ...]

    def placed(self) -> Iterator[tuple[Placed, ...]]:
        """Each row as its positions, left to right; raises GridError on a gap or overlap."""
        below: dict[int, tuple[GridCell, int]] = {}  # column -> (cell, rows still covered)
        for number, row in enumerate(self.rows):
            out: list[Placed] = []
            covered = {
                c for start, (cell, _) in below.items() for c in range(start, start + cell.colspan)
            }
            cells = iter(row)
            column = 0
            while column < self.width:
                if column in below:
                    above, left = below.pop(column)
                    out.append(Placed(column, above, continued=True))
                    if left > 1:
                        below[column] = (above, left - 1)
                    column += above.colspan
                    continue
                cell = next(cells, None)
                if cell is None:
                    raise GridError(f"{self.table_id}: row {number + 1} stops at column {column}")
                if column + cell.colspan > self.width or any(
                    c in covered for c in range(column, column + cell.colspan)
                ):
                    raise GridError(f"{self.table_id}: row {number + 1} overflows at {column}")
                out.append(Placed(column, cell))
                if cell.rowspan > 1:
                    below[column] = (cell, cell.rowspan - 1)
                column += cell.colspan
            if next(cells, None) is not None:
                raise GridError(f"{self.table_id}: row {number + 1} is wider than {self.width}")
            yield tuple(out)
        if below:
            raise GridError(f"{self.table_id}: a cell spans below the last row")

    def check(self) -> Grid:
        """The grid itself, once every row tiles exactly."""
        for _ in self.placed():
            pass
        return self
