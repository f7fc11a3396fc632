"""Word (.docx) reports: the body's paragraphs and real Word tables, in document order.

python-docx opens the package (its XML parser does not resolve entities); the body is
walked at the XML level so that merged cells, content controls and tracked insertions
are read as Word shows them:

- a cell merged across columns (``w:gridSpan``) is one ``w:tc``, given once;
- a cell merged down (``w:vMerge``) is given in its first row; the rows below leave
  that position out, as the document model asks;
- a table of one column, or one holding other tables, frames the report for layout;
  its content is read as if it stood outside it.

A file cut off in transfer is read as far as its document part goes (``docx_salvage``),
with a P009 finding. Positions: ``line`` is the paragraph number (every paragraph of the document counted,
those in table cells included); a cell's ``ref`` is "table T, row R, column C" with C
the grid column.
"""

from __future__ import annotations

import io
from typing import Any

import docx

from gik_rules.ingest.archive import ZIP_MAGIC, check_archive
from gik_rules.ingest.body_walk import BodyWalker, GridCell, Kind
from gik_rules.ingest.document import Document
from gik_rules.ingest.docx_salvage import salvage_body
from gik_rules.ingest.limit_checks import xml_limit
from gik_rules.ingest.reader import DOCUMENT_READERS
from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.rules.finding import Location

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Containers whose children are read as if they stood in the parent.
_TRANSPARENT = {_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "smartTag"}
_SKIPPED = {_W + "del", _W + "moveFrom", _MC_FALLBACK, _W + "instrText"}


def _text(element: Any) -> str:
    """The visible text of a paragraph: runs, tabs and breaks, without deleted text."""
    out: list[str] = []
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag == _W + "tbl":
            continue  # a table inside a text box is not part of the paragraph
        else:
            out.append(_text(child))
    return "".join(out)


class _Walker(BodyWalker):
    """Word's body: ``w:p``, ``w:tbl``, and the containers read through."""

    def kind(self, element: Any) -> Kind | None:
        tag = element.tag
        if tag == _W + "p":
            return "paragraph"
        if tag == _W + "tbl":
            return "table"
        return "container" if tag in _TRANSPARENT else None

    def text(self, paragraph: Any) -> str:
        return _text(paragraph)

    def grid(self, table: Any) -> list[list[GridCell]]:
        rows = [tr for tr in table.iter(_W + "tr") if _owner(tr) is table]
        out = []
        for tr in rows:
            cells, column = [], 1
            for tc in tr.iter(_W + "tc"):
                if _owner(tc) is table:
                    cells.append(GridCell(tc, column, _covered(tc)))
                    column += _grid_span(tc)
            out.append(cells)
        return out

    def cell_paragraphs(self, table: Any, cell: Any) -> list[Any]:
        return [p for p in cell.iter(_W + "p") if _owner(p) is table]

    def nested(self, table: Any) -> bool:
        return any(t is not table for t in table.iter(_W + "tbl"))


def _owner(element: Any) -> Any:
    """The nearest enclosing table of an element (None outside any table)."""
    for ancestor in element.iterancestors(_W + "tbl"):
        return ancestor
    return None


def _grid_span(tc: Any) -> int:
    span = tc.find(f"{_W}tcPr/{_W}gridSpan")
    try:
        return max(1, int(span.get(_W + "val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _covered(tc: Any) -> bool:
    """A position covered by a cell merged from above (or, in old files, from the left)."""
    for name in ("vMerge", "hMerge"):
        merge = tc.find(f"{_W}tcPr/{_W}{name}")
        if merge is not None and merge.get(_W + "val", "continue") == "continue":
            return True
    return False


def positions(body: Any) -> tuple[list[Any], dict[str, Any]]:
    """The paragraph elements by number and the cell elements by ref, numbered as the
    reader numbers them (``SourceSpan.line`` and ``ref``)."""
    walker = _Walker()
    for _ in walker.blocks(body):
        pass
    return walker.elements, walker.cells


def read_docx(data: bytes, source: str = "") -> Document:
    """The document in a .docx file (what is left of it, when it is cut off)."""
    if not data.startswith(ZIP_MAGIC):
        raise UnreadableError("not a .docx file (it is not a ZIP archive)")
    check_archive(data)
    issues: tuple[ParseIssue, ...] = ()
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own errors
        past = xml_limit(str(exc), getattr(exc, "lineno", None))
        if past is not None:  # whole, but past what the XML parser reads: not cut off
            raise past from None
        body = salvage_body(data)
        if body is None:
            raise UnreadableError(
                f"not a readable .docx file ({type(exc).__name__}: {exc})"
            ) from None
        issues = (
            ParseIssue(
                "P009",
                "文件不完整（被截断或损坏），只读取了正文中能读出的部分",
                f"the file is cut off or damaged ({type(exc).__name__}); only what is left of the body was read",
                Location(ref=source or None),
            ),
        )
    blocks = tuple(_Walker().blocks(body))
    return Document(blocks, source=source, format="docx", issues=issues)


DOCUMENT_READERS["docx"] = read_docx
