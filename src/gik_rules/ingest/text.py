"""Plain text reports, in every layout they reach users in.

Copied web pages, archive dumps with the whole body on one line, flipbook pages, mirrors
in traditional characters, OCR Markdown, a .docx saved as text (cells on lines that start
with a tab): the text is decoded, then read by ``text_report`` whatever its layout.
Conversion markup such as ``[bookmark: _GoBack]`` is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from gik_rules.forms.variant import FormVariant
from gik_rules.ingest.decode import damage_issues, decode
from gik_rules.ingest.document_kind import DocumentKind, document_kind
from gik_rules.ingest.limit_checks import check_text
from gik_rules.ingest.result import ParseIssue, ReadResult, UnreadableError
from gik_rules.ingest.text_report import read_text_report
from gik_rules.rules.finding import Location

_MARKUP = re.compile(r"\[(?:bookmark|image|comment|footnote)[^\]]*\]")


def read_text(
    data: bytes,
    source: str,
    variants: Mapping[str, FormVariant],
    detect: Callable[[Sequence[str]], str | None] | None = None,
) -> ReadResult:
    """The report in a text file's bytes."""
    text, encoding = decode(data)
    check_text(text)
    issues = list(damage_issues(text, encoding))
    if issues and document_kind(text) is DocumentKind.NOT_A_REPORT:
        # Damaged bytes and nothing of a report: binary data, not a text to check.
        raise UnreadableError("the file is not text (its bytes decode to no readable report)")
    text = _MARKUP.sub(lambda m: " " * len(m.group(0)), text)
    lines = text.split("\n")
    if not text.endswith("\n") and lines[-1].startswith("\t"):
        # The file breaks off inside a table row (no final line break): its last figure
        # may have lost digits, so the row (from the blank line before it) is left out
        # rather than read wrong.
        first = len(lines) - 1
        while first > 0 and lines[first - 1].startswith("\t"):
            first -= 1
        cut_line = first + 1
        text = "\n".join(lines[:first]) + "\n"
        issues.append(
            ParseIssue(
                "P009",
                f"文件在表格中间中断（第{cut_line}行起的一行表格未读取）",
                f"the file breaks off inside a table row; the row from line {cut_line} was not read",
                Location(line=cut_line),
            )
        )
    return read_text_report(text, variants, detect, source=source, issues=issues, encoding=encoding)
