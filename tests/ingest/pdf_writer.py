"""Reports written as PDF files the way Word prints them, for the PDF reader tests.

A ``Layout`` (``tests.ingest.layouts``) becomes an A4 document in a font embedded in the
file (``tests.ingest.pdf_font``), or in reportlab's built-in Chinese CID font (STSong-Light,
not embedded: a reader draws it with fonts of its own machine): the organ and the title centred,
paragraphs indented and wrapped at the margin, tables ruled cell by cell (merged cells
are left without the rules inside them), a table too long for its page continued on the
next one, and a page number at the foot of every page.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence

import attrs
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption, encodePDF
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from tests.ingest import pdf_font
from tests.ingest.layouts import Grid, Layout, Merged, _placed

CID_FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))

WIDTH, HEIGHT = A4
LEFT = RIGHT = 60.0
TOP, BOTTOM = 64.0, 72.0
TEXT_WIDTH = WIDTH - LEFT - RIGHT
TITLE_SIZE, BODY_SIZE, CELL_SIZE = 18.0, 12.0, 9.0
BODY_LEADING, CELL_LEADING = 20.0, 11.0
PAD, MIN_ROW = 2.5, 18.0

# Column widths by the number of grid columns (tables 二, 三 and 四), in points; a table
# of any other width gets equal columns.
_COLUMNS: dict[int, list[float]] = {
    4: [TEXT_WIDTH - 3 * 105, 105, 105, 105],
    10: [24, 40, TEXT_WIDTH - 24 - 40 - 7 * 40, *[40] * 7],
}


@attrs.frozen
class Options:
    """``open_breaks``: no rule closes a table at a page break (some exporters draw none);
    ``encrypt``: the user password of an RC4-encrypted file ("" opens without one);
    ``rotate``: the /Rotate of every page; ``page_height``: a shorter page moves breaks;
    ``overprint``: the title drawn twice in place (a bold face faked, as some printers do);
    ``embed``: the font embedded in the file (or the CID font, which is not);
    ``lineless``: tables drawn without any rule (their text centred in its cells)."""

    open_breaks: bool = False
    overprint: bool = False
    encrypt: str | None = None
    rotate: int = 0
    page_height: float = HEIGHT
    embed: bool = True
    lineless: bool = False

    @property
    def font(self) -> str:
        return _embedded() if self.embed else CID_FONT


@functools.cache
def _embedded() -> str:
    pdfmetrics.registerFont(TTFont(pdf_font.NAME, io.BytesIO(pdf_font.font_bytes())))
    return pdf_font.NAME


def wrap(text: str, width: float, size: float, font: str) -> list[str]:
    """``text`` broken greedily into lines no wider than ``width`` (any character may end
    a line, as Chinese text is set); its own line breaks are kept."""
    out: list[str] = []
    for part in text.split("\n"):
        line = ""
        for ch in part:
            if line and pdfmetrics.stringWidth(line + ch, font, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


@attrs.frozen
class _Cell:
    row: int
    col: int
    cell: Merged
    lines: list[str]


class _Pages:
    """The canvas and the position on the current page."""

    def __init__(self, options: Options) -> None:
        self.out = io.BytesIO()
        self.height = options.page_height
        self.options = options
        # An owner password makes reportlab encrypt even with an empty user password.
        self.encryption = (
            None
            if options.encrypt is None
            else StandardEncryption(options.encrypt, ownerPassword="owner", strength=128)
        )
        self.canvas = canvas.Canvas(
            self.out, pagesize=(WIDTH, self.height), encrypt=self.encryption, invariant=True
        )
        self.number = 1
        self.y = self.height - TOP
        self._start_page()

    def _start_page(self) -> None:
        if self.options.rotate:
            self.canvas.setPageRotation(self.options.rotate)

    def new_page(self) -> None:
        self._foot()
        self.canvas.showPage()
        self.number += 1
        self.y = self.height - TOP
        self._start_page()

    def room(self, height: float) -> bool:
        return self.y - height >= BOTTOM

    def _foot(self) -> None:
        self.canvas.setFont(self.options.font, 10.5)
        self.canvas.drawCentredString(WIDTH / 2, 36, f"- {self.number} -")

    def finish(self) -> bytes:
        self._foot()
        self.canvas.showPage()
        self.canvas.save()
        data = self.out.getvalue()
        return data if self.encryption is None else _seal(data, self.encryption)


def _seal(data: bytes, encryption: StandardEncryption) -> bytes:
    """The file with the strings of the CID font's CIDSystemInfo encrypted too.

    reportlab writes them in clear in an encrypted file, so a conforming reader decrypts
    them into noise and finds no Unicode mapping for the font (every glyph "(cid:N)");
    PDFium ignores them. Encrypted, they read as an encrypting Word export writes them.
    """
    if b"/CIDSystemInfo" not in data:
        return data  # an embedded TrueType font carries no such strings
    info = data.index(b"/CIDSystemInfo")
    number = int(re.findall(rb"(?m)^(\d+) 0 obj", data[:info])[-1])

    def sealed(match: re.Match[bytes]) -> bytes:
        secret = encodePDF(encryption.key, number, 0, match[1], revision=encryption.revision)
        return b"<" + secret.hex().encode() + b">"

    end = data.index(b"endobj", info)
    data = data[:info] + re.sub(rb"\((Adobe|GB1)\)", sealed, data[info:end]) + data[end:]
    return _reindexed(data)


def _reindexed(data: bytes) -> bytes:
    """The file with its cross-reference table written again for its objects' offsets."""
    body = data[: data.rindex(b"xref\n")]
    offsets = {int(m[1]): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj", body)}
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % (max(offsets) + 1)
    xref += b"".join(b"%010d 00000 n \n" % offsets[n] for n in sorted(offsets))
    trailer = data[data.rindex(b"trailer") : data.rindex(b"startxref")]
    return body + xref + trailer + b"startxref\n%d\n%%%%EOF\n" % len(body)


def _paragraph(pages: _Pages, text: str, *, centred: bool = False) -> None:
    size = TITLE_SIZE if centred else BODY_SIZE
    leading = size * 1.6 if centred else BODY_LEADING
    indent = 0.0 if centred else 2 * size
    # The first line is indented: wrap it at the narrower width, the rest at the full one.
    font = pages.options.font
    first = wrap(text, TEXT_WIDTH - indent, size, font)[0] if text else ""
    rest = text[len(first) :]
    lines = [first, *wrap(rest, TEXT_WIDTH, size, font)] if rest else [first]
    pages.canvas.setFont(font, size)
    for i, line in enumerate(lines):
        if not pages.room(leading):
            pages.new_page()
            pages.canvas.setFont(font, size)
        baseline = pages.y - size
        if centred:
            for _ in range(2 if pages.options.overprint else 1):
                pages.canvas.drawCentredString(WIDTH / 2, baseline, line)
        else:
            pages.canvas.drawString(LEFT + (indent if i == 0 else 0), baseline, line)
        pages.y -= leading


def _columns(width: int) -> list[float]:
    widths = _COLUMNS.get(width, [TEXT_WIDTH / width] * width)
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    return xs


def _row_heights(cells: Sequence[_Cell], rows: int) -> list[float]:
    """Each row as high as its tallest single-row cell; a merged cell taller than its
    rows makes the last of them higher."""
    heights = [MIN_ROW] * rows
    for c in cells:
        if c.cell.rows == 1:
            heights[c.row] = max(heights[c.row], len(c.lines) * CELL_LEADING + 2 * PAD + 2)
    for c in cells:
        need = len(c.lines) * CELL_LEADING + 2 * PAD + 2
        have = sum(heights[c.row : c.row + c.cell.rows])
        if need > have:
            heights[c.row + c.cell.rows - 1] += need - have
    return heights


def _fragments(heights: Sequence[float], room: float, page: float) -> list[tuple[int, int]]:
    """The rows of each page of a table: as many as fit, the rest on the next page
    (``room`` is left on the first, ``page`` on every other); a table whose first row
    does not fit begins on the next page, shown by an empty first fragment."""
    out: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for r, h in enumerate(heights):
        if used + h > room:
            out.append((start, r))
            start, used, room = r, 0.0, page
        used += h
    out.append((start, len(heights)))
    return out


def _table(pages: _Pages, grid: Grid) -> None:
    width = sum(c.cols for c in grid[0])
    xs = _columns(width)
    cells = [
        _Cell(
            r,
            c,
            cell,
            wrap(cell.text, xs[c + cell.cols] - xs[c] - 2 * PAD, CELL_SIZE, pages.options.font),
        )
        for r, c, cell in _placed(grid)
    ]
    heights = _row_heights(cells, len(grid))
    pages.y -= 6
    fragments = _fragments(heights, pages.y - BOTTOM, pages.height - TOP - BOTTOM)
    # A merged cell cut by a page break keeps its text whole, in its tallest part.
    home: dict[int, int] = {}
    for k, c in enumerate(cells):
        parts = [
            (sum(heights[max(c.row, a) : min(c.row + c.cell.rows, b)]), -i)
            for i, (a, b) in enumerate(fragments)
        ]
        home[k] = -max(parts)[1]
    for i, (a, b) in enumerate(fragments):
        if i:
            pages.new_page()
        if a == b:
            continue
        tops = [pages.y]
        for h in heights[a:b]:
            tops.append(tops[-1] - h)
        _draw(pages, cells, home, i, xs, a, b, tops, len(grid))
        pages.y = tops[-1]
    pages.y -= 10


def _draw(
    pages: _Pages,
    cells: Sequence[_Cell],
    home: dict[int, int],
    fragment: int,
    xs: Sequence[float],
    a: int,
    b: int,
    tops: Sequence[float],
    rows: int,
) -> None:
    """The rows ``a`` to ``b`` of a table, their tops ``tops`` on this page."""
    pen = pages.canvas
    pen.setLineWidth(0.5)
    lineless = pages.options.lineless
    open_top = pages.options.open_breaks and a > 0
    open_bottom = pages.options.open_breaks and b < rows
    if not (open_top or open_bottom or lineless):
        pen.rect(xs[0], tops[-1], xs[-1] - xs[0], tops[0] - tops[-1], stroke=1, fill=0)
    pen.setFont(pages.options.font, CELL_SIZE)
    for k, c in enumerate(cells):
        first, end = max(c.row, a), min(c.row + c.cell.rows, b)
        if first >= end:
            continue
        x0, x1 = xs[c.col], xs[c.col + c.cell.cols]
        y0, y1 = tops[first - a], tops[end - a]
        if not lineless:
            pen.line(x0, y0, x0, y1)
            pen.line(x1, y0, x1, y1)
        if not ((open_top and first == a) or lineless):
            pen.line(x0, y0, x1, y0)
        if not ((open_bottom and end == b) or lineless):
            pen.line(x0, y1, x1, y1)
        if home[k] != fragment:
            continue
        block = len(c.lines) * CELL_LEADING
        line_top = y0 - (y0 - y1 - block) / 2
        for j, line in enumerate(c.lines):
            baseline = (
                line_top - j * CELL_LEADING - (CELL_LEADING - CELL_SIZE) / 2 - CELL_SIZE * 0.86
            )
            pen.drawCentredString((x0 + x1) / 2, baseline, line)


def to_pdf(layout: Layout, options: Options = Options()) -> bytes:
    """The report as a PDF: its first two blocks (organ and title) centred, then its
    paragraphs and tables."""
    pages = _Pages(options)
    for n, block in enumerate(layout.blocks):
        if isinstance(block, str):
            for text in block.split("\n"):
                _paragraph(pages, text, centred=n < 2)
        else:
            _table(pages, block)
    return pages.finish()
