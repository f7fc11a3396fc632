"""What ``fix`` did: each change with the rule it answers, and what it left alone."""

from __future__ import annotations

from typing import Any

import attrs

from gik_rules.model import AnnualReport, Cell
from gik_rules.rules.finding import Finding, Location, Severity


@attrs.frozen(slots=True)
class Edit:
    """One change of the source document, so that ``fix`` can make exactly that change in
    the file the report was read from and leave every other byte as it was.

    On source ``line`` (1-based: a text line, or a .docx body paragraph), the text
    ``before`` starting at ``column`` (1-based; None: its first occurrence in the line)
    becomes ``after``. ``ref`` names a .docx table cell instead (``table 2, row 3, column
    4``, as the reader spans it). ``insert``: ``after`` holds new lines that go after
    ``line`` (``before`` is empty), styled as the paragraph ``like`` of a .docx."""

    line: int
    before: str
    after: str
    column: int | None = None
    ref: str | None = None
    insert: bool = False
    like: int | None = None


def cell_edits(cell: Cell, text: str) -> tuple[Edit, ...]:
    """The source edit that writes ``text`` into ``cell`` where it was read (none when the
    reader gave no place for it)."""
    span = cell.span
    if span is None or span.line is None:
        return ()
    return (Edit(span.line, cell.raw, text, column=span.column, ref=span.ref),)


@attrs.frozen(slots=True)
class Fix:
    """One change. ``code`` and ``rule`` name the rule whose finding it answers (the
    code is None when that rule is not installed); ``before``/``after`` show the change."""

    rule: str
    code: str | None
    message: str
    message_en: str
    location: Location = Location()
    before: Any = None
    after: Any = None
    also: tuple[str, ...] = ()  # codes of further rules the same change answers
    cells: tuple[str, ...] = ()  # the cells it changed
    #: the same change in the source document; empty when the report was not read from
    #: one, or the change cannot be placed there
    edits: tuple[Edit, ...] = ()


@attrs.frozen(slots=True)
class Skipped:
    """A fault a safe fix could not settle, and why."""

    rule: str
    reason: str
    location: Location = Location()


@attrs.frozen(slots=True)
class FixResult:
    report: AnnualReport
    fixes: tuple[Fix, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    jurisdiction: str = "national"  # whose templates the fixes used
    remaining: tuple[Finding, ...] = ()  # the ruleset's findings on the fixed report

    @property
    def changed(self) -> bool:
        return bool(self.fixes)

    @property
    def errors(self) -> int:
        """How many of the remaining findings are errors."""
        return sum(1 for f in self.remaining if f.severity is Severity.ERROR)
