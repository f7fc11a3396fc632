"""HTML reports as government portals publish them.

The page is decoded like any text (UTF-8, GB18030, UTF-16; ``<meta charset>`` is not
trusted, it is often wrong) and parsed by lxml's HTML parser with ``no_network=True``.
That parser never loads a DTD and expands no declared entity, only HTML's own character
references (``&nbsp;``); a DOCTYPE with an internal subset is cut off before parsing.

Tables with ``rowspan``/``colspan`` give each merged cell once, as the document model
asks. A table of one column, or one holding other tables, is page layout: its content
is read as if it stood outside it. Scripts, styles and hidden elements are skipped, and
the navigation before the report and the footer after it are dropped
(``html_region``). Positions: ``line`` is the line of the HTML source; a cell's ``ref``
is "table T, row R, column C" with C the grid column (after the spans to its left).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

from gik_rules.ingest.decode import damage_issues, decode
from gik_rules.ingest.document import Block, Document, Paragraph, RawCell, RawTable, drop_last_row
from gik_rules.ingest.html_region import report_region
from gik_rules.ingest.limit_checks import check_text, check_tree_depth, xml_limit
from gik_rules.ingest.reader import DOCUMENT_READERS
from gik_rules.ingest.result import ParseIssue, UnreadableError
from gik_rules.model.span import SourceSpan
from gik_rules.rules.finding import Location

_SKIP = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "select",
        "option",
        "button",
        "input",
        "textarea",
        "svg",
        "math",
        "map",
        "audio",
        "video",
        "canvas",
    }
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "main",
        "center",
        "blockquote",
        "pre",
        "form",
        "fieldset",
        "address",
        "figure",
        "figcaption",
        "hr",
        "caption",
        "title",
        "body",
        "html",
    }
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_END = re.compile(r"</html\s*>\s*$", re.IGNORECASE)
_SOURCE_BREAK = re.compile(r"[ \t]*[\r\n][ \t\r\n]*")
_PROLOGUE = re.compile(r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>)?", re.S)


def _flow(text: str | None) -> str:
    """Source text as a browser shows it: a line break of the source is a space, or
    nothing between Chinese characters (where a browser shows none either)."""
    if not text:
        return ""

    def join(match: re.Match[str]) -> str:
        before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
        return "" if not before or not after or (before > "\u2e7f" and after > "\u2e7f") else " "

    return _SOURCE_BREAK.sub(join, text)


def _tag(element: Any) -> str:
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


def _hidden(element: Any) -> bool:
    return element.get("hidden") is not None or bool(_HIDDEN.search(element.get("style") or ""))


def _span_attr(element: Any, name: str) -> int:
    try:
        return min(max(1, int((element.get(name) or "1").strip())), 1000)
    except ValueError:
        return 1


class _Walker:
    def __init__(self) -> None:
        self.buffer: list[str] = []
        self.line: int | None = None
        self.tables = 0

    def _add(self, text: str | None, line: int | None) -> None:
        text = _flow(text)
        if text:
            if not self.buffer:
                self.line = line
            self.buffer.append(text)

    def _flush(self) -> Iterator[Block]:
        text = "".join(self.buffer).replace("\r", "")
        self.buffer = []
        for part in text.split("\n"):
            if part.strip():
                yield Paragraph(part.strip(), SourceSpan(line=self.line))

    def blocks(self, element: Any) -> Iterator[Block]:
        """Paragraphs and tables of an element's content, in document order."""
        line = element.sourceline
        self._add(element.text, line)
        for child in element:
            tag = _tag(child)
            if not tag or tag in _SKIP or _hidden(child):
                pass  # comments, processing instructions and what a browser does not show
            elif tag == "br":
                if not self.buffer:  # a paragraph that starts with <br> starts on its line
                    self.line = child.sourceline
                self.buffer.append("\n")
            elif tag == "table":
                yield from self._flush()
                yield from self.table(child)
            elif tag in _BLOCK:
                yield from self._flush()
                yield from self.blocks(child)
                yield from self._flush()
            else:
                yield from self.blocks(child)
            self._add(child.tail, child.sourceline)

    def table(self, table: Any) -> Iterator[Block]:
        rows = [tr for tr in table.iter("tr") if _owner(tr) is table]
        cells = [[c for c in tr if _tag(c) in ("td", "th") and not _hidden(c)] for tr in rows]
        nested = any(t is not table for t in table.iter("table"))
        if nested or all(len(row) <= 1 for row in cells):
            for row in cells:  # page layout around the report
                for cell in row:
                    yield from self._flush()
                    yield from self.blocks(cell)
                    yield from self._flush()
            return
        self.tables += 1
        occupied: dict[tuple[int, int], bool] = {}
        out: list[tuple[RawCell, ...]] = []
        for r, row in enumerate(cells, start=1):
            raw: list[RawCell] = []
            column = 1
            for cell in row:
                while occupied.get((r, column)):
                    column += 1
                # Spans beyond the table (rowspan="999999") only cost memory: clip them.
                rowspan = min(_span_attr(cell, "rowspan"), len(cells) - r + 1)
                colspan = min(_span_attr(cell, "colspan"), 100)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        occupied[(r + dr, column + dc)] = True
                raw.append(
                    RawCell(
                        _cell_text(cell),
                        SourceSpan(
                            line=cell.sourceline,
                            ref=f"table {self.tables}, row {r}, column {column}",
                        ),
                    )
                )
                column += colspan
            out.append(tuple(raw))
        yield RawTable(tuple(out), SourceSpan(line=table.sourceline, ref=f"table {self.tables}"))


