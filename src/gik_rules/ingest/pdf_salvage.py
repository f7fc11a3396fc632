"""What is left of a PDF cut off in transfer.

A PDF keeps its cross-reference table and trailer at the end; a truncated file has
neither, and pdfminer gives up. Word-to-PDF writers put the catalogue, the page tree and
each page's objects in order, so the complete objects before the cut still hold the
first pages: the salvaged file is those objects and a new trailer naming the catalogue.
"""

from __future__ import annotations

import re

_CATALOG = re.compile(rb"(\d+)\s+(\d+)\s+obj\s*<<(?:(?!endobj).){0,4000}?/Type\s*/Catalog", re.S)
_PAGE_COUNT = re.compile(
    rb"/Type\s*/Pages\b(?:(?!endobj).){0,2000}?/Count\s+(\d+)|/Count\s+(\d+)(?:(?!endobj).){0,2000}?/Type\s*/Pages\b",
    re.S,
)


def salvage(data: bytes) -> bytes | None:
    """The complete objects of ``data`` with a trailer, or None when no catalogue is left."""
    end = data.rfind(b"endobj")
    catalog = _CATALOG.search(data, 0, end) if end > 0 else None
    if catalog is None:
        return None
    root = b"%s %s R" % (catalog.group(1), catalog.group(2))
    return data[: end + len(b"endobj")] + b"\ntrailer\n<< /Root " + root + b" >>\n%%EOF\n"


def page_count(data: bytes) -> int | None:
    """The number of pages the page tree announces (before the cut)."""
    match = _PAGE_COUNT.search(data)
    if match is None:
        return None
    return int(match.group(1) or match.group(2))
