"""The text a rendered report shows for a cell: what was written, when it still means the
same; otherwise the value in plain digits. Blank stays blank, never 0. And how it writes a
date (``cn_date``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gik_rules.model.cell import Cell, CellState, Number
from gik_rules.model.cell_text import parse_cell_text


def number_text(value: Number) -> str:
    """Digits without exponent: ``Decimal("1E+2")`` is ``100``."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cn_date(value: dt.date | None) -> str:
    """``2022年1月25日`` (no leading zeros), as reports write dates; empty for None."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def figure_text(cell: Cell | None) -> str:
    """One line of text that reads back as ``cell`` (value, state and unit)."""
    if cell is None or cell.state is CellState.BLANK:
        return ""
    raw = " ".join(cell.raw.split())
    if cell.state in (CellState.PLACEHOLDER, CellState.INVALID):
        return raw
    again = parse_cell_text(raw)
    if raw and (again.value, again.state, again.unit) == (cell.value, cell.state, cell.unit):
        return raw
    if cell.value is None:  # a malformed cell: keep whatever was written
        return raw
    return number_text(cell.value) + (cell.unit or "")
