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
from typing import Any

from lxml import etree

from gik_rules.ingest.archive import check_archive
from gik_rules.ingest.body_walk import BodyWalker, GridCell, Kind
from gik_rules.ingest.document import Document
from gik_rules.ingest.reader import DOCUMENT_READERS
from gik_rules.ingest.result import UnreadableError

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_PARAGRAPHS = {_TEXT + "p", _TEXT + "h"}
_COVERED = _TABLE + "covered-table-cell"
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


def _repeat(element: Any, attribute: str) -> int:
    """How often an element repeats (``table:number-…-repeated``, ``text:c``)."""
    try:
        return min(max(1, int(element.get(attribute, "1"))), _MOST_REPEATS)
    except ValueError:
        return 1


def _text(element: Any) -> str:
    """The visible text of a paragraph: spans, links, spaces, tabs and line breaks."""
    out = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == _TEXT + "s":
            out.append(" " * _repeat(child, _TEXT + "c"))
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


class _Walker(BodyWalker):
    """OpenDocument's body: ``text:p``/``text:h``, ``table:table``, and the containers."""

    def kind(self, element: Any) -> Kind | None:
        tag = element.tag
        if tag in _PARAGRAPHS:
            return "paragraph"
        if tag == _TABLE + "table":
            return "table"
        return "container" if tag in _TRANSPARENT else None

    def text(self, paragraph: Any) -> str:
        return _text(paragraph)

    def grid(self, table: Any) -> list[list[GridCell]]:
        """The rows and cells with their repeats expanded; covered positions included."""
        rows: list[list[GridCell]] = []

        def walk(container: Any) -> None:
            for child in container:
                if child.tag == _TABLE + "table-row":
                    cells = [
                        cell
                        for cell in child
                        if cell.tag in (_TABLE + "table-cell", _COVERED)
                        for _ in range(_repeat(cell, _TABLE + "number-columns-repeated"))
                    ]
                    row = [GridCell(c, n, c.tag == _COVERED) for n, c in enumerate(cells, 1)]
                    rows.extend([row] * _repeat(child, _TABLE + "number-rows-repeated"))
                elif child.tag in _TRANSPARENT:
                    walk(child)

        walk(table)
        return rows

    def cell_paragraphs(self, table: Any, cell: Any) -> list[Any]:
        return list(cell.iter(*_PARAGRAPHS))

    def nested(self, table: Any) -> bool:
        return any(t is not table for t in table.iter(_TABLE + "table"))


def read_odt(data: bytes, source: str = "") -> Document:
    """The document in an .odt file."""
    check_archive(data)  # a zip bomb is a limit, not gigabytes of memory
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
