"""GitLab Code Quality: a JSON list of issues (``artifacts:reports:codequality``).

Each finding is ``{"description", "check_name", "fingerprint", "severity",
"location": {"path", "lines": {"begin"}}}``; severity ``major`` (error), ``minor``
(warning) or ``info``. The fingerprint is the SHA-256 of the code, the report's key, the
finding's location and message, and how many identical findings came before it in the
report, so it is stable from run to run and unique within the list. A finding without a
source line is on line 1. Reports are sorted by key, findings kept in document order.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, TextIO

from gik_rules.engine.result import ReportResult
from gik_rules.output.base import BufferedFormatter
from gik_rules.output.json_format import finding_dict
from gik_rules.output.safe import dump_json
from gik_rules.rules.finding import Finding, Severity

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprints(key: str, findings: tuple[Finding, ...]) -> list[str]:
    """One stable fingerprint per finding of the report under ``key``, all distinct."""
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        identity = dump_json([f.code, key, finding_dict(f)["location"], f.message])
        out.append(hashlib.sha256(f"{identity}\n{seen[identity]}".encode()).hexdigest())
        seen[identity] += 1
    return out


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
