"""Writing a report as .docx with python-docx: A4, the usual fonts of official documents,
tables with real merged cells (gridSpan and vMerge), and byte-identical output for the
same report (fixed document properties, normalised zip)."""

from __future__ import annotations

import datetime as dt
import io

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell

from gik_rules.model import ReportMeta
from gik_rules.render.document import RenderDoc
from gik_rules.render.grid import Grid
from gik_rules.render.zipnorm import normalise_zip

BODY_FONT = ("Times New Roman", "仿宋")
HEADING_FONT = ("Times New Roman", "黑体")
TITLE_FONT = ("Times New Roman", "方正小标宋简体")
TABLE_FONT = ("Times New Roman", "宋体")
TEXT_WIDTH_MM = 156  # A4 less 27 mm margins


def _fonts(rpr_owner: object, fonts: tuple[str, str], size: float, *, bold: bool = False) -> None:
    """Latin and East Asian font, size and weight of a style or run."""
    font = rpr_owner.font  # type: ignore[attr-defined]
    font.name = fonts[0]
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    element = rpr_owner.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), fonts[1])


def _setup(document: docx.document.Document, meta: ReportMeta, title: str) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(27)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    _fonts(document.styles["Normal"], BODY_FONT, 16)
    heading = document.styles["Heading 1"]
    _fonts(heading, HEADING_FONT, 16)
    heading.font.italic = False
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.space_after = Pt(6)
    props = document.core_properties
    stamp = _stamp(meta)
    props.title = title
    props.author = meta.organ
    props.subject = "政府信息公开工作年度报告"
    props.keywords = " ".join(x for x in (meta.variant or "", str(meta.year or "")) if x)
    props.comments = ""
    props.last_modified_by = "gik-rules"
    props.created = props.modified = stamp
    props.last_printed = stamp
    props.revision = 1


def _stamp(meta: ReportMeta) -> dt.datetime:
    """A fixed time for the document properties: the publication date, else 1 January
    after the report year (never the clock, so output is reproducible). Without either,
    or when the year after is not a four-digit year (a report on 9999), 1 January 2000."""
    day = meta.published
    if day is None:
        year = (meta.year or 0) + 1
        day = dt.date(year if 1000 <= year <= dt.MAXYEAR else 2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _paragraph(
    document: docx.document.Document,
    text: str,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
) -> None:
    paragraph = document.add_paragraph(text)
    if align is not None:
        paragraph.alignment = align
    if indent and align is None:
        paragraph.paragraph_format.first_line_indent = Pt(32)


def _widths(grid: Grid) -> list[float]:
    """Column widths in mm: wide enough for the row labels of a column to stand on one
    or two lines, figures and headers narrow (headers wrap)."""
    weight = [4.0] * grid.width
    for row in grid.placed():
        for placed in row:
            cell = placed.cell
            if cell.colspan > 1 or placed.continued:
                continue
            if cell.kind == "label":
                size = min(len(cell.text), 5 if cell.rowspan > 1 else 14)
            else:
                size = min(len(cell.text), 4)
            weight[placed.column] = max(weight[placed.column], float(size))
    total = sum(weight)
    return [TEXT_WIDTH_MM * w / total for w in weight]


def _repeat_header(row: object) -> None:
    trpr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    trpr.append(element)


def _table(document: docx.document.Document, grid: Grid) -> None:
    table = document.add_table(rows=len(grid.rows), cols=grid.width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    size = 9 if grid.width > 10 else 10.5
    widths = [Mm(w) for w in _widths(grid)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    # The <w:tc> elements before any merge: a merge keeps the elements outside its range,
    # and ranges never overlap, so each origin and far corner is found here in O(1)
    # (table.cell() walks the whole table on every call).
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for row_tcs in tcs:
        for tc, width in zip(row_tcs, widths, strict=True):
            tc.width = width
    for r, placed_row in enumerate(grid.placed()):
        for placed in placed_row:
            if placed.continued:
                continue
            cell = placed.cell
            tc = tcs[r][placed.column]
            if cell.rowspan > 1 or cell.colspan > 1:
                tc = tc.merge(tcs[r + cell.rowspan - 1][placed.column + cell.colspan - 1])
            paragraph = _Cell(tc, table).paragraphs[0]
            paragraph.alignment = (
                WD_ALIGN_PARAGRAPH.LEFT if cell.kind == "label" else WD_ALIGN_PARAGRAPH.CENTER
            )
            run = paragraph.add_run(cell.text)
            _fonts(run, TABLE_FONT, size, bold=cell.is_header)
    if grid.rows and all(c.kind == "header" for c in grid.rows[0]):
        for r, row in enumerate(grid.rows):
            if not all(c.kind == "header" for c in row):
                break
            _repeat_header(table.rows[r])


def write_docx(doc: RenderDoc) -> bytes:
    """The report as the bytes of a .docx file."""
    document = docx.Document()
    _setup(document, doc.meta, doc.title)
    if doc.organ_line:
        _paragraph(document, doc.organ_line, align=WD_ALIGN_PARAGRAPH.CENTER)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(title.add_run(doc.title), TITLE_FONT, 22)
    for text in doc.preamble:
        _paragraph(document, text)
    for section in doc.sections:
        if section.heading:
            document.add_paragraph(section.heading, style="Heading 1")
        for text in section.paragraphs:
            _paragraph(document, text)
        if section.grid is not None:
            _table(document, section.grid)
    for text in doc.signature:
        _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())
