"""Indicators over many reports: each report's values with its year-on-year changes, the
distribution of each indicator, and the reports far from the median of their peers."""

from __future__ import annotations

import array
from collections.abc import Callable, Hashable, Mapping, Sequence
from decimal import Decimal

import attrs

from gik_rules.forms.derive import CellFigure, figures_of, identity_sums
from gik_rules.forms.indicators import Indicator
from gik_rules.forms.variant import FormVariant
from gik_rules.indicators.compute import (
    PLACES,
    IndicatorValue,
    compute,
    figure,
    figures,
    fraction,
)
from gik_rules.model import AnnualReport, Number
from gik_rules.rules.dataset import grouped, subject

#: the constant that makes the median absolute deviation estimate a normal spread's σ
_MAD_SCALE = 1.4826


@attrs.frozen(slots=True)
class Distribution:
    """How one indicator is spread over the reports that have it (values are fractions)."""

    id: str
    name: str
    name_en: str
    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float


def previous_reports(reports: Sequence[AnnualReport]) -> list[AnnualReport | None]:
    """For each report, the same organ's report of the year before (the first by subject
    where there are two, then the first given), or None. Looked for within each organ's
    series (``grouped``, shared by the rules of a run): an organ with a single report has
    none, and a dataset of one year indexes nothing."""
    several = [group for group in grouped(reports).values() if len(group) > 1]
    if not several:
        return [None] * len(reports)
    members = {id(r) for group in several for r in group}
    first: dict[int, int] = {}  # where each is first given: ties of subject in that order
    for i, report in enumerate(reports):
        if id(report) in members:
            first.setdefault(id(report), i)
    before: dict[int, AnnualReport] = {}
    for group in several:
        by_year: dict[int, AnnualReport] = {}
        for report in sorted(group, key=lambda r: (subject(r), first[id(r)])):
            assert report.meta.year is not None  # grouped holds dated reports only
            by_year.setdefault(report.meta.year, report)
        for report in group:
            assert report.meta.year is not None
            if (found := by_year.get(report.meta.year - 1)) is not None:
                before[id(report)] = found
    return [before.get(id(r)) for r in reports]


def dataset_indicators(
    reports: Sequence[AnnualReport], variants: Mapping[str, FormVariant]
) -> list[tuple[IndicatorValue, ...]]:
    """Each report's indicators, with the changes against the year before where the
    dataset holds that report."""
    indicators = indicators_of(reports, variants)
    return [indicators(i) for i in range(len(reports))]


def indicators_of(
    reports: Sequence[AnnualReport],
    variants: Mapping[str, FormVariant],
    previous: Sequence[AnnualReport | None] | None = None,
) -> Callable[[int], tuple[IndicatorValue, ...]]:
    """The indicators of ``reports[i]``, with its changes, worked out when asked for:
    what ``dataset_indicators`` gives for it, without holding every report's at once
    (``previous``: ``previous_reports(reports)`` where the caller has them)."""
    if previous is None:
        previous = previous_reports(reports)

    def of(i: int) -> tuple[IndicatorValue, ...]:
        report, before = reports[i], previous[i]
        variant = variants.get(report.meta.variant or "")
        earlier = variants.get(before.meta.variant or "") if before is not None else None
        return compute(report, variant, before, earlier)

    return of


def indicator_values(
    reports: Sequence[AnnualReport],
    variants: Mapping[str, FormVariant],
    ids: Sequence[str],
    previous: Sequence[AnnualReport | None],
) -> Callable[[int], list[tuple[float | None, Number | None]]]:
    """The value and denominator of each of the indicators ``ids`` of ``reports[i]``
    ((None, None) where its variant has no such indicator): what ``indicators_of`` gives
    of them (a denominator equal, and written alike), without the objects and the
    indicators not asked for, for a reader of a dataset's values (``previous``:
    ``previous_reports(reports)``)."""
    wanted: dict[str, _Wanted] = {}

    def of(i: int) -> list[tuple[float | None, Number | None]]:
        report, before = reports[i], previous[i]
        name = report.meta.variant or ""
        own = wanted.get(name)
        if own is None:
            variant = variants.get(name)
            if variant is None:
                return [(None, None)] * len(ids)
            own = wanted[name] = _wanted(variant, ids)
        cells = figures_of(report.cells)
        get = cells.get
        # each cell of the ratios read once (their figures share cells), each distinct
        # figure summed once (several share a denominator)
        read = [None if (c := get(cid)) is None else c.value for cid in own.cells]
        found = [_figure(read, spots, cells, part, own.sums) for spots, part in own.parts]
        out: list[tuple[float | None, Number | None]] = []
        for indicator, slots in zip(own.indicators, own.slots, strict=True):
            if indicator is None:
                out.append((None, None))
                continue
            if slots is None:  # a change: none without the report of the year before
                if before is None:
                    out.append((None, None))
                    continue
                earlier_variant = variants.get(before.meta.variant or "") or own.variant
                earlier = (figures_of(before.cells), earlier_variant)
                numerator, denominator = figures(indicator, cells, own.sums, earlier)
                out.append((fraction(indicator, numerator, denominator), denominator))
                continue
            top, bottom = found[slots[0]], found[slots[1]]
            out.append((_ratio(indicator, top, bottom), bottom))
        return out

    return of


