"""The pages of a PDF as one flow of paragraphs and tables, in reading order.

Lines are joined into paragraphs by their geometry: a paragraph starts where a line is
indented or centred, where the line before it ended short of the right margin, at a
change of font size and at a section heading; it goes on over a page break. A table at
the top of a page continues the table that ended the page before it. Page numbers
("- 3 -", "第3页") are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from gik_rules.ingest.document import Block, Paragraph, RawTable
from gik_rules.ingest.pdf_page import PageLayout, PdfLine, PdfTable
from gik_rules.ingest.spacing import join_wrapped
from gik_rules.ingest.structure import heading_of
from gik_rules.model.span import SourceSpan

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－·\s]*\d+[-—–－·\s]*|第\s*\d+\s*页(?:\s*[，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)


def _is_page_number(line: PdfLine, height: float) -> bool:
    near_edge = line.top > height * 0.85 or line.bottom < height * 0.12
    return near_edge and bool(_PAGE_NUMBER.match(line.text))


def _mode(values: Iterable[float], default: float) -> float:
    counts = Counter(round(v) for v in values)
    return float(counts.most_common(1)[0][0]) if counts else default


class _Margins:
    """Where body text starts and ends, the most common line start and line end."""

    def __init__(self, lines: Sequence[PdfLine]) -> None:
        self.left = _mode((x.x0 for x in lines), 0.0)
        self.right = _mode((x.x1 for x in lines), 0.0)

    def starts_paragraph(self, prev: PdfLine | None, line: PdfLine) -> bool:
        if prev is None or heading_of(prev.text) or heading_of(line.text):
            return True
        if abs(prev.size - line.size) > 1:
            return True
        em = line.size or 10.0
        return line.x0 > self.left + 0.6 * em or prev.x1 < self.right - 1.5 * em


def flow(pages: Sequence[PageLayout]) -> tuple[Block, ...]:
    """Paragraphs and tables of all pages, tables continued over page breaks."""
    body = [line for page in pages for line in page.lines if not _is_page_number(line, page.height)]
    margins = _Margins(body)
    kept = set(map(id, body))
    blocks: list[Block] = []
    para: list[PdfLine] = []
    prev: PdfLine | None = None
    continuing: list[PdfTable] = []  # the fragments of the table being read

    def end_paragraph() -> None:
        nonlocal para
        if para:
            text = para[0].text
            for line in para[1:]:
                text = join_wrapped(text, line.text)
            blocks.append(Paragraph(text, SourceSpan(line=para[0].line, page=para[0].page)))
        para = []

    def end_table() -> None:
        nonlocal continuing
        if continuing:
            first = continuing[0]
            rows = tuple(row for part in continuing for row in part.rows)
            blocks.append(RawTable(rows, SourceSpan(line=first.line, page=first.page)))
        continuing = []

    for page in pages:
        items: list[tuple[float, PdfLine | PdfTable]] = [
            (line.top, line) for line in page.lines if id(line) in kept
        ]
        items += [(table.top, table) for table in page.tables]
        items.sort(key=lambda item: item[0])
        for _, item in items:
            if isinstance(item, PdfTable):
                end_paragraph()
                prev = None
                if continuing and continuing[-1].page == item.page:
                    end_table()  # two tables on one page are two tables
                continuing.append(item)
                continue
            end_table()
            if margins.starts_paragraph(prev, item):
                end_paragraph()
            para.append(item)
            prev = item
    end_paragraph()
    end_table()
    return tuple(blocks)
