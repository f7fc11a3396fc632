"""The indexed cell search finds the cells pdfplumber's own search finds, in its order, and
each cell's text is the text pdfplumber's table extraction gives it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.table import Table, cells_to_tables, edges_to_intersections
from pdfplumber.table import cells_to_tables as plumber_tables
from pdfplumber.table import intersections_to_cells as plumber_cells

from gik_rules.ingest import pdf_cells
from gik_rules.ingest.pdf_cells import intersections_to_cells
from gik_rules.ingest.pdf_layer import char
from gik_rules.ingest.pdf_page import _extract

_AT = st.sampled_from([0.0, 10.0, 10.5, 20.0, 35.0, 50.0, 50.2, 80.0])


def _edge(orientation: str, at: float, a: float, b: float) -> dict[str, object]:
    lo, hi = sorted((a, b))
    if orientation == "h":
        return {"orientation": "h", "x0": lo, "x1": hi, "top": at, "bottom": at}
    return {"orientation": "v", "x0": at, "x1": at, "top": lo, "bottom": hi}


@st.composite
def _grids(draw: st.DrawFn) -> list[dict[str, object]]:
    """The rules of a ruled table on a few shared positions, some cut short or missing
    (merged cells, a table broken over a page), and a few stray rules."""
    xs = sorted(draw(st.sets(_AT, min_size=2, max_size=5)))
    ys = sorted(draw(st.sets(_AT, min_size=2, max_size=5)))
    edges = []
    for orientation, positions, across in (("h", ys, xs), ("v", xs, ys)):
        for at in positions:
            i, j = sorted(draw(st.tuples(*[st.integers(0, len(across) - 1)] * 2)))
            if draw(st.integers(0, 4)):  # most rules run the whole way
                i, j = 0, len(across) - 1
            edges.append(_edge(orientation, at, across[i], across[j]))
    strays = st.lists(st.builds(_edge, st.sampled_from("hv"), _AT, _AT, _AT), max_size=4)
    return edges + draw(strays)


_EDGES = _grids()


@settings(max_examples=300)
@given(_EDGES)
def test_the_same_cells_in_the_same_order(edges: list[dict[str, object]]) -> None:
    intersections = edges_to_intersections(edges, 1, 1)
    assert intersections_to_cells(intersections) == plumber_cells(intersections)


@settings(max_examples=200)
@given(_EDGES, st.lists(st.tuples(_AT, _AT, _AT, _AT), max_size=6))
def test_the_same_tables_with_the_same_rows(
    edges: list[dict[str, object]], strays: list[tuple[float, float, float, float]]
) -> None:
    """The cells joined by their corners make pdfplumber's tables, in its order, each
    with its rows and box (the cells of one may come in another order). Stray boxes
    join some tables together; each cell has a top-left corner of its own, as the cell
    search gives them."""
    cells = intersections_to_cells(edges_to_intersections(edges, 1, 1))
    for x0, top, x1, bottom in strays:
        if x0 < x1 and top < bottom and all(c[:2] != (x0, top) for c in cells):
            cells.append((x0, top, x1, bottom))
    ours, theirs = pdf_cells.cells_to_tables(cells), plumber_tables(cells)
    assert [sorted(t) for t in ours] == [sorted(t) for t in theirs]
    for mine, its in zip(ours, theirs, strict=True):
        a, b = Table(_Page([]), mine), Table(_Page([]), its)
        assert a.bbox == b.bbox
        assert [row.cells for row in a.rows] == [row.cells for row in b.rows]


def test_tables_come_top_to_bottom_then_left_to_right() -> None:
    """A table left of another but lower on the page comes after it, as pdfplumber
    orders them (by their top-left cells, top first)."""
    right = [(50.0, 0.0, 60.0, 10.0), (60.0, 0.0, 70.0, 10.0)]
    left = [(0.0, 20.0, 10.0, 30.0), (10.0, 20.0, 20.0, 30.0)]
    cells = sorted(left + right)  # the cell search's order: by x, then by top
    assert pdf_cells.cells_to_tables(cells) == [right, left] == plumber_tables(cells)


def test_a_ruled_grid_with_a_merged_cell() -> None:
    xs, ys = [0.0, 30.0, 60.0, 90.0], [0.0, 20.0, 40.0]
    edges = [_edge("h", y, 0.0, 90.0) for y in ys] + [_edge("v", x, 0.0, 40.0) for x in xs]
    edges.remove(_edge("v", 30.0, 0.0, 40.0))
    edges.append(_edge("v", 30.0, 20.0, 40.0))  # the first two cells of row 1 are merged
    intersections = edges_to_intersections(edges, 1, 1)
    cells = intersections_to_cells(intersections)
    assert cells == plumber_cells(intersections)
    assert (0.0, 0.0, 60.0, 20.0) in cells and (0.0, 20.0, 30.0, 40.0) in cells


@st.composite
def _glyphs(draw: st.DrawFn) -> list[dict[str, object]]:
    """Glyphs over and around a table: centres inside cells, on their edges, outside."""
    out = []
    for text in draw(st.lists(st.sampled_from(["1", "2", "年", " ", "a"]), max_size=30)):
        x0, top = draw(_AT), draw(_AT)
        width, height = draw(st.sampled_from([0.0, 1.0, 9.0])), draw(st.sampled_from([0.0, 9.0]))
        out.append(char(text, x0, x0 + width, top, top + height, max(height, 1.0)))
    return out


class _Page:
    def __init__(self, chars: list[dict[str, object]]) -> None:
        self.chars = chars


@settings(max_examples=200)
@given(_EDGES, _glyphs())
def test_the_cells_text_is_table_extracts(
    edges: list[dict[str, object]], glyphs: list[dict[str, object]]
) -> None:
    """Each cell's text, from the glyphs sorted by height once, is pdfplumber's
    ``Table.extract`` (every glyph tested against every row and cell)."""
    cells = intersections_to_cells(edges_to_intersections(edges, 1, 1))
    centred = [((g["x0"] + g["x1"]) / 2, (g["top"] + g["bottom"]) / 2, g) for g in glyphs]  # type: ignore[operator]
    for group in cells_to_tables(cells):
        table = Table(_Page(glyphs), group)
        assert _extract(table, table.rows, centred) == table.extract()
