"""The fallback backend: a page's characters and rulings from pdfplumber (pdfminer).

Slow (pdfminer interprets the page in Python) but it reads what PDFium is not trusted
with (``pdf_pdfium``): a file cut off in transfer, whose complete objects are salvaged
(``pdf_salvage``), glyphs without a Unicode mapping, rotated pages, encrypted files.
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pdfplumber

from gik_rules.ingest.pdf_layer import PageGeometry, Ruling, char, rect_rulings, segment_rulings
from gik_rules.ingest.pdf_salvage import salvage
from gik_rules.ingest.result import UnreadableError

# pdfminer logs every damaged object it skips; the reader reports them as findings.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


class PlumberSource:
    """The pages of one PDF, read through pdfplumber; ``salvaged`` when only the
    salvaged part of a damaged file could be opened."""

    def __init__(self, data: bytes) -> None:
        self._pdf, self._pages, self.salvaged = _open(data)

    def __len__(self) -> int:
        return len(self._pages)

    def close(self) -> None:
        self._pdf.close()

    def page(self, index: int) -> PageGeometry:
        """The characters and rulings of page ``index`` (from 0); raises whatever
        pdfminer raises on a damaged page."""
        page = self._pages[index]
        try:
            return geometry(page, index + 1)
        finally:
            page.close()


def geometry(page: Any, number: int) -> PageGeometry:
    """A pdfplumber page as the neutral layer."""
    chars = tuple(
        char(
            str(ch["text"]),
            float(ch["x0"]),
            float(ch["x1"]),
            float(ch["top"]),
            float(ch["bottom"]),
            float(ch["size"]),
            bool(ch["upright"]),
        )
        for ch in page.chars
    )
    rulings: list[Ruling] = []
    for line in page.lines:
        rulings.extend(segment_rulings(_points(line)))
    for rect in page.rects:
        rulings.extend(
            rect_rulings(
                float(rect["x0"]),
                float(rect["top"]),
                float(rect["x1"]),
                float(rect["bottom"]),
                bool(rect.get("stroke")),
            )
        )
    for curve in page.curves:
        rulings.extend(segment_rulings(_points(curve)))
    return PageGeometry(number, float(page.width), float(page.height), chars, tuple(rulings))


def _points(obj: dict[str, Any]) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in obj["pts"]]


def _open(data: bytes) -> tuple[Any, list[Any], bool]:
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