def _owner(element: Any) -> Any:
    for ancestor in element.iterancestors("table"):
        return ancestor
    return None


def _cell_text(cell: Any) -> str:
    """A cell's text with its line breaks (``<br>``, paragraphs) as newlines."""
    out: list[str] = []

    def walk(element: Any) -> None:
        out.append(_flow(element.text))
        for child in element:
            tag = _tag(child)
            if tag and tag not in _SKIP and not _hidden(child):
                if tag == "br" or tag in _BLOCK:
                    out.append("\n")
                walk(child)
                if tag in _BLOCK:
                    out.append("\n")
            out.append(_flow(child.tail))

    walk(cell)
    return "\n".join(line for line in "".join(out).split("\n") if line.strip())


def read_html(data: bytes, source: str = "") -> Document:
    """The report in an HTML page."""
    text, encoding = decode(data)
    check_text(text)
    # Cut the prologue, keeping its line breaks so that source lines stay right.
    source_text = _PROLOGUE.sub(lambda m: "\n" * m.group(0).count("\n"), text, count=1)
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(source_text, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UnreadableError(f"not a readable HTML page ({exc})") from None
    for error in parser.error_log:  # the parser stops at its depth limit: never silently
        past = xml_limit(error.message, error.line)
        if past is not None:
            raise past
    if root is None:
        raise UnreadableError("the HTML page is empty")
    check_tree_depth(root)
    walker = _Walker()
    blocks = [*walker.blocks(root), *walker._flush()]
    issues = damage_issues(text, encoding)
    if _cut_inside_table(text):
        blocks, cut = drop_last_row(blocks)
        issues += (
            ParseIssue(
                "P009",
                "网页在表格中间中断（文件不完整），最后一行表格未读取",
                "the page breaks off inside a table (the file is incomplete); its last row was not read",
                Location(line=cut, ref=source or None),
            ),
        )
    return Document(
        report_region(blocks), source=source, encoding=encoding, format="html", issues=issues
    )


def _cut_inside_table(text: str) -> bool:
    """A page that ends inside an open table, without ``</html>``: cut off in transfer."""
    if _END.search(text[-200:]):
        return False
    lowered = text.lower()
    return lowered.rfind("<table") > lowered.rfind("</table")


DOCUMENT_READERS["html"] = read_html
