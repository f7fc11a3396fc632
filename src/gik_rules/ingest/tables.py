"""The cells of a raw table row, parsed once, and whether a cell names something.

Mapping rows onto the form is the stream reader's (``ingest.stream``); the document
readers' raw tables reach it through ``ingest.stream.grid``.
"""

from __future__ import annotations

from collections.abc import Sequence

from gik_rules.ingest.document import RawCell
from gik_rules.model.cell import Cell, CellState
from gik_rules.model.cell_text import parse_cell_text


def parse_row(row: Sequence[RawCell]) -> list[Cell]:
    """The cells a raw row's texts denote, each with its span."""
    return [parse_cell_text(c.text, c.span) for c in row]


def names_something(cell: Cell) -> bool:
    """A parsed cell that names something rather than holds a figure."""
    return cell.state is CellState.INVALID and any(ch.isalpha() for ch in cell.raw)


def is_label(text: str) -> bool:
    """A cell that names something rather than holds a figure."""
    return names_something(parse_cell_text(text))
