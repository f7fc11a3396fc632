"""PDF reports (pdfplumber): tables from the page geometry, text in reading order.

A page that pdfminer cannot parse becomes a P009 finding and the other pages are read;
so does a file cut off in transfer, whose first pages are salvaged (``pdf_salvage``).
A file that is not a PDF at all, or that has no text layer (a scan), is unreadable.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pdfplumber

from gik_rules.ingest.document import Document
from gik_rules.ingest.pdf_flow import flow
from gik_rules.ingest.pdf_page import PageLayout, read_page
from gik_rules.ingest.pdf_salvage import page_count, salvage
from gik_rules.ingest.reader import DOCUMENT_READERS
from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.rules.finding import Location

# pdfminer logs every damaged object it skips; the reader reports them as findings.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read_pdf(data: bytes, source: str = "") -> Document:
    """The document in a PDF file."""
    layouts: list[PageLayout] = []
    issues: list[ParseIssue] = []
    pdf, pages, salvaged = _open(data)
    if salvaged:
        expected = page_count(data)
        issues.append(
            ParseIssue(
                "P009",
                f"文件不完整（被截断或损坏），只读取了其中的{len(pages)}页"
                + (f"（共{expected}页）" if expected else ""),
                f"the file is cut off or damaged; {len(pages)} page(s) could be read"
                + (f" of {expected}" if expected else ""),
                Location(page=len(pages) + 1, ref=source or None),
                expected=expected,
                actual=len(pages),
            )
        )
    with pdf:
        offset = 0
        for number, page in enumerate(pages, start=1):
            try:
                layout = read_page(page, number, offset)
            except Exception as exc:  # one damaged page must not lose the others
                issues.append(
                    ParseIssue(
                        "P009",
                        f"第{number}页无法读取（{type(exc).__name__}）",
                        f"page {number} cannot be read ({type(exc).__name__}: {exc})",
                        Location(page=number, ref=source or None),
                    )
                )
                continue
            finally:
                page.close()
            layouts.append(layout)
            offset += layout.line_count
            if layout.unmapped:
                issues.append(
                    ParseIssue(
                        "P009",
                        f"第{number}页有{layout.unmapped}个字符的字体缺少Unicode映射，无法读取其文字",
                        f"page {number} has {layout.unmapped} glyph(s) whose font maps them to no character; their text cannot be read",
                        Location(page=number, ref=source or None),
                        actual=layout.unmapped,
                    )
                )
    if not layouts:
        raise UnreadableError("the PDF has no readable page")
    if not any(layout.lines or layout.tables for layout in layouts):
        raise UnreadableError("the PDF has no text layer (a scanned image?)")
    return Document(flow(layouts), source=source, format="pdf", issues=tuple(issues))


def _open(data: bytes) -> tuple[Any, list[Any], bool]:
    """The pdfplumber document and its pages; ``True`` when only a salvaged part of a
    damaged file could be opened."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        return pdf, list(pdf.pages), False
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file
        error = exc
    repaired = salvage(data)
    if repaired is not None:
        try:
            pdf = pdfplumber.open(io.BytesIO(repaired))
            pages = list(pdf.pages)
        except Exception:  # the salvaged part is no better
            pass
        else:
            if pages:
                return pdf, pages, True
    raise UnreadableError(f"not a readable PDF ({type(error).__name__}: {error})")


DOCUMENT_READERS["pdf"] = read_pdf
