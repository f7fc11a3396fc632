"""The fast backend: a page's characters and rulings from PDFium (pypdfium2).

PDFium parses a page in C, about twenty times faster than pdfminer's interpreter. Its
objects are turned into exactly what pdfminer/pdfplumber would make of them, so that the
table and text logic gives the same cells: a glyph is boxed as pdfminer boxes it (the
advance width by the font size, from the font's descent up, through the character's
matrix; vertical writing from its vertical origin), and a path is split into lines,
rectangles and curves by pdfminer's rules before it becomes rulings.

Where the two could disagree, PDFium does not decide: ``Declined`` is raised and the
reader reads the file with pdfplumber instead (``pdf_reader``). That is the case for a
file PDFium cannot open or had to repair (the salvage of a cut-off file is pdfplumber's),
an encrypted file, a rotated page or one whose media box does not start at the origin, a
glyph without a Unicode mapping (pdfminer's "(cid:N)", counted in a P009 finding), a
glyph without usable metrics, a text object PDFium dropped (it skips a string drawn twice
over itself, pdfminer keeps both), a path whose segments cannot be read, and text in a
font the file does not embed: PDFium draws such a font with one of the reading machine's
fonts, and without a fitting one gives its glyphs no extent and drops some of them, so
its reading would change from machine to machine (pdfminer reads the file's own widths).
"""

from __future__ import annotations

import ctypes
import functools
import re
import struct
import types
from collections.abc import Iterable, Iterator
from typing import Any

from gik_rules.ingest.pdf_layer import Char, PageGeometry, Point, Ruling, char, rect_rulings
from gik_rules.ingest.pdf_layer import segment_rulings as _segments

Matrix = tuple[float, float, float, float, float, float]
# An FS_MATRIX's six floats in one read (as its fields read them: the same Python floats).
_MATRIX = struct.Struct("6f")
_SURROGATE = re.compile("[\ud800-\udfff]")  # half of a character outside the BMP
# The standard fonts PDFium draws with faces of its own where a file does not embed them
# (by their names and the names Word writes for them).
_BUILT_IN_FAMILIES = ("Courier", "Helvetica", "Times", "Symbol", "ZapfDingbats", "Arial")
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: A text object: its font, font size and matrix (a, b, c, d, e, f).
_Object = tuple[int, float, float, float, float, float, float, float]


class _Handle(ctypes.c_void_p):
    """A PDFium object as a call returns it: a subclass, so that ctypes keeps it as it
    is (not an int) and it is passed on as a pointer without conversion."""


#: The functions called for every glyph and path segment, by their result types. They
#: are bound without argument types: ctypes then passes each argument as it is, about
#: twice as fast as converting it by a declared type (a call's cost is mostly that), so
#: every pointer must be passed as a ctypes object (a handle, ``byref``), never an int,
#: and every number must be a C int.
_UNCONVERTED = {
    "FPDFText_GetTextObject": ctypes.c_void_p,  # its address, compared and cached
    "FPDFText_IsGenerated": ctypes.c_int,
    "FPDFText_HasUnicodeMapError": ctypes.c_int,
    "FPDFText_GetFontSize": ctypes.c_double,
    "FPDFText_GetMatrix": ctypes.c_int,
    "FPDFText_GetCharOrigin": ctypes.c_int,
    "FPDFPage_GetObject": _Handle,
    "FPDFPageObj_GetType": ctypes.c_int,
    "FPDFPageObj_GetMatrix": ctypes.c_int,
    "FPDFTextObj_GetFont": ctypes.c_void_p,
    "FPDFFormObj_CountObjects": ctypes.c_int,
    "FPDFFormObj_GetObject": _Handle,  # its index a c_ulong
    "FPDFPath_GetDrawMode": ctypes.c_int,
    "FPDFPath_CountSegments": ctypes.c_int,
    "FPDFPath_GetPathSegment": _Handle,
    "FPDFPathSegment_GetPoint": ctypes.c_int,
    "FPDFPathSegment_GetType": ctypes.c_int,
    "FPDFPathSegment_GetClose": ctypes.c_int,
}


