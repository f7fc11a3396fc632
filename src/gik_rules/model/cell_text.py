"""Reading a cell's written text into a value: the one place numbers are parsed.

Handles what real reports write: ideographic and no-break spaces, full-width digits,
signs and commas, thousands separators, signed changes ("+3", "－2"), units inside the
cell ("251000元", "12.5万元") and placeholders ("/", "—", "不适用").
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from gik_rules.model.cell import Cell, CellState
from gik_rules.model.span import SourceSpan
from gik_rules.textnorm import fold

PLACEHOLDERS = frozenset(
    {"/", "／", "-", "--", "—", "——", "－", "–", "无", "不适用", "N/A", "n/a", "NA", "\\"}
)
UNITS = ("万元", "元", "件", "个", "项", "条", "次")

# Python converts no longer digit string to an int; the readers' own limit
# (``ingest.limits.Limits.digits``) is far lower and reports such a cell
_MAX_DIGITS = 4300
_NUMBER = re.compile(r"^(?P<sign>[+-]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")


def normalise_cell_text(text: str) -> str:
    """Full-width forms to ASCII, every kind of space and zero-width character removed:
    the project's one fold (``gik_rules.textnorm``)."""
    return fold(text)


def parse_cell_text(raw: str, span: SourceSpan | None = None) -> Cell:
    """The cell that ``raw`` denotes. Never raises: unreadable text gives an INVALID cell."""
    text = normalise_cell_text(raw)
    if not text:
        return Cell(raw=raw, state=CellState.BLANK, span=span)
    if text in PLACEHOLDERS or raw.strip() in PLACEHOLDERS:
        return Cell(raw=raw, state=CellState.PLACEHOLDER, span=span)
    unit = None
    for candidate in UNITS:
        if text.endswith(candidate) and len(text) > len(candidate):
            unit, text = candidate, text[: -len(candidate)]
            break
    match = _NUMBER.match(text)
    if not match:
        return Cell(raw=raw, state=CellState.INVALID, unit=unit, span=span)
    digits = match["int"].replace(",", "")
    if len(digits) + len(match["frac"] or "") > _MAX_DIGITS:  # int() would raise: unreadable
        return Cell(raw=raw, state=CellState.INVALID, unit=unit, span=span)
    sign = "-" if match["sign"] == "-" else ""
    try:
        value: int | Decimal
        value = Decimal(f"{sign}{digits}.{match['frac']}") if match["frac"] else int(sign + digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return Cell(raw=raw, state=CellState.INVALID, unit=unit, span=span)
    return Cell(raw=raw, value=value, state=CellState.of_number(value), unit=unit, span=span)
