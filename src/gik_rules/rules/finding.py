"""What a rule reports: severity, location and the finding itself."""

from __future__ import annotations

from typing import Any

import attrs

from gik_rules.model.named_enum import NamedEnum

#: ``Location.ref`` of what stands before section 一, in document order: findings located
#: there sort first (``Finding.sort_key``).
FRONT_REFS = ("title", "preamble")


class Severity(NamedEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@attrs.frozen(slots=True)
class Location:
    """Where in a report a finding points: section, table, row, column, cell, source line."""

    section: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    cell: str | None = None
    line: int | None = None
    page: int | None = None
    ref: str | None = None
    excerpt: str | None = None

    def describe(self) -> str:
        parts: list[str] = []
        if self.section is not None:
            parts.append(f"section {self.section}")
        if self.table:
            parts.append(f"table {self.table}")
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row or self.column:
            parts.append("/".join(x for x in (self.row, self.column) if x))
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.ref:
            parts.append(self.ref)
        return ", ".join(parts)


@attrs.frozen(slots=True)
class Hit:
    """What a rule yields: the finding without the rule's identity, which the engine adds."""

    message: str
    message_en: str
    location: Location = Location()
    expected: Any = None
    actual: Any = None
    cells: tuple[str, ...] = ()
    subject: str | None = None  # a dataset rule names the report the hit belongs to


@attrs.frozen(slots=True)
class Finding:
    """A located, explained fault of one report."""

    code: str
    name: str
    severity: Severity
    message: str
    message_en: str
    location: Location = Location()
    expected: Any = None
    actual: Any = None
    cells: tuple[str, ...] = ()
    legal: str = ""

    def sort_key(self) -> tuple[Any, ...]:
        """Document order: findings on the title (``location.ref == "title"``), then on the
        preamble (``ref == "preamble"``), first, whether or not they carry a line (a
        preamble passage has none, and a report from TOML, CSV or the API has no lines at
        all); then by section and line; findings without a section come last, by line."""
        loc = self.location
        return (
            FRONT_REFS.index(loc.ref) if loc.ref in FRONT_REFS else len(FRONT_REFS),
            loc.section if loc.section is not None else 99,
            loc.line if loc.line is not None else 10**9,
            self.code,
            loc.cell or "",
            self.message,
        )