@functools.cache
def _addressed(c: Any) -> Any:
    """The PDFium functions on page objects and fonts: those of ``_UNCONVERTED`` without
    argument types, the others bound again to take and return plain addresses (objects
    are compared and cached as ints). Each keeps the interpreter's lock while it runs
    (PDFium calls no Python back): a call that released it and took it again would
    spend about a fifth of its time on that."""
    vp, i, u, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_float
    fp = ctypes.POINTER(f)
    signatures = {
        "FPDFTextObj_GetFont": (vp, vp),
        "FPDFFont_GetGlyphWidth": (i, vp, u, f, fp),
        "FPDFFont_GetDescent": (i, vp, f, fp),
        "FPDFFont_GetIsEmbedded": (i, vp),
        "FPDFFont_GetBaseFontName": (ctypes.c_size_t, vp, ctypes.c_char_p, ctypes.c_size_t),
        "FPDFPageObj_GetBounds": (i, vp, fp, fp, fp, fp),
    }
    bound = {
        name: ctypes.PYFUNCTYPE(*types)(_address(getattr(c, name)))
        for name, types in signatures.items()
    }
    unconverted = {
        name: ctypes.PYFUNCTYPE(result)(_address(getattr(c, name)))
        for name, result in _UNCONVERTED.items()
    }
    return types.SimpleNamespace(**bound), types.SimpleNamespace(**unconverted)


def _address(pointer: Any) -> int:
    """The address ``pointer`` holds (a null one cannot be read: PDFium declines)."""
    address = ctypes.cast(pointer, ctypes.c_void_p).value
    if address is None:
        raise Declined("PDFium gave a null pointer")
    return address


class Declined(Exception):
    """The fast path cannot tell what pdfplumber would read; the message says why."""


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF order: a point is transformed by ``m`` first)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> Point:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


