"""What a dataset rule needs besides its reports: who wrote each report, and in which year.

The identity contract (``docs/datasets.md``): a report belongs to the organ
``meta.organ_id``, or, when no id is given, to its organ name folded (width and spaces);
``meta.parent_id`` names the organ_id of the government it belongs to. In a dataset rule
``meta.source`` is the report's subject key: a hit names its report with
``subject=subject(report)``.
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import itertools
import operator
import re
import sys
from collections.abc import ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from typing import Any

import attrs

from gik_rules.forms.labels import fold
from gik_rules.model import AnnualReport
from gik_rules.model.cell import NUMBER_STATES
from gik_rules.rules.memo import per_object


@attrs.frozen(slots=True)
class DeclaredOrgan:
    """An organ a dataset declares (a manifest's ``[[organ]]``), whether or not the
    dataset holds a report of it: ``key`` is what ``organ_key`` gives its reports."""

    id: str
    name: str = ""
    parent: str | None = None

    @property
    def key(self) -> str:
        return f"id:{self.id}"


def organ_key(report: AnnualReport) -> str:
    """The organ a report belongs to: its organ_id, else its folded organ name."""
    meta = report.meta
    if meta.organ_id:
        return f"id:{meta.organ_id}"
    return f"name:{fold(meta.organ)}" if meta.organ.strip() else ""


def subject(report: AnnualReport) -> str:
    """The key that names a report in a dataset (the engine makes it unique)."""
    meta = report.meta
    return meta.source or f"{meta.organ} {meta.year or ''}".strip()


_DIGITS = re.compile(r"(\d+)")


def natural(key: str) -> tuple[object, ...]:
    """``key`` in the order people read such names: runs of digits as numbers, so that
    ``data.csv#row 2`` comes before ``data.csv#row 10`` (equal numbers written apart, as
    ``02`` and ``2``, by the text). The texts between the numbers are interned: a
    dataset's hundred thousand keys, sorted at once, share their ``data.csv#row ``."""
    parts: list[object] = [
        int(p) if i % 2 else sys.intern(p) for i, p in enumerate(_DIGITS.split(key))
    ]
    return (*parts, key)


_STATE = operator.attrgetter("state")

#: reports by organ, each organ's in year order (``grouped``)
Groups = Mapping[str, Sequence[AnnualReport]]


@attrs.define
class _Shared:
    """What ``shared_series`` keeps: the last ``series`` (its reports and groups), and
    each report's ``_completeness`` (with the report)."""

    last: tuple[list[AnnualReport], Groups] | None = None
    completeness: dict[int, tuple[AnnualReport, tuple[int, int]]] = attrs.Factory(dict)


_SHARED: contextvars.ContextVar[_Shared | None]
_SHARED = contextvars.ContextVar("gik_rules_series", default=None)


@contextlib.contextmanager
def shared_series() -> Iterator[None]:
    """While open, ``series`` of the same reports (the same objects in the same order)
    is worked out once, and how completely each report was read counted once: the
    dataset rules of one run each ask for them."""
    token = _SHARED.set(_Shared())
    try:
        yield
    finally:
        _SHARED.reset(token)


def _count_tables(ids: Iterable[str]) -> int:
    return len({cid.partition(".")[0] for cid in ids})


#: the number of tables of a tuple of cell ids that reports share
_shared_tables = per_object(_count_tables)


def _tables(cells: Mapping[str, object]) -> int:
    """The number of tables ``cells`` has cells of: counted once for the reports that
    share their cell ids (``shared_ids``: a dataset row's, a worker's packed cells)."""
    shared = getattr(cells, "shared_ids", None)
    return _count_tables(cells) if shared is None else _shared_tables(shared())


def figures_held(cells: Mapping[str, Any]) -> int:
    """How many of ``cells`` hold a figure: counted in C, and of cells kept as columns
    (a worker's: ``engine.packed_cells``) without making them."""
    states_of = getattr(cells, "states", None)
    states = collections.Counter(states_of() if states_of else map(_STATE, cells.values()))
    return sum(states[s] for s in NUMBER_STATES)


