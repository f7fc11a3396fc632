"""``gik-rules diff OLD NEW``: two reports side by side (``compare``), written as text,
JSON or a self-contained HTML page (``as_text``, ``as_json``, ``as_html``;
docs/diff.md)."""

from gik_rules.diff.compare import (
    Carried,
    CellChange,
    CellStatus,
    FindingsDiff,
    ReportDiff,
    SectionDiff,
    Sentence,
    diff_findings,
    diff_reports,
)

__all__ = [
    "Carried",
    "CellChange",
    "CellStatus",
    "FindingsDiff",
    "ReportDiff",
    "SectionDiff",
    "Sentence",
    "diff_findings",
    "diff_reports",
]
