"""GitLab Code Quality: a JSON list of issues (``artifacts:reports:codequality``).

Each finding is ``{"description", "check_name", "fingerprint", "severity",
"location": {"path", "lines": {"begin"}}}``; severity ``major`` (error), ``minor``
(warning) or ``info``. The fingerprint is ``gik_rules.baseline.fingerprints`` with the
report's key as its identity: stable from run to run and across unrelated edits, and
unique within the list. A finding without a
source line is on line 1. Reports are sorted by key, findings kept in document order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from gik_rules.baseline import fingerprints as baseline_fingerprints
from gik_rules.engine.result import ReportResult
from gik_rules.output.base import BufferedFormatter
from gik_rules.output.safe import dump_json
from gik_rules.rules.finding import Finding, Severity

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprints(key: str, findings: Sequence[Finding]) -> list[str]:
    """One stable fingerprint per finding of the report under ``key``, all distinct. The
    key, unique per run, is the identity (not organ and year, which two reports in one
    list may share): GitLab needs fingerprints unique within the list."""
    return baseline_fingerprints(key, findings)


def issues(keyed: list[tuple[str, ReportResult]], *, english: bool = False) -> list[Any]:
    out: list[Any] = []
    for key, result in keyed:
        for f, fingerprint in zip(result.findings, fingerprints(key, result.findings), strict=True):
            where = f.location.describe()
            description = f.message_en if english else f.message
            if key != result.source:  # a dataset row or a numbered repeat: say which
                description = f"[{key}] {description}"
            out.append(
                {
                    "description": description + (f" ({where})" if where else ""),
                    "check_name": f.code,
                    "fingerprint": fingerprint,
                    "severity": SEVERITY[f.severity],
                    "location": {
                        "path": result.source or key,
                        "lines": {"begin": f.location.line or 1},
                    },
                }
            )
    return out


class GitlabFormatter(BufferedFormatter):
    def __init__(self, stream: TextIO, *, english: bool = False) -> None:
        super().__init__(stream)
        self.english = english

    def render(self, results: list[ReportResult]) -> str:
        return dump_json(issues(self.keyed(), english=self.english), indent=2) + "\n"
