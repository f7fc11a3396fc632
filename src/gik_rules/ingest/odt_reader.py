"""OpenDocument text (.odt) reports: the body's paragraphs and tables, in document order.

An .odt file is a ZIP package whose ``content.xml`` holds the body; it is parsed by lxml
without entities, DTDs or network, like every XML gik-rules reads, and walked as the
.docx reader walks Word's body (``docx_reader``):

- a cell spanning columns (``table:number-columns-spanned``) is one cell; a position
  covered by a merged cell (``table:covered-table-cell``) is left out, as the document
  model asks; repeated rows and cells (``number-rows-repeated``, ``number-columns-
  repeated``) count as many times as they repeat;
- a table of one column, or one holding other tables, frames the report for layout: its
  content is read as if it stood outside it;
- sections, lists, header rows and row groups are read as if their content stood in
  their parent; notes, tracked deletions and drawings are not text.

Positions: ``line`` is the paragraph number (paragraphs in table cells counted); a
cell's ``ref`` is "table T, row R, column C" with C the grid column.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from lxml import etree

from gik_rules.ingest.document import Block, Document, Paragraph, RawCell, RawTable
from gik_rules.ingest.reader import DOCUMENT_READERS
from gik_rules.ingest.result import UnreadableError
from gik_rules.model.span import SourceSpan

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = {_TEXT + "p", _TEXT + "h"}
# Containers whose children are read as if they stood in the parent.
_TRANSPARENT = {
    _TEXT + "section",
    _TEXT + "list",
    _TEXT + "list-item",
    _TEXT + "list-header",
    _TABLE + "table-header-rows",
    _TABLE + "table-rows",
    _TABLE + "table-row-group",
}
_NOT_TEXT = {_TEXT + "note", _TEXT + "tracked-changes", _OFFICE + "annotation"}
#: Repeats taken at face value: a styled empty row repeated to the sheet's end is not text.
_MOST_REPEATS = 1000


def _repeat(element: Any, name: str) -> int:
    try:
        return min(max(1, int(element.get(_TABLE + name, "1"))), _MOST_REPEATS)
    except ValueError:
        return 1


def _text(element: Any) -> str:
    """The visible text of a paragraph: spans, links, spaces, tabs and line breaks."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _TEXT + "s":
            out.append(" " * _repeat_spaces(child))
        elif tag == _TEXT + "tab":
            out.append("\t")
        elif tag == _TEXT + "line-break":
            out.append("\n")
        elif (
            tag not in _NOT_TEXT
            and isinstance(tag, str)
            and not tag.startswith("{urn:oasis:names:tc:opendocument:xmlns:drawing")
        ):
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _repeat_spaces(element: Any) -> int:
    try:
        return min(max(1, int(element.get(_TEXT + "c", "1"))), _MOST_REPEATS)
    except ValueError:
        return 1


class _Walker:
    """Numbers paragraphs and tables while walking the body in document order."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, container: Any) -> Iterator[Block]:
        for child in container:
            tag = child.tag
            if tag in _PARAGRAPHS:
                self.paragraphs += 1
                span = SourceSpan(line=self.paragraphs)
                for line in _text(child).split("\n"):
                    if line.strip():
                        yield Paragraph(line, span)
            elif tag == _TABLE + "table":
                yield from self.table(child)
            elif tag in _TRANSPARENT:
                yield from self.blocks(child)

    def _rows(self, table: Any) -> list[list[Any]]:
        """The table's rows (repeats expanded), each the list of its cells and covered
        positions (repeats expanded)."""
        rows: list[list[Any]] = []

        def walk(container: Any) -> None:
            for child in container:
                if child.tag == _TABLE + "table-row":
                    cells = [
                        cell
                        for cell in child
                        if cell.tag in (_TABLE + "table-cell", _TABLE + "covered-table-cell")
                        for _ in range(_repeat(cell, "number-columns-repeated"))
                    ]
                    rows.extend([cells] * _repeat(child, "number-rows-repeated"))
                elif child.tag in _TRANSPARENT:
                    walk(child)

        walk(table)
        return rows

    def table(self, table: Any) -> Iterator[Block]:
        rows = self._rows(table)
        nested = any(True for _ in table.iter(_TABLE + "table") if _ is not table)
        real = [[c for c in row if c.tag == _TABLE + "table-cell"] for row in rows]
        if nested or all(len(row) <= 1 for row in real):
            for row in real:  # a frame around the report: read what it holds
                for cell in row:
                    yield from self.blocks(cell)
            return
        self.tables += 1
        number, first_line = self.tables, self.paragraphs + 1
        out: list[tuple[RawCell, ...]] = []
        for r, row in enumerate(rows, start=1):
            raw: list[RawCell] = []
            for column, cell in enumerate(row, start=1):
                if cell.tag != _TABLE + "table-cell":
                    continue  # covered by a merged cell
                paragraphs = [p for p in cell.iter(*_PARAGRAPHS)]
                line = self.paragraphs + 1
                self.paragraphs += len(paragraphs)
                raw.append(
                    RawCell(
                        "\n".join(_text(p) for p in paragraphs),
                        SourceSpan(line=line, ref=f"table {number}, row {r}, column {column}"),
                    )
                )
            out.append(tuple(raw))
        yield RawTable(tuple(out), SourceSpan(line=first_line, ref=f"table {number}"))


def read_odt(data: bytes, source: str = "") -> Document:
    """The document in an .odt file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            content = package.read("content.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = etree.fromstring(content, parser)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise UnreadableError(f"not a readable .odt file ({type(exc).__name__}: {exc})") from None
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise UnreadableError("the .odt file has no text body")
    return Document(tuple(_Walker().blocks(body)), source=source, format="odt")


DOCUMENT_READERS["odt"] = read_odt
