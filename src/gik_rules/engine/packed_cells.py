"""A report's cells as columns, for a worker process to send and the checking process to
keep: the cells are made again only when looked at.

A worker sends each report whole when the checking process reads it again (the dataset
rules, the formats with tables). Its cells, a few hundred ``Cell`` objects with their
``SourceSpan``, are most of what it sends, and pickling them and making them again (a
Python call for each, both ways) cost about a fifth of what checking a canonical file
costs; the dataset rules then read a few dozen of them. ``PackedCells`` holds the cell ids (one
tuple for the reports that have the same, as most of a run's have) and each field of the
cells as a tuple of plain values (a span's four figures apart; a field every cell holds
alike, as a unit or a provenance, once), which pickle and unpickle in C; a cell asked for
is made from its fields then (``cell_of``, as unpickling made it), and all of them at once
when a reader looks at every cell (``values``, ``items``). A lean report's (``engine.lean``:
some of its cells) also holds its ``Extent``, what the whole report read.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple, cast

from gik_rules.bounded import Bounded
from gik_rules.forms.derive import CellFigure
from gik_rules.model.cell import Cell, CellState, Number, cell_of
from gik_rules.model.lazy_cells import LazyCells
from gik_rules.model.span import SourceSpan, span_of

#: each distinct tuple of cell ids, with each id's place in it: the reports of a run
#: mostly share theirs (one form variant), in the worker and here alike
_IDS: Bounded[tuple[str, ...], tuple[tuple[str, ...], dict[str, int]]] = Bounded(256)


def _shared(ids: tuple[str, ...]) -> tuple[tuple[str, ...], dict[str, int]]:
    found = _IDS.get(ids)
    if found is None:
        found = _IDS.keep(ids, (ids, {cid: n for n, cid in enumerate(ids)}))
    return found


Columns = tuple[tuple[Any, ...], ...]


class Extent(NamedTuple):
    """What a whole report read, kept with the few of its cells a lean report keeps: the
    tables it has cells of (``engine.needs.tables_read``) and how many of its cells hold
    a figure (``rules.dataset``: of two reports of one organ and year, the fuller)."""

    tables: frozenset[str]
    figures: int


def _one_if_same(column: tuple[Any, ...]) -> tuple[Any, ...]:
    """A column whose cells all hold one ``None`` or enum member (a unit, a provenance,
    a confidence, mostly) as that one value: a column of one stands for them all."""
    first = column[0]
    if (first is None or isinstance(first, enum.Enum)) and column.count(first) == len(column):
        return (first,)
    return column


class PackedCells(LazyCells):
    """A report's cells, kept as columns and made when looked at (the same cells, in the
    same order, equal to the dict they were packed from). Pickles as its columns."""

    __slots__ = ("_cells", "_columns", "_ids", "_places", "extent")

    def __init__(
        self, ids: tuple[str, ...], columns: Columns, extent: Extent | None = None
    ) -> None:
        self._ids, self._places = _shared(ids)
        #: raw, value, state, unit, span, provenance, confidence; the spans as their
        #: own four columns (line, column, page, ref) when every cell has one
        self._columns = columns
        self._cells: dict[str, Cell] | None = None
        #: what the whole report read, where these are some of its cells (a lean report's)
        self.extent = extent

    @classmethod
    def pack(cls, cells: Mapping[str, Cell], extent: Extent | None = None) -> PackedCells:
        """``cells`` as columns (each read by a comprehension: the interpreter's access to
        a slot is several times as fast as ``attrgetter``'s by name); ``extent``: what the
        whole report read, where ``cells`` are some of its cells."""
        ids, _ = _shared(tuple(cells))
        if not ids:
            return cls(ids, (), extent)
        every = list(cells.values())
        spans = [c.span for c in every]
        if type(None) in set(map(type, spans)):
            at: tuple[tuple[Any, ...], ...] = (tuple(spans),)
        else:  # their figures, not the objects: a span is made again only with its cell
            placed = cast(list[SourceSpan], spans)
            at = (
                tuple([s.line for s in placed]),
                tuple([s.column for s in placed]),
                tuple([s.page for s in placed]),
                tuple([s.ref for s in placed]),
            )
        columns = (
            tuple([c.raw for c in every]),
            tuple([c.value for c in every]),
            tuple([c.state for c in every]),
            tuple([c.unit for c in every]),
            *at,
            tuple([c.provenance for c in every]),
            tuple([c.confidence for c in every]),
        )
        return cls(ids, tuple(map(_one_if_same, columns)), extent)

    def __reduce__(self) -> tuple[Any, ...]:
        if self.extent is None:
            return PackedCells, (self._ids, self._columns)
        return PackedCells, (self._ids, self._columns, self.extent)

    def _cell(self, n: int) -> Cell:
        f = [c[0] if len(c) == 1 else c[n] for c in self._columns]
        if len(f) == 7:
            return cell_of(*f)
        return cell_of(f[0], f[1], f[2], f[3], span_of(f[4], f[5], f[6], f[7]), f[8], f[9])

    def _built(self) -> dict[str, Cell]:
        if self._cells is None:
            n = len(self._ids)
            fields: list[Iterable[Any]] = [
                itertools.repeat(c[0], n) if len(c) == 1 else c for c in self._columns
            ]
            if len(fields) == 10:  # the spans made from their figures
                fields[4:8] = [map(span_of, *fields[4:8])]
            self._cells = dict(zip(self._ids, map(cell_of, *fields), strict=True)) if fields else {}
        return self._cells

    def figures(self) -> Mapping[str, CellFigure]:
        """Each cell's figure (its ``value`` and ``state``) by cell id, without making a
        cell (``forms.derive.figures_of``: for a reader of many reports' figures)."""
        if self._cells is not None:
            return self._cells
        return _Figures(self)

    def shared_ids(self) -> tuple[str, ...]:
        """The cell ids, in order: one tuple for all reports with the same."""
        return self._ids

    def states(self) -> tuple[CellState, ...]:
        """Each cell's state, in order, without making the cells."""
        if not self._columns:
            return ()
        states: tuple[CellState, ...] = self._columns[2]
        return states * len(self._ids) if len(states) == 1 else states

    def __getitem__(self, key: str) -> Cell:
        if self._cells is not None:
            return self._cells[key]
        return self._cell(self._places[key])

    def get(self, key: str, default: Any = None) -> Any:
        if self._cells is not None:
            return self._cells.get(key, default)
        n = self._places.get(key)
        return default if n is None else self._cell(n)

    def __contains__(self, key: object) -> bool:
        return key in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


class _Figure(NamedTuple):
    """A packed cell's figure: what a sum reads of a cell (``forms.derive.CellFigure``)."""

    value: Number | None
    state: CellState


class _Figures(Mapping[str, _Figure]):
    """``PackedCells.figures``: each asked for made from the two columns."""

    __slots__ = ("_places", "_states", "_values")

    def __init__(self, cells: PackedCells) -> None:
        n = len(cells._ids)
        values, states = cells._columns[1:3] if cells._columns else ((), ())
        self._places = cells._places
        self._values = values * n if len(values) == 1 else values
        self._states = states * n if len(states) == 1 else states

    def __getitem__(self, key: str) -> _Figure:
        n = self._places[key]
        return _Figure(self._values[n], self._states[n])

    def get(self, key: str, default: Any = None) -> Any:
        n = self._places.get(key)
        return default if n is None else _Figure(self._values[n], self._states[n])

    def __contains__(self, key: object) -> bool:
        return key in self._places

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)
