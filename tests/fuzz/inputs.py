"""Report files of every format the readers take, made here from the faulty example (no
corpus needed), and hostile files built from them: zip bombs, deep nesting, numbers of
thousands of digits, huge streams, lines and tables, special files."""

from __future__ import annotations

import functools
import io
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl

from gik_rules.host import default_host
from gik_rules.model import AnnualReport
from gik_rules.model.canonical import from_toml, to_json, to_toml
from tests.conftest import REPO

#: the suffix each format's file is named with
SUFFIX = {
    "text": ".txt",
    "md": ".md",
    "html": ".html",
    "docx": ".docx",
    "pdf": ".pdf",
    "toml": ".toml",
    "json": ".json",
    "csv": ".csv",
    "xlsx": ".xlsx",
}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.cache
def example() -> AnnualReport:
    return from_toml((REPO / "examples" / "faulty-2021.toml").read_text(encoding="utf-8"))


def dataset_rows(rows: int = 3) -> list[list[str]]:
    """A dataset's header and ``rows`` rows: the example's cells, one year apart."""
    report = example()
    ids = sorted(report.cells)
    out = [["organ", "year", "variant", "organ_id", *ids]]
    for i in range(rows):
        cells = [report.cells[c].raw for c in ids]
        out.append([report.meta.organ, str(2021 + i), "V2021", "c1", *cells])
    return out


def csv_of(rows: list[list[str]]) -> bytes:
    return ("\n".join(",".join(row) for row in rows) + "\n").encode("utf-8")


def xlsx_of(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@functools.cache
def seeds() -> dict[str, bytes]:
    """A good file of each format: the example rendered, or written as a dataset."""
    from gik_rules.render import render_report
    from tests.ingest.layouts import report_layout, values_of
    from tests.ingest.pdf_writer import to_pdf

    report = example()
    variant = default_host().variants["V2021"]
    sections = {s.number: s.text for s in report.sections if s.text}
    pdf = to_pdf(
        report_layout(
            variant, values_of(report.cells), organ=report.meta.organ, year=2021, sections=sections
        )
    )
    return {
        "text": render_report(report, "txt"),
        "md": render_report(report, "md"),
        "html": render_report(report, "html"),
        "docx": render_report(report, "docx"),
        "pdf": pdf,
        "toml": to_toml(report).encode("utf-8"),
        "json": to_json(report).encode("utf-8"),
        "csv": csv_of(dataset_rows()),
        "xlsx": xlsx_of(dataset_rows()),
    }


def with_number(fmt: str, digits: int) -> bytes:
    """The seed of ``fmt`` with the figure of one table cell made ``digits`` long."""
    long = "9" * digits
    if fmt in ("csv", "xlsx"):
        rows = dataset_rows(1)
        column = rows[0].index("t3.new.np")
        rows[1][column] = long
        return csv_of(rows) if fmt == "csv" else xlsx_of(rows)
    report = example()
    figure = report.cells["t3.new.np"].raw
    data = seeds()[fmt]
    if fmt == "docx":
        return _docx_replace(data, f">{figure}<", f">{long}<")
    if fmt in ("toml", "json"):  # the cell's value, a number of the file's own syntax
        old = f'"value": {figure}' if fmt == "json" else f"value = {figure}"
        at = data.index(old.encode(), data.index(b'"t3.new.np"'))
        return data[:at] + old.replace(figure, long).encode() + data[at + len(old) :]
    text = data.decode("utf-8")
    marker = "自然人"  # the row of table 三 whose first figure is t3.new.np
    at = text.index(figure, text.index(marker))
    return (text[:at] + long + text[at + len(figure) :]).encode("utf-8")


def docx_with_document(
    xml_body: str | bytes, *, level: int = zipfile.ZIP_DEFLATED, doctype: str = ""
) -> bytes:
    """A minimal .docx whose body is ``xml_body`` (after ``doctype``, if given)."""
    head = f'<?xml version="1.0"?>{doctype}<w:document xmlns:w="{_W}"><w:body>'.encode()
    body = xml_body.encode() if isinstance(xml_body, str) else xml_body
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/><Default '
            'Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
            '+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            "openxmlformats.org/officeDocument/2006/relationships/officeDocument"
            '" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            zipfile.ZipInfo("word/document.xml"),
            head + body + b"</w:body></w:document>",
            compress_type=level,
        )
    return out.getvalue()


def zip_bomb(inflated: int) -> bytes:
    """A .docx whose document part inflates to about ``inflated`` bytes of paragraphs
    (deflate shrinks them about a thousandfold)."""
    paragraph = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
    return docx_with_document(paragraph * max(1, inflated // len(paragraph)))


def with_member(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    """The ZIP archive ``data`` rebuilt with ``member`` changed by ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            part = source.read(info)
            archive.writestr(info, change(part) if info.filename == member else part)
    return out.getvalue()


def _docx_replace(data: bytes, old: str, new: str) -> bytes:
    def replaced(part: bytes) -> bytes:
        assert old.encode() in part, old
        return part.replace(old.encode(), new.encode(), 1)

    return with_member(data, "word/document.xml", replaced)


def pdf_with_stream(decoded: int, extra: bytes = b"") -> bytes:
    """A one-page PDF whose content stream is ``decoded`` bytes of spaces, compressed
    (``extra``: more keys of its dictionary)."""
    content = zlib.compress(b" " * decoded, 9)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
        b"<</Length %d/Filter/FlateDecode%s>>stream\n" % (len(content), extra)
        + content
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def deep(fmt: str, depth: int) -> bytes:
    """A file of ``fmt`` (toml, json, html, docx) nested ``depth`` levels deep."""
    if fmt == "toml":
        return b"schema_version = 1\nx = " + b"[" * depth + b"]" * depth + b"\n"
    if fmt == "json":
        return b'{"schema_version": 1, "x": ' + b"[" * depth + b"]" * depth + b"}"
    if fmt == "html":
        inner = "<div>" * depth + "<p>一、总体情况</p>" + "</div>" * depth
        return f"<html><body><h1>报告</h1>{inner}<p>二、主动公开</p></body></html>".encode()
    if fmt == "docx":
        return docx_with_document("<w:sdt>" * depth + "<w:p/>" + "</w:sdt>" * depth)
    raise ValueError(fmt)


def write_special(folder: Path) -> dict[str, Path]:
    """A named pipe and a folder with a report's name (the FIFO only where there are FIFOs)."""
    import os

    out = {}
    folder_named = folder / "folder.txt"
    folder_named.mkdir()
    out["folder"] = folder_named
    if hasattr(os, "mkfifo"):
        fifo = folder / "pipe.txt"
        os.mkfifo(fifo)
        out["fifo"] = fifo
    return out
