"""What a reader returns: the report, and the parse findings of what it could not map."""

from __future__ import annotations

from typing import Any

import attrs

from gik_rules.model import AnnualReport
from gik_rules.rules.finding import Location


@attrs.frozen(slots=True)
class ParseIssue:
    """A parse finding (rule group ``parse``), turned into a Finding by the engine."""

    code: str
    message: str
    message_en: str
    location: Location = Location()
    expected: Any = None
    actual: Any = None


@attrs.frozen(slots=True)
class ReadResult:
    """A read document: ``report`` is None only when nothing at all could be read."""

    source: str
    report: AnnualReport | None
    issues: tuple[ParseIssue, ...] = ()
    format: str = ""
    #: False for a dataset row, which holds tables and metadata but no text: the engine
    #: skips the rules that read the text (groups in ``engine.run.TEXT_GROUPS``).
    has_text: bool = True


class UnreadableError(Exception):
    """A file that cannot be read at all (becomes a P001 finding, never a traceback)."""
