"""PDF reports: tables from the page geometry, text in reading order.

The pages come from PDFium (``pdf_pdfium``), fast, or from pdfplumber (``pdf_plumber``)
where PDFium declines: both fill the same characters and rulings (``pdf_layer``) that
the table and text logic reads (``pdf_page``, ``pdf_flow``). A fallback is logged at
debug level on the ``gik_rules.ingest.pdf`` logger (it changes no figure, only the time);
``GIK_RULES_PDF_BACKEND=pdfplumber`` forces the fallback.

A page that pdfminer cannot parse becomes a P009 finding and the other pages are read;
so does a file cut off in transfer, whose first pages are salvaged (``pdf_salvage``).
A page without text that shows an image (a scan) is recognised by OCR (``pdf_scan``)
where an engine is installed; a file that is not a PDF at all, or whose every page is a
scan and no engine is installed, is unreadable.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Literal, Protocol

from gik_rules.ingest.document import Document
from gik_rules.ingest.limits import LimitExceeded, check
from gik_rules.ingest.pdf_flow import flow
from gik_rules.ingest.pdf_layer import PageGeometry
from gik_rules.ingest.pdf_page import PageLayout, read_page
from gik_rules.ingest.pdf_pages import Pages
from gik_rules.ingest.pdf_pdfium import Declined, PdfiumSource
from gik_rules.ingest.pdf_plumber import PlumberSource
from gik_rules.ingest.pdf_salvage import page_count
from gik_rules.ingest.pdf_streams import check_streams
from gik_rules.ingest.reader import DOCUMENT_READERS
from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.rules.finding import Location

Backend = Literal["auto", "pdfium", "pdfplumber"]
_ENCRYPTED = re.compile(rb"/Encrypt\b")
log = logging.getLogger("gik_rules.ingest.pdf")


class _Source(Protocol):
    salvaged: bool

    def __len__(self) -> int: ...

    def page(self, index: int) -> PageGeometry: ...

    def close(self) -> None: ...


def read_pdf(data: bytes, source: str = "", backend: Backend | None = None) -> Document:
    """The document in a PDF file.

    ``backend`` "auto" (the default, or ``GIK_RULES_PDF_BACKEND``) reads with PDFium and
    falls back to pdfplumber where PDFium declines; "pdfplumber" never uses PDFium;
    "pdfium" never falls back (a declined file is unreadable: for tests and benchmarks).
    """
    if b"%PDF-" not in data[:1024]:
        raise UnreadableError("not a PDF file (it has no %PDF- header)")
    check_streams(data)
    chosen = backend or os.environ.get("GIK_RULES_PDF_BACKEND") or "auto"
    pages = Pages(data, source)
    try:
        if chosen != "pdfplumber":
            try:
                return _read_pages(PdfiumSource(data), data, pages, fast=True)
            except Declined as why:
                if chosen == "pdfium":
                    raise UnreadableError(f"PDFium declined: {why}") from None
                log.debug("%s: read with pdfplumber, PDFium declined: %s", source or "PDF", why)
        return _read_pages(PlumberSource(data), data, pages, fast=False)
    finally:
        pages.close()


def _read_pages(pdf: _Source, data: bytes, pages: Pages, fast: bool) -> Document:
    """The document of every page of ``pdf``; with ``fast``, a page PDFium cannot give
    raises ``Declined`` (pdfplumber reads the whole file then, so that the pages and
    findings are pdfplumber's), otherwise a damaged page is a finding."""
    source = pages.source
    layouts: list[PageLayout] = []
    issues: list[ParseIssue] = []
    try:
        check("pdf_pages", len(pdf))
    except LimitExceeded:
        pdf.close()
        raise
    if pdf.salvaged:
        expected = page_count(data)
        issues.append(
            ParseIssue(
                "P009",
                f"文件不完整（被截断或损坏），只读取了其中的{len(pdf)}页"
                + (f"（共{expected}页）" if expected else ""),
                f"the file is cut off or damaged; {len(pdf)} page(s) could be read"
                + (f" of {expected}" if expected else ""),
                Location(page=len(pdf) + 1, ref=source or None),
                expected=expected,
                actual=len(pdf),
            )
        )
    try:
        offset = 0
        for index in range(len(pdf)):
            number = index + 1
            try:
                geometry = pages.recognise(pdf.page(index))
                layout = pages.complete(geometry, read_page(geometry, offset))
            except Declined:
                raise
            except Exception as exc:  # one damaged page must not lose the others
                if fast:
                    raise Declined(f"page {number}: {type(exc).__name__}: {exc}") from None
                issues.append(
                    ParseIssue(
                        "P009",
                        f"第{number}页无法读取（{type(exc).__name__}）",
                        f"page {number} cannot be read ({type(exc).__name__}: {exc})",
                        Location(page=number, ref=source or None),
                    )
                )
                continue
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
    finally:
        pdf.close()
    if not layouts or not any(layout.lines or layout.tables for layout in layouts):
        if _ENCRYPTED.search(data):
            raise UnreadableError(
                "the PDF is encrypted: its text cannot be read without its password"
            )
        if not layouts:
            raise UnreadableError("the PDF has no readable page")
        why = f"; it cannot be recognised: {pages.unavailable}" if pages.unavailable else ""
        raise UnreadableError(f"the PDF has no text layer (a scanned image?){why}")
    issues.extend(pages.unrecognised_issues())
    return Document(
        flow(layouts),
        source=source,
        format="pdf",
        issues=tuple(issues),
        readings=pages.readings,
    )


DOCUMENT_READERS["pdf"] = read_pdf