class PdfiumSource:
    """The pages of one PDF, read through PDFium."""

    def __init__(self, data: bytes) -> None:
        try:
            import pypdfium2
            import pypdfium2.raw as pdfium_c
        except ImportError as exc:
            raise Declined(f"pypdfium2 is not installed ({exc})") from None
        self._c: Any = pdfium_c
        try:
            self._doc: Any = pypdfium2.PdfDocument(data)
        except Exception as exc:  # PdfiumError: not a PDF, damaged beyond repair, password
            raise Declined(f"PDFium cannot open the file ({exc})") from None
        raw = self._doc.raw
        if not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(raw):
            self.close()
            raise Declined("the cross-reference table is damaged (PDFium repaired it)")
        if pdfium_c.FPDF_GetSecurityHandlerRevision(raw) != -1:
            self.close()
            raise Declined("the file is encrypted")
        self.salvaged = False
        self._floats = [ctypes.c_float() for _ in range(4)]
        self._doubles = [ctypes.c_double() for _ in range(2)]
        self._matrix = pdfium_c.FS_MATRIX()
        self._segment_kinds = (
            pdfium_c.FPDF_SEGMENT_MOVETO,
            pdfium_c.FPDF_SEGMENT_LINETO,
            pdfium_c.FPDF_SEGMENT_BEZIERTO,
        )
        self._ints = [ctypes.c_int() for _ in range(2)]
        # the arguments the unconverted functions write to, by reference
        self._doubles_at = tuple(map(ctypes.byref, self._doubles))
        self._floats_at = tuple(map(ctypes.byref, self._floats))
        self._ints_at = tuple(map(ctypes.byref, self._ints))
        self._matrix_at = ctypes.byref(self._matrix)
        self._api, self._fast = _addressed(pdfium_c)
        # Of the page being read, by the fonts' addresses (PDFium frees a font no open
        # page uses: its address may be another font's on a later page): a glyph's
        # advance and its font's descent, by font, character and size; whether a font
        # is embedded or built in.
        self._known_metrics: dict[tuple[int, str, float], tuple[float, float]] = {}
        self._descents: dict[tuple[int, float], float] = {}
        self._fonts: dict[int, bool] = {}

    def __len__(self) -> int:
        return len(self._doc)

    def close(self) -> None:
        self._doc.close()

    def page(self, index: int) -> PageGeometry:
        """The characters and rulings of page ``index`` (from 0)."""
        try:
            page = self._doc[index]
        except Exception as exc:
            raise Declined(f"PDFium cannot load page {index + 1} ({exc})") from None
        self._known_metrics, self._descents, self._fonts = {}, {}, {}
        try:
            if page.get_rotation() % 360:
                raise Declined(f"page {index + 1} is rotated")
            left, bottom, right, top = page.get_mediabox()
            if left or bottom:
                raise Declined(f"the media box of page {index + 1} is not at the origin")
            height = top - bottom
            _address(page.raw)  # not null
            rulings, fonts = self._objects(page.raw, height)
            if not all(self._font_known(font) for font in set(fonts.values())):
                raise Declined(f"page {index + 1} has text in a font the file does not embed")
            textpage = page.get_textpage()
            try:
                chars, objects = self._chars(textpage.raw, height, fonts)
            finally:
                textpage.close()
            if any(self._draws(obj) for obj in fonts if obj not in objects):
                raise Declined(f"PDFium dropped a text object of page {index + 1}")
            return PageGeometry(index + 1, right - left, height, chars, rulings)
        finally:
            page.close()

    # characters -------------------------------------------------------------------

    def _chars(
        self, tp: Any, height: float, fonts: dict[int, int]
    ) -> tuple[tuple[Char, ...], dict[int, _Object]]:
        """The glyphs of the text page and the text objects they come from (of
        ``fonts``, the page's text objects and their fonts, as ``_objects`` found them)."""
        api, fast = self._api, self._fast
        ox, oy = self._doubles
        count = self._c.FPDFText_CountChars(tp)
        text = self._text(tp, count)
        page = tp  # a ctypes pointer, passed as it is
        _address(page)  # not null
        # Bound once: these run for every glyph of every page.
        generated, unmapped = fast.FPDFText_IsGenerated, fast.FPDFText_HasUnicodeMapError
        text_object, origin = fast.FPDFText_GetTextObject, fast.FPDFText_GetCharOrigin
        get_matrix, font_size = fast.FPDFText_GetMatrix, fast.FPDFText_GetFontSize
        m, matrix_of = self._matrix_at, _MATRIX.unpack_from
        at_x, at_y = self._doubles_at
        matrix = self._matrix
        metrics, known_metrics = self._metrics, self._known_metrics
        out: list[Char] = []
        append = out.append
        # text object: its font, size and matrix (PDFium gives each glyph its object's)
        objects: dict[int, _Object] = {}
        for i, glyph in enumerate(text):
            if glyph.isspace() and generated(page, i):
                continue  # a space or line break PDFium inferred from the gaps
            if unmapped(page, i):
                raise Declined("a glyph has no Unicode mapping")
            obj = text_object(page, i)
            if not obj:
                raise Declined("a glyph has no text object")
            known = objects.get(obj)
            if known is None:
                if not get_matrix(page, i, m):
                    raise Declined("a glyph has no matrix")
                font = fonts.get(obj)
                if font is None:  # not among the page's objects: asked for it alone
                    font = api.FPDFTextObj_GetFont(obj) or 0
                known = objects[obj] = (font, font_size(page, i), *matrix_of(matrix))
            font, size, a, b, cc, d, e, f = known
            found = known_metrics.get((font, glyph, size))
            width, descent = found if found is not None else metrics(font, glyph, size)
            if width >= 0:
                # The matrix is the text object's: a string shown by one operator
                # starts every glyph at the object's origin unless moved to its own.
                origin(page, i, at_x, at_y)
                e, f = ox.value, oy.value
                if b == 0 and cc == 0:
                    # The common case, upright and unrotated: the corners of the general
                    # case below, computed alike (so to the same floats).
                    x0, x1 = e, a * width + e
                    if x0 > x1:
                        x0, x1 = x1, x0
                    y0, y1 = d * descent + f, d * (descent + size) + f
                    if y0 > y1:
                        y0, y1 = y1, y0
                    append(char(glyph, x0, x1, height - y1, height - y0, y1 - y0, a * d > 0))
                    continue
            append(self._box(tp, i, glyph, (a, b, cc, d, e, f), size, width, descent, height))
        return tuple(out), objects

    def _text(self, tp: Any, count: int) -> str:
        """The page's characters, one per glyph index, in one call."""
        if count <= 0:
            return ""
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        written = self._c.FPDFText_GetText(
            tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
        )
        text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
        if len(text) != count or _SURROGATE.search(text):
            # a character outside the BMP takes two UTF-16 units: indices no longer match
            return "".join(chr(self._c.FPDFText_GetUnicode(tp, i)) for i in range(count))
        return text

    def _metrics(self, font: int, glyph: str, size: float) -> tuple[float, float]:
        """The glyph's advance and the font's descent at ``size``, as the PDF's widths
        and font descriptor give them (the advance is negative in vertical writing);
        kept in ``_known_metrics``."""
        value = self._floats[0]
        if not font or not self._api.FPDFFont_GetGlyphWidth(font, ord(glyph), size, value):
            raise Declined("a glyph has no width")
        width = value.value
        descent = self._descents.get((font, size))
        if descent is None:
            value = self._floats[1]
            if not self._api.FPDFFont_GetDescent(font, size, value):
                raise Declined("a font has no descent")
            descent = self._descents[(font, size)] = value.value
        found = self._known_metrics[(font, glyph, size)] = (width, descent)
        return found

    def _box(
        self,
        tp: Any,
        i: int,
        text: str,
        m: Matrix,
        size: float,
        width: float,
        descent: float,
        height: float,
    ) -> Char:
        """pdfminer's box of a glyph under any matrix, in horizontal or vertical writing."""
        a, b, c, d, e, f = m
        vertical = width < 0
        if vertical:
            # PDFium's origin of a vertically written glyph is the lower-left corner of
            # the box pdfminer gives it (the vertical origin moved by the glyph's advance).
            ox, oy = self._doubles
            self._c.FPDFText_GetCharOrigin(tp, i, ox, oy)
            det = a * d - b * c
            if not det:
                raise Declined("a glyph has a degenerate matrix")
            px, py = ox.value - e, oy.value - f
            lx, ly = (d * px - c * py) / det, (a * py - b * px) / det
            box = (lx, ly, lx + size, ly - width)
        else:
            box = (0.0, descent, width, descent + size)
        corners = [_apply(m, x, y) for x in (box[0], box[2]) for y in (box[1], box[3])]
        xs = [p[0] for p in corners]
        ys = [p[1] for p in corners]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        return char(
            text,
            x0,
            x1,
            height - y1,
            height - y0,
            (x1 - x0) if vertical else (y1 - y0),
            a * d > 0 and b * c <= 0,
        )

    # rulings ----------------------------------------------------------------------

    def _objects(self, page: Any, height: float) -> tuple[tuple[Ruling, ...], dict[int, int]]:
        """The rulings of the page's paths, and its text objects (by address) with their
        fonts."""
        c, api = self._c, self._fast
        text_kind, path_kind, form_kind = (
            c.FPDF_PAGEOBJ_TEXT,
            c.FPDF_PAGEOBJ_PATH,
            c.FPDF_PAGEOBJ_FORM,
        )
        kind_of, font_of = api.FPDFPageObj_GetType, api.FPDFTextObj_GetFont
        rulings: list[Ruling] = []
        fonts: dict[int, int] = {}

        def walk(objects: Iterable[_Handle], parent: Matrix) -> None:
            for obj in objects:
                kind = kind_of(obj)
                if kind == text_kind:
                    fonts[obj.value or 0] = font_of(obj) or 0  # (a text object is not null)
                elif kind == path_kind:
                    rulings.extend(self._path(obj, parent, height))
                elif kind == form_kind:
                    inner = _mult(self._object_matrix(obj), parent)
                    count = api.FPDFFormObj_CountObjects(obj)
                    walk(
                        map(
                            functools.partial(api.FPDFFormObj_GetObject, obj),
                            map(ctypes.c_ulong, range(count)),
                        ),
                        inner,
                    )

        count = self._c.FPDFPage_CountObjects(page)
        walk(map(functools.partial(api.FPDFPage_GetObject, page), range(count)), _IDENTITY)
        return tuple(rulings), fonts

    def _font_known(self, font: int) -> bool:
        """Whether ``font`` is embedded in the file or is one PDFium carries itself (the
        standard Latin faces), so that no font of this machine's is drawn in its place."""
        known = self._fonts.get(font)
        if known is None:
            known = self._fonts[font] = bool(font) and (
                bool(self._api.FPDFFont_GetIsEmbedded(font)) or self._built_in(font)
            )
        return known

    def _built_in(self, font: int) -> bool:
        buffer = ctypes.create_string_buffer(256)
        size = self._api.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
        name = buffer.raw[: max(size - 1, 0)].decode("latin-1") if 0 < size <= 256 else ""
        return name.split("+")[-1].startswith(_BUILT_IN_FAMILIES)

    def _draws(self, obj: int) -> bool:
        """Whether a text object covers any area (an empty string object does not)."""
        f = self._floats
        if not self._api.FPDFPageObj_GetBounds(obj, f[0], f[1], f[2], f[3]):
            return False
        return f[2].value > f[0].value and f[3].value > f[1].value

    def _object_matrix(self, obj: _Handle) -> Matrix:
        if not self._fast.FPDFPageObj_GetMatrix(obj, self._matrix_at):
            raise Declined("a page object has no matrix")
        found: Matrix = _MATRIX.unpack(self._matrix)
        return found

    def _path(self, obj: _Handle, parent: Matrix, height: float) -> Iterator[Ruling]:
        api = self._fast
        fill, stroke = self._ints
        if not api.FPDFPath_GetDrawMode(obj, *self._ints_at):
            raise Declined("the drawing mode of a path cannot be read")
        if not fill.value and not stroke.value:
            return  # neither filled nor stroked: pdfminer paints nothing
        a, b, c, d, e, f = _mult(self._object_matrix(obj), parent)
        x, y = self._floats[0], self._floats[1]
        at_x, at_y = self._floats_at[0], self._floats_at[1]
        segment_of, point_of = api.FPDFPath_GetPathSegment, api.FPDFPathSegment_GetPoint
        kind_of, closes = api.FPDFPathSegment_GetType, api.FPDFPathSegment_GetClose
        move, line, curve = self._segment_kinds
        ops: list[tuple[str, Point]] = []
        bezier = 0
        for k in range(api.FPDFPath_CountSegments(obj)):
            segment = segment_of(obj, k)
            if not segment or not point_of(segment, at_x, at_y):
                raise Declined("a path segment cannot be read")
            kind = kind_of(segment)
            sx, sy = x.value, y.value
            # ``_apply`` inline (the same operations, so the same floats)
            point = (a * sx + c * sy + e, height - (b * sx + d * sy + f))
            if kind == move:
                ops.append(("m", point))
            elif kind == line:
                ops.append(("l", point))
            elif kind == curve:
                # PDFium gives a curve as its two control points and its end point; pdfminer
                # keeps only the end point.
                bezier += 1
                if bezier % 3 == 0:
                    ops.append(("c", point))
            else:
                raise Declined("a path segment of unknown type")
            if closes(segment):
                ops.append(("h", ops[0][1] if ops else point))
        yield from _paint(ops, bool(stroke.value))


def _paint(ops: list[tuple[str, Point]], stroke: bool) -> Iterator[Ruling]:
    """pdfminer's ``paint_path``: each subpath is a line, a rectangle or a curve."""
    starts = [k for k, (op, _) in enumerate(ops) if op == "m"]
    if not ops or ops[0][0] != "m":
        return  # a path must begin with m (PDFium gives re as m l l l l h)
    for start, end in zip(starts, [*starts[1:], len(ops)], strict=False):
        sub = ops[start:end]
        shape = "".join(op for op, _ in sub)
        # "h" closes to the subpath's own start, not the path's
        pts = [sub[0][1] if op == "h" else p for op, p in sub]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in ("mlh", "ml"):
            yield from _segments(pts[:2])
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if pts[0] == pts[4] and square:
                left, right = sorted((x0, x2))
                top, bottom = sorted((y0, y2))
                yield from rect_rulings(left, top, right, bottom, stroke)
            else:
                yield from _segments(pts)
        elif len(shape) > 1:
            yield from _segments(pts)
