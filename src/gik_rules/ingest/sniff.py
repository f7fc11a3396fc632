"""Choosing a reader by content, not only by extension."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

# A dataset header: cell ids such as t3.new.np among comma, tab or semicolon separated names.
_CELL_ID_HEADER = re.compile(rb"(?:^|[,\t;])\s*t[234]\.[a-z_]+\.[a-z_]+\s*(?:[,\t;]|\r?$)")


def sniff(data: bytes, path: str = "") -> str:
    """One of: pdf, docx, xlsx, html, toml, json, csv, text (or "zip" for another archive)."""
    suffix = Path(path).suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return {".docx": "docx", ".xlsx": "xlsx"}.get(suffix, "zip")
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return "zip"
    head = data[:4096]
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            head = head[len(bom) :].decode(codec, errors="ignore").encode("utf-8")
            break
    lowered = head.lower().lstrip()
    if (
        lowered.startswith((b"<!doctype html", b"<html", b"<?xml"))
        or b"<table" in lowered
        or b"<body" in lowered
    ):
        return "html"
    if suffix in (".htm", ".html", ".xhtml"):
        return "html"
    if suffix == ".json" or lowered.startswith(b"{"):
        return "json"
    if suffix == ".toml" or b"schema_version" in head:
        return "toml"
    if suffix in (".csv", ".tsv") or _CELL_ID_HEADER.search(lowered.split(b"\n", 1)[0]):
        return "csv"
    return "text"
