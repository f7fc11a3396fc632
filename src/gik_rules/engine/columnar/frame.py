"""A chunk of dataset rows as the columnar engine works it: each column parsed once.

``ChunkFrame`` keeps, per column, its texts' states and figures (``parse.parse_texts``),
which rows have the field and which have it filled in; from those it tells which cells
each row's report has (``row_keys``: exactly the keys ``ingest.dataset.row_cells``
makes) and what its cells are like (``conditions``, the ``quiet_unless`` conditions of
``rules.rule.CELL_CONDITIONS``), without making a cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from gik_rules.engine.columnar.parse import (
    ABSENT,
    BLANK,
    EXACT,
    INVALID,
    NUMBER,
    FloatArray,
    StateArray,
    parse_texts,
)
from gik_rules.forms.variant import FormVariant, ValueKind
from gik_rules.ingest.dataset_chunks import Chunk, Keys, filled, shared_keys
from gik_rules.model.cell_text import parse_cell_text

Bools = npt.NDArray[np.bool_]


class ChunkFrame:
    """One chunk's columns, each parsed (and judged filled) when first asked for."""

    def __init__(self, chunk: Chunk) -> None:
        self.chunk = chunk
        self.ids = tuple(chunk.cells)
        self._parsed: dict[str, tuple[StateArray, FloatArray]] = {}
        self._filled: dict[str, Bools] = {}
        self._valid: dict[str, Bools] = {}
        self._negative: dict[str, Bools] = {}

    def parsed(self, cid: str) -> tuple[StateArray, FloatArray]:
        """The state and figure of the column's every text (ABSENT: no field)."""
        found = self._parsed.get(cid)
        if found is None:
            found = self._parsed[cid] = parse_texts(self.chunk.cells[cid])
        return found

    def negative(self, cid: str) -> Bools:
        """Which texts of the column are figures below 0: an EXACT one (a decimal, a
        large figure) by its own parse, once per distinct text."""
        found = self._negative.get(cid)
        if found is None:
            states, values = self.parsed(cid)
            found = (states == NUMBER) & (values < 0)
            exact = states == EXACT
            if exact.any():
                odd = self.chunk.cells[cid].filter(pa.array(exact))
                distinct = pc.unique(odd)
                signs = np.array([_below_zero(t) for t in distinct.to_pylist()], bool)
                where = pc.index_in(odd, value_set=distinct).to_numpy(zero_copy_only=False)
                found[exact] = signs[where]
            self._negative[cid] = found
        return found

    def filled(self, cid: str) -> Bools:
        found = self._filled.get(cid)
        if found is None:
            found = self._filled[cid] = filled(self.chunk.cells[cid])
        return found

    def valid(self, cid: str) -> Bools:
        found = self._valid.get(cid)
        if found is None:
            column = self.chunk.cells[cid]
            if column.null_count == 0:  # every row has the field
                found = np.ones(len(column), bool)
            else:
                found = np.asarray(column.is_valid().to_numpy(zero_copy_only=False), bool)
            self._valid[cid] = found
        return found

    def has(self, cid: str, variant: FormVariant | None) -> Bools:
        """Which rows' reports have the cell: a cell of their variant where they have
        the field, another variant's where it is filled in (``row_cells``)."""
        own = variant.cells if variant else {}
        return self.valid(cid) if cid in own else self.filled(cid)

    def presence(self, variant: FormVariant | None, members: Sequence[int]) -> Bools:
        """Rows ``members`` (of one variant) by columns ``ids``: whether each has the cell."""
        index = np.asarray(members, np.int64)
        if not self.ids:
            return np.zeros((len(index), 0), bool)
        return np.stack([self.has(cid, variant)[index] for cid in self.ids], axis=1)


def _below_zero(text: str) -> bool:
    value = parse_cell_text(text).value
    if isinstance(value, Decimal) and not value.is_finite():
        return True  # NaN and infinity compare with nothing: taken as met
    return value is not None and value < 0


def groups(
    variants: Sequence[FormVariant | None], rows: Sequence[int]
) -> list[tuple[FormVariant | None, list[int]]]:
    """``rows`` by their variant, in the order each variant first comes."""
    by_key: dict[str, tuple[FormVariant | None, list[int]]] = {}
    for r in rows:
        variant = variants[r]
        by_key.setdefault(variant.id if variant else "", (variant, []))[1].append(r)
    return list(by_key.values())


def row_keys(
    frame: ChunkFrame, variants: Sequence[FormVariant | None], rows: Sequence[int]
) -> dict[int, Keys]:
    """The cell ids each of ``rows`` has, in ``row_cells``' order. Rows of one variant
    share a pattern of fields, so the ids of each pattern are listed once."""
    out: dict[int, Keys] = {}
    for variant, members in groups(variants, rows):
        matrix = frame.presence(variant, members)
        packed = np.packbits(matrix, axis=1)
        patterns: dict[bytes, Keys] = {}
        for g, r in enumerate(members):
            code = packed[g].tobytes()
            found = patterns.get(code)
            if found is None:
                there = matrix[g]
                found = patterns[code] = shared_keys(
                    tuple(cid for cid, has in zip(frame.ids, there, strict=True) if has)
                )
            out[r] = found
    return out


def conditions(
    frame: ChunkFrame,
    variants: Sequence[FormVariant | None],
    rows: Sequence[int],
    wanted: frozenset[str],
) -> dict[int, frozenset[str]]:
    """Which of the ``wanted`` conditions each row's cells meet. A figure too large or
    not whole for the column kernels (EXACT) is taken to be a fraction outside an amount
    column (a whole figure among them only makes the rule run)."""
    out: dict[int, frozenset[str]] = {}
    for variant, members in groups(variants, rows):
        has = frame.presence(variant, members)
        index = np.asarray(members, np.int64)
        n = len(index)
        if frame.ids:
            states = np.stack([frame.parsed(cid)[0][index] for cid in frame.ids], axis=1)
            below = np.stack([frame.negative(cid)[index] for cid in frame.ids], axis=1)
        else:
            states = np.full((n, 0), ABSENT, np.uint8)
            below = np.zeros((n, 0), bool)
        states = np.where(has, states, ABSENT)
        exact = states == EXACT
        own = variant.cells if variant else {}
        amounts = np.array(
            [cid in own and own[cid].kind is ValueKind.AMOUNT for cid in frame.ids], bool
        )
        met: dict[str, Bools] = {
            "blank": np.any(states == BLANK, axis=1),
            "invalid": np.any(states == INVALID, axis=1),
            "negative": np.any(has & below, axis=1),
            "fraction": np.any(exact & ~amounts, axis=1),
            "no-figure": ~np.any((states == NUMBER) | exact, axis=1),
        }
        if "foreign" in wanted:
            foreign = np.array([cid not in own for cid in frame.ids], bool)
            met["foreign"] = np.ones(n, bool) if variant is None else np.any(has & foreign, axis=1)
        names = [name for name in met if name in wanted]
        bits = np.zeros(n, np.int64)
        for k, name in enumerate(names):
            bits |= met[name].astype(np.int64) << k
        seen: dict[int, frozenset[str]] = {}
        for r, code in zip(members, bits.tolist(), strict=True):
            found = seen.get(code)
            if found is None:
                found = seen[code] = frozenset(n for k, n in enumerate(names) if code >> k & 1)
            out[r] = found
    return out
