"""What ``fix`` did: each change with the rule it answers, and what it left alone."""

from __future__ import annotations

from typing import Any

import attrs

from gik_rules.model import AnnualReport
from gik_rules.rules.finding import Finding, Location, Severity


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
