"""Laying out a statistics table from the form variant and a template layout.

The variant gives the rows, columns and labels; the layout (``tables.toml``, see
docs/templates.md) gives the arrangement: header rows with merged cells, the label columns
and how row groups nest. The result is a ``Grid`` (for HTML, .docx and text) and the same
table flattened to one header row (for Markdown, which cannot merge cells).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from gik_rules.forms.variant import BlockSpec, FormVariant, RowSpec, TableSpec
from gik_rules.render.errors import TemplateError
from gik_rules.render.grid import Grid, GridCell, GridError
from gik_rules.render.layout_spec import HeaderCell, LayoutSpec, layout_spec

TextOf = Callable[[str], str]


@attrs.frozen(slots=True)
class FlatTable:
    """A table with one header row; ``caption`` names a 表二 block."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen(slots=True)
class TableLayout:
    grid: Grid
    flat: tuple[FlatTable, ...]


def _spread(cells: Sequence[GridCell], width: int) -> tuple[GridCell, ...]:
    """The cells with the last one widened to fill ``width`` columns."""
    if not cells:
        return ()
    extra = width - len(cells)
    return (*cells[:-1], attrs.evolve(cells[-1], colspan=cells[-1].colspan + extra))


def _blocks(spec: TableSpec, layout: LayoutSpec, text_of: TextOf) -> TableLayout:
    label_header = layout.label_header
    width = 1 + max(len(b.columns) for b in spec.blocks)
    rows: list[tuple[GridCell, ...]] = []
    flat: list[FlatTable] = []
    for block in spec.blocks:
        rows.append((GridCell(block.label, "title", colspan=width),))
        heads = [GridCell(c.label, "header") for c in block.columns]
        rows.append((GridCell(label_header, "header"), *_spread(heads, width - 1)))
        body = []
        for row in block.rows:
            ids = [f"{spec.id}.{row.id}.{c.id}" for c in block.columns]
            values = [GridCell(text_of(cid), "value", cell_id=cid) for cid in ids]
            rows.append((GridCell(row.label, "label"), *_spread(values, width - 1)))
            body.append((row.label, *(v.text for v in values)))
        header = (label_header, *(c.label for c in block.columns))
        flat.append(FlatTable(block.label, header, tuple(body)))
    return TableLayout(Grid(spec.id, width, tuple(rows)), tuple(flat))


def _header_text(raw: HeaderCell, block: BlockSpec, table_id: str) -> str:
    if raw.text is not None:
        return raw.text
    if raw.column is not None:
        found = [c.label for c in block.columns if c.id == raw.column]
    elif raw.row is not None:
        found = [r.label for r in block.rows if r.id == raw.row]
    else:
        found = []
    if not found:
        raise TemplateError(f"layout of {table_id}: header cell {raw} names nothing")
    return found[0]


def _header(layout: LayoutSpec, block: BlockSpec, table_id: str) -> list[tuple[GridCell, ...]]:
    return [
        tuple(
            GridCell(
                _header_text(cell, block, table_id),
                "header",
                rowspan=cell.rowspan,
                colspan=cell.colspan,
            )
            for cell in row
        )
        for row in layout.header
    ]


def _paths(grid: Grid, header_rows: int) -> list[str]:
    """For each grid column, the distinct header texts above it, top down."""
    paths: list[list[str]] = [[] for _ in range(grid.width)]
    for row in list(grid.placed())[:header_rows]:
        for placed in row:
            for column in range(placed.column, placed.column + placed.cell.colspan):
                text = placed.cell.text
                if text and text not in paths[column]:
                    paths[column].append(text)
    return [" / ".join(p) for p in paths]


def _label_path(row: RowSpec, parents: Mapping[str, str]) -> list[str]:
    path = [row.label]
    group = row.group
    while group and group not in path:
        path.insert(0, group)
        group = parents.get(group)
    return path


def _grid(spec: TableSpec, layout: LayoutSpec, text_of: TextOf) -> TableLayout:
    block = spec.blocks[0]
    labels = layout.label_columns
    parents = layout.parents
    width = labels + len(block.columns)
    rows = _header(layout, block, spec.id)
    head = len(rows)
    body: list[list[GridCell]] = []
    flat_rows = []
    previous: list[str] = []
    origin: dict[int, tuple[int, int]] = {}  # label column -> (body row, cell index)
    for row in block.rows:
        path = _label_path(row, parents)
        if len(path) > labels:
            raise TemplateError(
                f"layout of {spec.id}: {' / '.join(path)} needs {len(path)} label columns"
            )
        cells: list[GridCell] = []
        for depth, text in enumerate(path):
            leaf = depth == len(path) - 1
            same = (
                not leaf
                and depth < len(previous) - 1
                and previous[: depth + 1] == path[: depth + 1]
                and depth in origin
            )
            if same:
                r, i = origin[depth]
                body[r][i] = attrs.evolve(body[r][i], rowspan=body[r][i].rowspan + 1)
                continue
            colspan = labels - depth if leaf else 1
            if not leaf:
                origin[depth] = (len(body), len(cells))
            cells.append(GridCell(text, "label", colspan=colspan))
        ids = [f"{spec.id}.{row.id}.{c.id}" for c in block.columns]
        values = [GridCell(text_of(cid), "value", cell_id=cid) for cid in ids]
        cells.extend(values)
        body.append(cells)
        flat_rows.append((" / ".join(path), *(v.text for v in values)))
        previous = path
    grid = Grid(spec.id, width, (*rows, *(tuple(r) for r in body)))
    _check(grid)
    paths = _paths(grid, head)
    header = (" / ".join(dict.fromkeys(p for p in paths[:labels] if p)), *paths[labels:])
    return TableLayout(grid, (FlatTable("", header, tuple(flat_rows)),))


def _single_row(spec: TableSpec, layout: LayoutSpec, text_of: TextOf) -> TableLayout:
    block = spec.blocks[0]
    ids = [f"{spec.id}.{r.id}.{c.id}" for r in block.rows for c in block.columns]
    rows = _header(layout, block, spec.id)
    figures = tuple(GridCell(text_of(cid), "value", cell_id=cid) for cid in ids)
    grid = Grid(spec.id, len(ids), (*rows, figures))
    _check(grid)
    header = tuple(_paths(grid, len(rows)))
    return TableLayout(grid, (FlatTable("", header, (tuple(c.text for c in figures),)),))


def _check(grid: Grid) -> None:
    try:
        grid.check()
    except GridError as exc:
        raise TemplateError(f"layout of {grid.table_id}: {exc}") from exc


_KINDS = {"blocks": _blocks, "grid": _grid, "single_row": _single_row}


def lay_out(
    variant: FormVariant,
    table_id: str,
    layout: LayoutSpec | Mapping[str, Any],
    text_of: TextOf,
) -> TableLayout:
    """The table ``table_id`` of ``variant``, with ``text_of(cell_id)`` in its figure cells
    (called once per cell: the flat tables reuse the grid's texts). ``layout`` may be a
    table as ``tables.toml`` writes it."""
    spec = variant.table(table_id)
    if spec is None:
        raise TemplateError(f"{variant.id} has no table {table_id}")
    layout = layout_spec(layout, f"layout of {table_id}")
    return _KINDS[layout.kind](spec, layout, text_of)
