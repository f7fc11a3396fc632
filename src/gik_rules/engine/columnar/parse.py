"""A column of cell texts as the identities see it: a state and a figure per row.

Exact, not approximate: only an empty text and one of at most 12 ASCII digits are
decided by the column kernels; any other text (full-width digits, a placeholder, a sign,
a thousands separator, a unit, a decimal, what is no number) goes to
``model.cell_text.parse_cell_text``, once per distinct text, so the semantics are that
function's. Figures are float64: below 10**12 each partial sum of a few hundred cells is
an exact integer; a larger or decimal figure is EXACT, summed per cell later.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from gik_rules.ingest.arrow_scalars import EMPTY, FALSE, ZERO_TEXT
from gik_rules.model.cell import Cell, CellState
from gik_rules.model.cell_text import parse_cell_text

# Cell states as the identities see them.
ABSENT, BLANK, NUMBER, INVALID, EXACT = range(5)  # EXACT: a figure summed per cell
_MAX_DIGITS = 12
_LIMIT = 10**_MAX_DIGITS
_DIGITS = f"^[0-9]{{1,{_MAX_DIGITS}}}$"

FloatArray = npt.NDArray[np.float64]
StateArray = npt.NDArray[np.uint8]


def _numpy(mask: pa.Array) -> npt.NDArray[np.bool_]:
    return np.asarray(pc.fill_null(mask, FALSE).to_numpy(zero_copy_only=False), bool)


def parse_texts(texts: pa.Array) -> tuple[StateArray, FloatArray]:
    """The state and figure of each text (null: no such cell, ABSENT); the figure is 0
    but where the state is NUMBER. Each distinct text is parsed once: a column of a
    dataset holds a few dozen (small counts) over thousands of rows."""
    n = len(texts)
    if n == 0:
        return np.full(0, BLANK, np.uint8), np.zeros(0, np.float64)
    encoded = texts.dictionary_encode()
    kinds, figures = _parse_distinct(encoded.dictionary)
    indices = encoded.indices
    if indices.null_count == 0:
        where = indices.to_numpy(zero_copy_only=False)
        return kinds[where], figures[where]
    absent = np.asarray(indices.is_null().to_numpy(zero_copy_only=False), bool)
    where = np.array(indices.fill_null(0).to_numpy(zero_copy_only=False))
    kinds, figures = np.append(kinds, [ABSENT]), np.append(figures, [0.0])
    where[absent] = len(kinds) - 1
    return kinds[where].astype(np.uint8), figures[where]


def _parse_distinct(texts: pa.Array) -> tuple[StateArray, FloatArray]:
    """``parse_texts`` of texts none of which is null: an empty text and one of at most
    12 ASCII digits by the kernels, any other by ``parse_cell_text``."""
    n = len(texts)
    states = np.full(n, BLANK, np.uint8)
    values = np.zeros(n, np.float64)
    if n == 0:
        return states, values
    digits = _numpy(pc.match_substring_regex(texts, _DIGITS))
    if digits.any():
        numbers = pc.cast(pc.if_else(pa.array(digits), texts, ZERO_TEXT), pa.int64())
        values[digits] = numbers.to_numpy(zero_copy_only=False)[digits]
        states[digits] = NUMBER
    rest = ~digits & _numpy(pc.not_equal(texts, EMPTY))
    for k in np.flatnonzero(rest):  # placeholders, signs, separators, units, decimals, …
        states[k], values[k] = _parsed(texts[int(k)].as_py())
    return states, values


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[int, float]:
    """The state and figure of a text the kernels leave (the same few placeholders and
    decimals come back in column after column, chunk after chunk)."""
    return _state_of(parse_cell_text(text))


def parse_column(texts: Sequence[str | None]) -> tuple[StateArray, FloatArray]:
    """``parse_texts`` of Python texts (``None``: no such cell)."""
    return parse_texts(pa.array(list(texts), pa.string()))


def _state_of(cell: Cell) -> tuple[int, float]:
    if cell.state is CellState.INVALID:
        return INVALID, 0.0
    value = cell.value
    if value is None:
        return BLANK, 0.0
    if isinstance(value, int) and -_LIMIT < value < _LIMIT:
        return NUMBER, float(value)
    return EXACT, 0.0
