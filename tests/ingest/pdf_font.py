"""A TrueType font made here, for PDF files that embed their font.

A PDF whose font is not embedded is drawn with whatever fonts the reading machine has,
so PDFium's reading of it changes from machine to machine (the reader declines such a
file). Tests that exercise the fast path need an embedded font with Chinese glyphs, and
no such font ships with Python: this one is built with fontTools, every glyph a plain
box (text extraction needs the character map and the widths, not the shapes).
"""

from __future__ import annotations

import functools
import io

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

NAME = "GikBoxes"
# Latin and general punctuation half an em wide, CJK punctuation and ideographs one em.
_RANGES = [
    (0x20, 0x7F, 500),
    (0xA0, 0x100, 500),
    (0x2000, 0x2070, 500),
    (0x3000, 0x3040, 1000),
    (0x4E00, 0xA000, 1000),
    (0xFF00, 0xFFF0, 1000),
]


def _box(width: int) -> object:
    pen = TTGlyphPen(None)
    pen.moveTo((50, -80))
    pen.lineTo((50, 800))
    pen.lineTo((width - 50, 800))
    pen.lineTo((width - 50, -80))
    pen.closePath()
    return pen.glyph()


@functools.cache
def font_bytes() -> bytes:
    """The font file (about 0.9 MB, built once a process in about a second)."""
    widths = {cp: width for start, end, width in _RANGES for cp in range(start, end)}
    names = {cp: f"u{cp:04X}" for cp in widths}
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", *names.values()])
    builder.setupCharacterMap(names)
    empty = TTGlyphPen(None).glyph()
    glyphs = {".notdef": _box(500)}
    metrics = {".notdef": (500, 50)}
    for cp, name in names.items():
        blank = chr(cp).isspace()
        glyphs[name] = empty if blank else _box(widths[cp])
        metrics[name] = (widths[cp], 0 if blank else 50)
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics(metrics)
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": NAME, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    out = io.BytesIO()
    builder.save(out)
    return out.getvalue()
