"""GitHub Actions workflow commands: one annotation per finding, as each report is checked.

``::error file=PATH,line=N,title=CODE name::message (where)``; ``error``, ``warning`` or
``notice`` from the severity. A finding without a source line is annotated on line 1; a
report without a source path (checked in memory) has no ``file``. Report text is made
printable first (an ESC becomes ``\\x1b``), then escaped as actions/toolkit does:
``%``, CR and LF in the message; also ``:`` and ``,`` in properties.
"""

from __future__ import annotations

from typing import TextIO

from gik_rules.engine.result import ReportResult
from gik_rules.output.base import StreamFormatter
from gik_rules.output.safe import printable
from gik_rules.rules.finding import Finding, Severity

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return (
        printable(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    )


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(key: str, source: str, finding: Finding, *, english: bool = False) -> str:
    """The workflow command of one finding, with its newline."""
    props = {
        "file": source or None,
        "line": str(finding.location.line or 1),
        "title": f"{finding.code} {finding.name}",
    }
    where = finding.location.describe()
    message = finding.message_en if english else finding.message
    if key != source:  # a dataset row or a numbered repeat: say which report
        message = f"[{key}] {message}"
    if where:
        message += f" ({where})"
    joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items() if v is not None)
    return f"::{LEVEL[finding.severity]} {joined}::{escape_data(message)}\n"


class GithubFormatter(StreamFormatter):
    def __init__(self, stream: TextIO, *, english: bool = False) -> None:
        super().__init__(stream)
        self.english = english

    def render_one(self, key: str, result: ReportResult) -> str:
        return "".join(
            command(key, result.source, f, english=self.english) for f in result.findings
        )
