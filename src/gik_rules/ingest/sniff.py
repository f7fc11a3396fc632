"""Choosing a reader by content, not only by extension."""

from __future__ import annotations

import io
import re
from pathlib import Path

from gik_rules.ingest.decode import decode
from gik_rules.ingest.result import UnreadableError

# A dataset header: cell ids (``<table>.<row>.<column>``, e.g. t3.new.np) among comma, tab
# or semicolon separated names.
_CELL_ID_HEADER = re.compile(
    r"(?:^|[,\t;])\s*[a-z]\w*\.[a-z_]\w*\.[a-z_]\w*\s*(?:[,\t;]|\r?$)", re.ASCII
)

_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_STREAM = "WordDocument".encode("utf-16-le")  # a directory entry, anywhere in the file
# An OpenDocument package starts with its uncompressed "mimetype" member.
_ODT_MIME = b"application/vnd.oasis.opendocument.text"


#: the formats that are no text, by suffix
_BINARY = {".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx"}


def sniff(data: bytes, path: str = "") -> str:
    """One of: pdf, docx, odt, doc, wps, xlsx, html, toml, json, csv, text (or "zip" for
    another archive, "ole" for another compound file)."""
    suffix = Path(path).suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(_COMPOUND_FILE):
        # Word 97-2003 and WPS files are compound files holding a WordDocument stream
        if suffix == ".wps":
            return "wps"
        return "doc" if _WORD_STREAM in data else "ole"
    if data.startswith(b"PK\x03\x04"):
        import zipfile  # here: most inputs are no archive

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except Exception:  # a cut-off or damaged archive: zipfile raises several kinds
            return {".docx": "docx", ".xlsx": "xlsx", ".odt": "odt"}.get(suffix, "zip")
        if "word/document.xml" in names:
            return "docx"
        if "content.xml" in names and _ODT_MIME in data[:200]:
            return "odt"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    if suffix == ".json" and b"<" not in data[:_HEAD]:
        # no HTML marker (each holds a "<"): what decoding the head would tell, without
        # it; a "<" is the byte 0x3C in every encoding decode() finds (and latin-1)
        return "json"
    return _text_kind(data, suffix)


#: the bytes of a text's start that ``sniff`` decodes
_HEAD = 4096


def _text_kind(data: bytes, suffix: str) -> str:
    """``sniff`` of what is no binary format by its start."""
    # The start of the text, in whichever encoding decode() finds (UTF-16 without a BOM
    # too); bytes it cannot decode are searched for ASCII markers as they are.
    try:
        head, _ = decode(data[:_HEAD])
        # (the 4,096 bytes may end inside a character: that replacement is no damage)
        clean = "\ufffd" not in head.rstrip("\ufffd") and "\x00" not in head
    except UnreadableError:
        head, clean = data[:_HEAD].decode("latin-1"), False
    if suffix in _BINARY and not clean:
        return _BINARY[suffix]  # no clean text: what its name says, for the reader to judge
    start = head.lstrip(" \t\n\r\v\f")
    # every HTML marker holds a "<", which no character lowers to: a head without one
    # (a JSON or TOML report, most texts) is not lowered whole
    if "<" in start and _html(start.lower()):
        return "html"
    if suffix in (".htm", ".html", ".xhtml"):
        return "html"
    if suffix == ".json" or start.startswith("{"):
        return "json"
    if suffix == ".toml" or "schema_version" in head:
        return "toml"
    if suffix in (".csv", ".tsv") or _CELL_ID_HEADER.search(start.split("\n", 1)[0].lower()):
        return "csv"
    return "text"


def _html(lowered: str) -> bool:
    return (
        lowered.startswith(("<!doctype html", "<html", "<?xml"))
        or "<table" in lowered
        or "<body" in lowered
    )