def _completeness(report: AnnualReport) -> tuple[int, int]:
    """How much of the report was read: its tables, then its figures (counted only for
    reports of one organ and year: a dataset row's cells are parsed again to count them;
    once for each report while ``shared_series`` is open)."""
    shared = _SHARED.get()
    if shared is not None and (kept := shared.completeness.get(id(report))) is not None:
        return kept[1]
    cells = report.cells
    extent = getattr(cells, "extent", None)  # a lean report's: what the whole one read
    if extent is not None:
        found = len(extent.tables), extent.figures
    else:
        found = _tables(cells), figures_held(cells)
    if shared is not None:  # held with its report, so that no other can take its id
        shared.completeness[id(report)] = (report, found)
    return found


def _in_year_order(group: list[AnnualReport]) -> list[AnnualReport]:
    """``group`` by year, then subject; of several reports of one year, the one read most
    completely first: a damaged copy of a report is never preferred for its name."""
    if len(group) < 2:  # most organs of a big dataset: no second list
        return group
    group.sort(key=lambda r: (r.meta.year or 0, natural(subject(r))))
    out: list[AnnualReport] = []
    for _, same_year in itertools.groupby(group, key=lambda r: r.meta.year):
        reports = list(same_year)
        if len(reports) > 1:  # stable: subject order among the equally complete
            reports.sort(key=lambda r: tuple(-n for n in _completeness(r)))
        out.extend(reports)
    return out


def series(reports: Iterable[AnnualReport]) -> dict[str, list[AnnualReport]]:
    """Reports grouped by organ, each group in year order (within a year, the report
    read most completely first, then by subject). Reports without an organ or a year
    belong to no series. The caller's own (``grouped`` gives the same, shared)."""
    return {organ: list(group) for organ, group in grouped(reports).items()}


def grouped(reports: Iterable[AnnualReport]) -> Groups:
    """``series``, not to be changed: while ``shared_series`` is open, the same reports
    (the same objects in the same order) give the same groups, shared with the other
    rules of the run and kept until it ends (a national dataset's hundred thousand
    organs: no copy of them for each rule). An organ's groups are tuples."""
    given = list(reports)
    shared = _SHARED.get()
    if shared is not None and shared.last is not None:
        held, kept = shared.last
        if len(held) == len(given) and all(map(operator.is_, held, given)):
            return kept
    # by organ id or folded name apart (``organ_key`` without its prefix): no key text
    # made for each organ; most organs of a big dataset have one report, held alone
    ids: dict[str, AnnualReport | list[AnnualReport]] = {}
    names: dict[str, AnnualReport | list[AnnualReport]] = {}
    for report in given:
        meta = report.meta
        if meta.year is None:
            continue
        if meta.organ_id:
            found, key = ids, meta.organ_id
        elif meta.organ.strip():
            found, key = names, fold(meta.organ)
        else:
            continue
        held_now = found.get(key)
        if held_now is None:
            found[key] = report
        elif isinstance(held_now, list):
            held_now.append(report)
        else:
            found[key] = [held_now, report]
    groups = _Groups(_in_key_order(ids), _in_key_order(names))
    if shared is not None and given:  # a rule given no report (text rules on rows) keeps
        shared.last = (given, groups)  # the others' groups
    return groups


#: an organ's reports in ``_Groups``: its single report alone, or a tuple of them
_Held = AnnualReport | tuple[AnnualReport, ...]


def _in_key_order(found: dict[str, AnnualReport | list[AnnualReport]]) -> dict[str, _Held]:
    out: dict[str, _Held] = {}
    for key in sorted(found):
        group = found.pop(key)  # each list let go as its tuple is made
        out[key] = tuple(_in_year_order(group)) if isinstance(group, list) else group
    return out


