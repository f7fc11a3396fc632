"""What is left of a .docx cut off in transfer.

A .docx is a ZIP archive whose directory stands at its end; a truncated file has none,
and no ZIP reader opens it. The document part (``word/document.xml``) is still there,
whole or cut off, behind its local header: it is inflated as far as the bytes go and
parsed leniently (no entities resolved, no network), which gives the paragraphs and
tables before the cut; the one the cut falls into is dropped.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

from lxml import etree

from gik_rules.ingest.archive import inflate
from gik_rules.ingest.limits import check

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LOCAL_HEADER = b"PK\x03\x04"
_DOCUMENT = b"word/document.xml"


def _document_part(data: bytes) -> bytes | None:
    start = 0
    while (start := data.find(_LOCAL_HEADER, start)) >= 0:
        header = data[start : start + 30]
        if len(header) < 30:
            return None
        method, size = struct.unpack("<H", header[8:10])[0], struct.unpack("<I", header[18:22])[0]
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        name = data[start + 30 : start + 30 + name_len]
        body = start + 30 + name_len + extra_len
        if name == _DOCUMENT:
            raw = data[body : body + size] if size else data[body:]
            if method == 0:
                check("member_bytes", len(raw))
                return raw
            if method == 8:
                try:
                    return inflate(raw)
                except zlib.error:
                    return None
            return None
        start = body
    return None


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(recover=recover, resolve_entities=False, no_network=True, load_dtd=False)


def salvage_body(data: bytes) -> Any | None:
    """The ``w:body`` element of what is left of the document part, or None."""
    part = _document_part(data)
    if not part:
        return None
    cut = False
    try:
        root = etree.fromstring(part, _parser(recover=False))
    except etree.XMLSyntaxError:  # the part itself is cut off: read it up to the cut
        cut = True
        try:
            root = etree.fromstring(part, _parser(recover=True))
        except etree.XMLSyntaxError:
            return None
    body = root.find(f"{_W}body") if root is not None else None
    if body is not None and cut:
        _drop_cut_block(body)
    return body


def _drop_cut_block(body: Any) -> None:
    """The paragraph or table row the cut falls into may have lost its end ("145" read
    as "14"): better missing, and reported missing, than wrong."""
    paragraphs = list(body.iter(f"{_W}p"))
    if not paragraphs:
        return
    last = paragraphs[-1]
    row = next(last.iterancestors(f"{_W}tr"), None)
    cut = row if row is not None else last
    parent = cut.getparent()
    if parent is not None:
        parent.remove(cut)
