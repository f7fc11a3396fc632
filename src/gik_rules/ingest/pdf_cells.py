"""pdfplumber's table finder, its cell search indexed.

``TableFinder`` finds the cells of a page's ruled tables from the intersections of its
rules: for each intersection, the nearest one below and to the right that the rules
join into a rectangle. pdfplumber looks for those among every later intersection, and
builds the sets of rules it compares anew for every pair, which makes a page of one
large table cost more than the rest of its reading. ``IndexedTableFinder`` is the same
finder, its cell search run over the intersections of each column and row (an index
made once) with each intersection's rules gathered once: the same cells in the same
order (tests/ingest/test_pdf_cells.py checks it against pdfplumber's own search).
"""

from __future__ import annotations

import itertools
from operator import itemgetter
from typing import Any

from pdfplumber.table import Table, TableFinder, TableSettings, edges_to_intersections
from pdfplumber.table import cells_to_tables as _plumber_tables
from pdfplumber.table import intersections_to_cells as _plumber_cells

Point = tuple[float, float]
BBox = tuple[float, float, float, float]
Intersections = dict[tuple[float, float], dict[str, list[dict[str, Any]]]]
#: pdfplumber's ``obj_to_bbox``
_BOX = itemgetter("x0", "top", "x1", "bottom")


class IndexedTableFinder(TableFinder):
    """``pdfplumber.table.TableFinder`` with ``intersections_to_cells`` below."""

    def __init__(self, page: Any, settings: dict[str, Any] | None = None) -> None:
        # TableFinder.__init__, step for step, but for the cell search.
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges,
            self.settings.intersection_x_tolerance,
            self.settings.intersection_y_tolerance,
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def intersections_to_cells(intersections: Intersections) -> list[BBox]:
    """``pdfplumber.table.intersections_to_cells``: for each intersection, in sorted
    order, the smallest cell whose top-left corner it is."""
    if any(x != x or y != y for x, y in intersections):  # NaN: no index can hold it
        return list(_plumber_cells(intersections))
    points = sorted(intersections)
    # Each intersection's vertical and horizontal rules, by their boxes (as pdfplumber
    # compares them): two intersections of a column are joined where they share a
    # vertical rule, two of a row where they share a horizontal one.
    verticals = {p: frozenset(map(_BOX, found["v"])) for p, found in intersections.items()}
    horizontals = {p: frozenset(map(_BOX, found["h"])) for p, found in intersections.items()}
    # The later points in a point's column (below it) and in its row (right of it), in
    # the order pdfplumber meets them among all later points.
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for point in points:
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    seen_in_column: dict[float, int] = {}
    seen_in_row: dict[float, int] = {}
    cells: list[BBox] = []
    for point in points:
        x, y = point
        k = seen_in_column[x] = seen_in_column.get(x, -1) + 1
        j = seen_in_row[y] = seen_in_row.get(y, -1) + 1
        down, across = verticals[point], horizontals[point]
        row = rows[y]
        for below in itertools.islice(columns[x], k + 1, None):
            if down.isdisjoint(verticals[below]):
                continue
            level, beside = below[1], horizontals[below]
            corner = None
            for right in itertools.islice(row, j + 1, None):
                if across.isdisjoint(horizontals[right]):
                    continue
                side = verticals.get((right[0], level))
                if (
                    side is not None
                    and not side.isdisjoint(verticals[right])
                    and not horizontals[(right[0], level)].isdisjoint(beside)
                ):
                    corner = right[0]
                    break
            if corner is not None:
                cells.append((x, y, corner, level))
                break
    return cells


def cells_to_tables(cells: list[BBox]) -> list[list[BBox]]:
    """``pdfplumber.table.cells_to_tables``: the cells that share a corner, directly or
    through others, make a table; the tables of more than one cell, by their top-left
    cell. pdfplumber gathers each table by passes over the cells left, each removed
    from a list; here the cells are joined by their corners in one pass. The same tables
    in the same order, each table's cells in the order of ``cells`` (pdfplumber's passes
    meet them in another: a table's rows and box do not depend on it)."""
    if any(v != v for cell in cells for v in cell):  # NaN: pdfplumber's own order of it
        return _plumber_tables(cells)
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = i = parent[parent[i]]
        return i

    owner: dict[Point, int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                a, b = root(i), root(j)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    groups: dict[int, list[BBox]] = {}
    for i, cell in enumerate(cells):
        groups.setdefault(root(i), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]
