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

from collections.abc import Sequence
from typing import Any

from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.table import intersections_to_cells as _plumber_cells
from pdfplumber.utils.geometry import obj_to_bbox

Point = tuple[float, float]
BBox = tuple[float, float, float, float]
Intersections = dict[tuple[float, float], dict[str, list[dict[str, Any]]]]


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
    rules: dict[tuple[Point, str], frozenset[BBox]] = {}

    def joined(a: Point, b: Point, orientation: str) -> bool:
        """Whether one rule of ``orientation`` runs through both ``a`` and ``b``."""
        sets = []
        for point in (a, b):
            found = rules.get((point, orientation))
            if found is None:
                found = rules[(point, orientation)] = frozenset(
                    map(obj_to_bbox, intersections[point][orientation])
                )
            sets.append(found)
        return not sets[0].isdisjoint(sets[1])

    def connects(a: Point, b: Point) -> bool:
        return (a[0] == b[0] and joined(a, b, "v")) or (a[1] == b[1] and joined(a, b, "h"))

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
        below = columns[x][k + 1 :]
        right = rows[y][j + 1 :]
        cell = _smallest_cell(point, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    point: Point,
    below: Sequence[Point],
    right: Sequence[Point],
    intersections: Intersections,
    connects: Any,
) -> BBox | None:
    for below_pt in below:
        if not connects(point, below_pt):
            continue
        for right_pt in right:
            if not connects(point, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if (
                corner in intersections
                and connects(corner, right_pt)
                and connects(corner, below_pt)
            ):
                return (point[0], point[1], corner[0], corner[1])
    return None
