"""Word 97-2003 (.doc) and WPS (.wps) reports: converted to .docx by LibreOffice, then
read by the .docx reader (``office_convert``, ``docx_reader``)."""

from __future__ import annotations

import attrs

from gik_rules.ingest.document import Document
from gik_rules.ingest.docx_reader import read_docx
from gik_rules.ingest.office_convert import convert
from gik_rules.ingest.reader import DOCUMENT_READERS


def read_doc(data: bytes, source: str = "") -> Document:
    """The document in a .doc file, through LibreOffice's .docx."""
    return attrs.evolve(read_docx(convert(data, ".doc", "docx"), source), format="doc")


def read_wps(data: bytes, source: str = "") -> Document:
    """The document in a .wps file, through LibreOffice's .docx."""
    return attrs.evolve(read_docx(convert(data, ".wps", "docx"), source), format="wps")


DOCUMENT_READERS["doc"] = read_doc
DOCUMENT_READERS["wps"] = read_wps