class _Groups(Mapping[str, Sequence[AnnualReport]]):
    """``grouped``'s reports by ``organ_key``, in key order: held by organ id and by
    folded name apart (every ``id:`` key sorts before every ``name:`` key), an organ's
    single report alone; its key and its tuple made when asked for (a national
    dataset's hundred thousand organs: some 11 MiB less held)."""

    __slots__ = ("_ids", "_names")

    def __init__(self, ids: dict[str, _Held], names: dict[str, _Held]) -> None:
        self._ids = ids
        self._names = names

    def _held(self, key: object) -> _Held | None:
        if type(key) is str:
            if key.startswith("id:"):
                return self._ids.get(key[3:])
            if key.startswith("name:"):
                return self._names.get(key[5:])
        return None

    def __getitem__(self, key: str) -> Sequence[AnnualReport]:
        held = self._held(key)
        if held is None:
            raise KeyError(key)
        return held if type(held) is tuple else (held,)  # type: ignore[return-value]

    def get(self, key: str, default: Any = None) -> Any:
        held = self._held(key)
        if held is None:
            return default
        return held if type(held) is tuple else (held,)

    def __contains__(self, key: object) -> bool:
        return self._held(key) is not None

    def __iter__(self) -> Iterator[str]:
        for key in self._ids:
            yield f"id:{key}"
        for key in self._names:
            yield f"name:{key}"

    def __len__(self) -> int:
        return len(self._ids) + len(self._names)

    def values(self) -> ValuesView[Sequence[AnnualReport]]:
        return _GroupValues(self)

    def items(self) -> ItemsView[str, Sequence[AnnualReport]]:
        return _GroupItems(self)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


def _each_group(groups: _Groups) -> Iterator[Sequence[AnnualReport]]:
    for held in itertools.chain(groups._ids.values(), groups._names.values()):
        yield held if type(held) is tuple else (held,)  # type: ignore[misc]


class _GroupValues(ValuesView[Sequence[AnnualReport]]):
    _mapping: _Groups

    def __iter__(self) -> Iterator[Sequence[AnnualReport]]:
        return _each_group(self._mapping)


class _GroupItems(ItemsView[str, Sequence[AnnualReport]]):
    _mapping: _Groups

    def __iter__(self) -> Iterator[tuple[str, Sequence[AnnualReport]]]:
        return zip(iter(self._mapping), _each_group(self._mapping), strict=True)


def first_of_each_year(group: Sequence[AnnualReport]) -> dict[int, AnnualReport]:
    """One report per year of a series: the first of ``series`` order, the one read most
    completely (duplicates are a finding of their own, not a reason to compare against
    an arbitrary one, or a damaged one)."""
    out: dict[int, AnnualReport] = {}
    for report in group:
        if report.meta.year is not None:
            out.setdefault(report.meta.year, report)
    return out


def consecutive(reports: Iterable[AnnualReport]) -> Iterator[tuple[AnnualReport, AnnualReport]]:
    """``(year N−1, year N)`` pairs of the same organ, in a stable order."""
    for group in grouped(reports).values():
        by_year = first_of_each_year(group)
        for year in sorted(by_year):
            if year - 1 in by_year:
                yield by_year[year - 1], by_year[year]


def families(
    reports: Iterable[AnnualReport],
) -> Iterator[tuple[AnnualReport, list[AnnualReport]]]:
    """``(parent, children)`` for each report whose organ other reports of the same year
    name as their ``parent_id``; children in subject order."""
    # by parent first: only the organs some report names are indexed as parents, and
    # only their reports and their children's sorted (a national dataset's hundred
    # thousand departments are not)
    reports = list(reports)
    children: dict[tuple[str, int], list[AnnualReport]] = {}
    for report in reports:
        meta = report.meta
        if meta.parent_id and meta.year is not None and meta.parent_id != meta.organ_id:
            children.setdefault((meta.parent_id, meta.year), []).append(report)
    named: dict[tuple[str, int], list[AnnualReport]] = {}
    for report in reports:
        meta = report.meta
        if meta.organ_id and meta.year is not None:
            key = (meta.organ_id, meta.year)
            if key in children:
                named.setdefault(key, []).append(report)
    del reports
    for key in sorted(children.keys() & named.keys()):
        # of two reports of one organ and year, the one read best (the first in subject
        # order of those read alike)
        parent = None
        for report in sorted(named[key], key=_natural_subject):
            if parent is None or _completeness(report) > _completeness(parent):
                parent = report
        assert parent is not None
        yield parent, sorted(children[key], key=_natural_subject)


def _natural_subject(report: AnnualReport) -> tuple[object, ...]:
    return natural(subject(report))