def _figure(
    read: list[Number | None],
    spots: tuple[int, ...],
    cells: Mapping[str, CellFigure],
    part: tuple[str, ...],
    sums: Mapping[str, tuple[str, ...]],
) -> Number | None:
    """``compute.figure`` of ``part`` (``read``: the values of the cells at ``spots``):
    the plain sum where every cell holds a figure, a number as the cells hold it (an
    int stays an int: ``_ratio`` divides it exactly as a Decimal)."""
    total: Number = 0
    for k in spots:
        value = read[k]
        if value is None:  # a cell missing or blank: its total perhaps from its row
            return figure(cells, part, sums)
        total += value
    return total


#: below these a ratio of two ints divided as floats is the one of their Decimals
#: rounded to a float: Decimal's quotient (28 digits) lies closer to the exact one than
#: any midpoint between two floats does, so both round to the same float
_EXACT_NUMERATOR = 2**53
_EXACT_DENOMINATOR = 10**11


def _ratio(
    indicator: Indicator, numerator: Number | None, denominator: Number | None
) -> float | None:
    """``compute.fraction`` of a ratio, two ints divided without Decimals."""
    if (
        type(numerator) is int
        and type(denominator) is int
        and -_EXACT_NUMERATOR < numerator < _EXACT_NUMERATOR
        and -_EXACT_DENOMINATOR < denominator < _EXACT_DENOMINATOR
    ):
        return round(numerator / denominator, PLACES) if denominator else None
    return fraction(
        indicator,
        None if numerator is None else Decimal(numerator),
        None if denominator is None else Decimal(denominator),
    )


@attrs.frozen(slots=True)
class _Wanted:
    """The indicators asked for in a variant (None: it has no such indicator), the
    distinct figures of its ratios (``parts``: where each one's cells are among
    ``cells``, and its cell ids) and where each ratio's numerator and denominator are
    among them (None: a change, figured apart)."""

    variant: FormVariant
    sums: Mapping[str, tuple[str, ...]]
    indicators: tuple[Indicator | None, ...]
    cells: tuple[str, ...]
    parts: tuple[tuple[tuple[int, ...], tuple[str, ...]], ...]
    slots: tuple[tuple[int, int] | None, ...]


def _wanted(variant: FormVariant, ids: Sequence[str]) -> _Wanted:
    by_id = {x.id: x for x in reversed(variant.indicators)}  # the first of an id
    indicators = [by_id.get(x) for x in ids]
    parts: dict[tuple[str, ...], int] = {}
    slots: list[tuple[int, int] | None] = []
    for indicator in indicators:
        if indicator is None or indicator.kind == "change":
            slots.append(None)
            continue
        top = parts.setdefault(indicator.numerator, len(parts))
        bottom = parts.setdefault(indicator.denominator, len(parts))
        slots.append((top, bottom))
    cells: dict[str, int] = {}
    for part in parts:
        for cid in part:
            cells.setdefault(cid, len(cells))
    return _Wanted(
        variant,
        identity_sums(variant),
        tuple(indicators),
        tuple(cells),
        tuple((tuple(cells[c] for c in part), part) for part in parts),
        tuple(slots),
    )


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """Q1, median and Q3 of sorted ``values`` (inclusive method: they lie within the
    values)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    import statistics  # here: a run of a few reports computes no distribution

    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def distributions(per_report: Sequence[Sequence[IndicatorValue]]) -> tuple[Distribution, ...]:
    """Each indicator's distribution over the reports that have a value of it, in the
    order the indicators are first met."""
    values: dict[str, list[float]] = {}
    names: dict[str, IndicatorValue] = {}
    for found in per_report:
        for item in found:
            names.setdefault(item.id, item)
            if item.value is not None:
                values.setdefault(item.id, []).append(item.value)
    out = []
    for key, item in names.items():
        found_values = sorted(values.get(key, []))
        if not found_values:
            continue
        q1, median, q3 = quartiles(found_values)
        out.append(
            Distribution(
                key,
                item.name,
                item.name_en,
                len(found_values),
                found_values[0],
                round(q1, 6),
                round(median, 6),
                round(q3, 6),
                found_values[-1],
            )
        )
    return tuple(out)


@attrs.frozen(slots=True)
class Outlier:
    """A value far from its peers': ``median`` of the ``peers`` values (itself included)
    and the robust distance (|value − median| over the scaled median absolute deviation;
    None where the peers do not spread at all)."""

    index: int
    value: float
    median: float
    peers: int
    distance: float | None


def outliers(
    values: Sequence[float | None],
    group: Callable[[int], Hashable],
    *,
    threshold: float,
    min_gap: float,
    min_peers: int,
) -> list[Outlier]:
    """The values at least ``min_gap`` from the median of their group (``group(i)``) and,
    where the group spreads, more than ``threshold`` robust deviations from it; groups of
    fewer than ``min_peers`` values are not judged."""
    # each group's indices and values packed (a dataset's hundred thousand: 16 bytes
    # each, not an int and a float object and their places in two lists)
    groups: dict[Hashable, tuple[array.array[int], array.array[float]]] = {}
    for i, value in enumerate(values):
        if value is not None:
            key = group(i)
            held = groups.get(key)
            if held is None:
                held = groups[key] = (array.array("q"), array.array("d"))
            held[0].append(i)
            held[1].append(value)
    found: list[Outlier] = []
    for members, numbers in groups.values():
        if len(members) < min_peers:
            continue
        import statistics  # here: a run of a few reports has no peers to compare

        median = statistics.median(numbers)
        mad = statistics.median(abs(v - median) for v in numbers) * _MAD_SCALE
        for i, value in zip(members, numbers, strict=True):
            gap = abs(value - median)
            if gap < min_gap:
                continue
            distance = gap / mad if mad else None
            if distance is None or distance > threshold:
                found.append(Outlier(i, value, median, len(members), distance))
    return sorted(found, key=lambda o: o.index)
