"""PDF reports (pdfplumber): tables from the page geometry, text in reading order.

A page that pdfminer cannot parse becomes a P009 finding and the other pages are read;
a file that is not a PDF at all, or that has no text layer (a scan), is unreadable.
"""

from __future__ import annotations

import io
import logging

import pdfplumber

from gik_rules.ingest.document import Document
from gik_rules.ingest.pdf_flow import flow
from gik_rules.ingest.pdf_page import PageLayout, read_page
from gik_rules.ingest.reader import DOCUMENT_READERS
from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.rules.finding import Location

# pdfminer logs every damaged object it skips; the reader reports them as findings.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def read_pdf(data: bytes, source: str = "") -> Document:
    """The document in a PDF file."""
    layouts: list[PageLayout] = []
    issues: list[ParseIssue] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pages = pdf.pages
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file
        raise UnreadableError(f"not a readable PDF ({type(exc).__name__}: {exc})") from None
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
    if not layouts:
        raise UnreadableError("the PDF has no readable page")
    if not any(layout.lines or layout.tables for layout in layouts):
        raise UnreadableError("the PDF has no text layer (a scanned image?)")
    return Document(flow(layouts), source=source, format="pdf", issues=tuple(issues))


DOCUMENT_READERS["pdf"] = read_pdf
