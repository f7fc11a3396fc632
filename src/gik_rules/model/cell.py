"""A table cell: what was written, what it means, and where it was."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from gik_rules.model.named_enum import NamedEnum
from gik_rules.model.span import KEPT, SourceSpan

Number = int | Decimal


class CellState(NamedEnum):
    """What a cell holds. Blank, zero and placeholder are kept apart on purpose:
    a blank 总计 is a fault of its own, not a zero."""

    VALUE = "value"
    ZERO = "zero"
    BLANK = "blank"
    PLACEHOLDER = "placeholder"
    INVALID = "invalid"

    @classmethod
    def of_number(cls, value: Number) -> CellState:
        """The state of a cell that holds the number ``value``: ZERO for 0, else VALUE."""
        return cls.ZERO if value == 0 else cls.VALUE


#: the states of a cell that holds a number (``Cell.is_number``)
NUMBER_STATES = (CellState.VALUE, CellState.ZERO)


class Provenance(NamedEnum):
    """How a reader came by a cell's figure."""

    READ = "read"  # printed in a cell of its own
    DECODED = "decoded"  # split from figures run together, the only split the identities allow
    UNREAD = "unread"  # its row is in the text, but which figure is its own cannot be known
    OCR = "ocr"  # recognised in a page image, with the engine's ``confidence``


@attrs.frozen(slots=True)
class Cell:
    """One cell of a statistics table.

    ``raw`` is the text as written (after decoding, before any normalisation), ``value``
    the number read from it (``None`` unless the state is VALUE or ZERO), and ``unit`` a
    unit written inside the cell such as ``"元"`` or ``"万元"``. ``confidence`` is the OCR
    engine's, from 0 to 1, for a cell recognised in a page image (provenance OCR, or UNREAD
    where it was too low for the figure to be taken).
    """

    raw: str = ""
    value: Number | None = None
    state: CellState = CellState.BLANK
    unit: str | None = None
    span: SourceSpan | None = None
    provenance: Provenance = Provenance.READ
    confidence: float | None = None

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # its fields, not attrs' state dict, and unpickled shared by value: a report's
        # hundreds of cells pickle and unpickle several times as fast (worker processes,
        # the cache)
        return cell_of, (
            self.raw,
            self.value,
            self.state,
            self.unit,
            self.span,
            self.provenance,
            self.confidence,
        )

    @property
    def is_number(self) -> bool:
        return self.state in NUMBER_STATES

    def number_or_zero(self) -> Number:
        """The value, with blank and placeholder cells counted as zero."""
        return self.value if self.value is not None else 0

    @classmethod
    def of(cls, value: Number | None, *, raw: str | None = None) -> Cell:
        """A cell holding ``value`` (``None`` gives a blank cell)."""
        if value is None:
            return cls(raw=raw or "", state=CellState.BLANK)
        return cls(
            raw=str(value) if raw is None else raw, value=value, state=CellState.of_number(value)
        )


_CELLS: dict[tuple[object, ...], Cell] = {}


def cell_of(
    raw: str,
    value: Number | None,
    state: CellState,
    unit: str | None,
    span: SourceSpan | None,
    provenance: Provenance,
    confidence: float | None = None,
) -> Cell:
    """``Cell(raw, value, state, unit, span, provenance, confidence)``, shared where its values are
    plain (``span.span_of``): a ``Decimal`` keeps its own digits (1.0 and 1.00 are equal
    but print apart). The span and the enums go into the key by their ids: enum members
    are singletons, and a span is kept alive by the cell kept with it, so an id stays its
    own, and nothing is hashed through attrs or enum code."""
    if not (
        (value is None or type(value) is int)
        and type(raw) is str
        and (unit is None or type(unit) is str)
    ):
        return Cell(raw, value, state, unit, span, provenance, confidence)
    key = (raw, value, id(state), unit, id(span), id(provenance), confidence)
    cell = _CELLS.get(key)
    if cell is None:
        cell = Cell(raw, value, state, unit, span, provenance, confidence)
        if len(_CELLS) < KEPT:
            _CELLS[key] = cell
    return cell


_new = object.__new__
_SET = {name: Cell.__dict__[name].__set__ for name in attrs.fields_dict(Cell)}
_SET_RAW, _SET_VALUE, _SET_STATE, _SET_UNIT = (
    _SET["raw"],
    _SET["value"],
    _SET["state"],
    _SET["unit"],
)
_SET_SPAN, _SET_PROVENANCE, _SET_CONFIDENCE = _SET["span"], _SET["provenance"], _SET["confidence"]
_READ = Provenance.READ


def read_cell(
    raw: str, value: Number | None, state: CellState, unit: str | None, span: SourceSpan | None
) -> Cell:
    """``Cell(raw, value, state, unit, span)`` (read, no confidence), its slots filled
    straight: a text reader makes one for every cell it reads, and attrs' ``__init__``
    sets each field through a look-up by name (a quarter of the time of the whole)."""
    cell = _new(Cell)
    _SET_RAW(cell, raw)
    _SET_VALUE(cell, value)
    _SET_STATE(cell, state)
    _SET_UNIT(cell, unit)
    _SET_SPAN(cell, span)
    _SET_PROVENANCE(cell, _READ)
    _SET_CONFIDENCE(cell, None)
    return cell
