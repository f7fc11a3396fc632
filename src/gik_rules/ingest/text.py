"""Plain text as a .docx converted to text gives it.

Paragraphs stand on lines of their own. A table cell is a line that starts with a tab;
a line without a tab right after a cell line continues that cell ("本年新" / "制作数量");
rows are separated by blank lines; a paragraph line after a blank line ends the table.
Conversion markup such as ``[bookmark: _GoBack]`` is dropped.
"""

from __future__ import annotations

import re

import attrs

from gik_rules.ingest.decode import damage_issues, decode
from gik_rules.ingest.document import Block, Document, Paragraph, RawCell, RawTable, drop_last_row
from gik_rules.ingest.result import ParseIssue
from gik_rules.model.span import SourceSpan
from gik_rules.rules.finding import Location

_MARKUP = re.compile(r"\[(?:bookmark|image|comment|footnote)[^\]]*\]")


def parse_text(text: str, *, source: str = "", encoding: str | None = None) -> Document:
    blocks: list[Block] = []
    rows: list[tuple[RawCell, ...]] = []
    row: list[RawCell] = []
    table_line: int | None = None
    prev_kind = "blank"

    def end_row() -> None:
        nonlocal row
        if row:
            rows.append(tuple(row))
            row = []

    def end_table() -> None:
        nonlocal rows, table_line
        end_row()
        if rows:
            blocks.append(RawTable(tuple(rows), SourceSpan(line=table_line)))
        rows, table_line = [], None

    for number, original in enumerate(text.splitlines(), start=1):
        line = _MARKUP.sub("", original)
        if line.startswith("\t"):
            if table_line is None:
                table_line = number
            row.append(RawCell(line[1:], SourceSpan(line=number, column=2)))
            prev_kind = "cell"
        elif not line.strip():
            end_row()
            prev_kind = "blank"
        elif prev_kind == "cell" and row:
            last = row[-1]
            row[-1] = RawCell(last.text + "\n" + line, last.span)
        else:
            end_table()
            column = len(line) - len(line.lstrip()) + 1
            blocks.append(Paragraph(line.strip(), SourceSpan(line=number, column=column)))
            prev_kind = "para"
    end_table()
    return Document(tuple(blocks), source=source, encoding=encoding, format="text")


def read_text(data: bytes, *, source: str = "") -> Document:
    text, encoding = decode(data)
    issues = damage_issues(text, encoding)
    document = parse_text(text, source=source, encoding=encoding)
    if text.rsplit("\n", 1)[-1].startswith("\t"):
        # The file breaks off inside a table row (no final line break): its last figure
        # may have lost digits, so the row is left out rather than read wrong.
        blocks, cut_line = drop_last_row(document.blocks)
        document = attrs.evolve(document, blocks=tuple(blocks))
        issues += (
            ParseIssue(
                "P009",
                f"文件在表格中间中断（第{cut_line}行起的一行表格未读取）",
                f"the file breaks off inside a table row; the row from line {cut_line} was not read",
                Location(line=cut_line),
            ),
        )
    return attrs.evolve(document, issues=issues)
