"""What the PDF reader needs of a page: its characters and its ruling lines.

Either backend fills this (``pdf_pdfium``, fast; ``pdf_plumber``, the fallback); the
table and text logic (``pdf_page``, ``pdf_flow``) never sees which. Coordinates are
pdfplumber's: points from the page's top-left corner, ``top`` < ``bottom``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import attrs

#: One glyph as pdfminer boxes it (the advance width by the font size, from the descent
#: up, not the glyph's ink), as the dictionary pdfplumber's table and text functions read
#: (``char``): made once by the backend, not converted for each page's reading. ``text``
#: is "(cid:N)" for a glyph whose font maps it to no character.
Char = dict[str, Any]


def char(
    text: str, x0: float, x1: float, top: float, bottom: float, size: float, upright: bool = True
) -> Char:
    """A glyph's ``Char``."""
    return {
        "object_type": "char",
        "text": text,
        "x0": x0,
        "x1": x1,
        "top": top,
        "doctop": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "size": size,
        "upright": upright,
    }


@attrs.frozen(slots=True)
class Ruling:
    """A horizontal ("h": ``top == bottom``) or vertical ("v": ``x0 == x1``) rule."""

    orientation: str
    x0: float
    top: float
    x1: float
    bottom: float


@attrs.frozen(slots=True)
class PageGeometry:
    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    rulings: tuple[Ruling, ...]


Point = tuple[float, float]


def rect_rulings(x0: float, top: float, x1: float, bottom: float, stroked: bool) -> list[Ruling]:
    """The four sides of a rectangle, when it draws a rule or a border.

    Some PDF editors put a white filled box behind every line of text; taken for table
    cells they would make tables of prose. A filled box without a border is therefore no
    ruling, unless it is thin enough to be a rule itself (Word draws cell borders so).
    """
    if not stroked and min(x1 - x0, bottom - top) >= 2:
        return []
    return [
        Ruling("h", x0, top, x1, top),
        Ruling("h", x0, bottom, x1, bottom),
        Ruling("v", x0, top, x0, bottom),
        Ruling("v", x1, top, x1, bottom),
    ]


def segment_rulings(points: list[Point]) -> Iterator[Ruling]:
    """The axis-parallel segments of a polyline (a line or a path's points); slanted
    segments (a diagonal header rule) separate no cells and are left out."""
    for (ax, ay), (bx, by) in itertools.pairwise(points):
        if ay == by:
            yield Ruling("h", min(ax, bx), ay, max(ax, bx), ay)
        elif ax == bx:
            yield Ruling("v", ax, min(ay, by), ax, max(ay, by))
