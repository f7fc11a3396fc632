"""Indicators far from the median of the organ's peers: a dataset rule, at info."""

from __future__ import annotations

import array
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, overload

from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.dataset import subject

if TYPE_CHECKING:
    from gik_rules.indicators import IndicatorValue
    from gik_rules.model import AnnualReport


class _Values(Sequence[float | None]):
    """One indicator's values, report by report (None: not compared), packed in an
    array: a hundred thousand reports' values as 9 bytes each, not a float object."""

    def __init__(self) -> None:
        self._values = array.array("d")
        self._known = bytearray()

    def append(self, value: float | None) -> None:
        if value is None:
            self._values.append(0.0)
            self._known.append(0)
        else:
            self._values.append(value)
            self._known.append(1)

    @overload
    def __getitem__(self, i: int) -> float | None: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[float | None]: ...
    def __getitem__(self, i: int | slice) -> float | Sequence[float | None] | None:
        if isinstance(i, slice):
            return [self[j] for j in range(len(self))[i]]
        return self._values[i] if self._known[i] else None

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[float | None]:
        return (v if known else None for v, known in zip(self._values, self._known, strict=True))


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


@implements("N808")
def indicator_outlier(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    from gik_rules.indicators import (  # when it runs (start-up)
        indicator_values,
        indicators_of,
        outliers,
        previous_reports,
    )

    wanted = [str(i) for i in ctx.params["indicators"]]
    least = int(ctx.params["min_denominator"])
    before = previous_reports(reports)
    values_of = indicator_values(reports, ctx.variants, wanted, before)
    indicators = indicators_of(reports, ctx.variants, before)
    levels = str(ctx.params["peers"]) == "year-and-level"

    # each report's group of peers, worked out once for every indicator (one tuple each)
    kinds: dict[tuple[int | None, str], tuple[int | None, str]] = {}
    peers = []
    for r in reports:
        kind = (r.meta.year, r.meta.level.value if levels else "")
        peers.append(kinds.setdefault(kind, kind))

    def own(i: int, indicator: str) -> IndicatorValue | None:
        return next((v for v in indicators(i) if v.id == indicator), None)

    # only the values compared are kept, packed (a dataset's indicators, all of them,
    # would hold more than its reports); the few outliers' indicators are worked out again
    series = [_Values() for _ in wanted]
    appends = [values.append for values in series]
    for i in range(len(reports)):
        for append, (value, denominator) in zip(appends, values_of(i), strict=True):
            compared = denominator is not None and not -least < denominator < least
            append(value if compared else None)
    del appends
    for indicator, values in zip(wanted, series, strict=True):
        for outlier in outliers(
            values,
            peers.__getitem__,
            threshold=float(ctx.params["threshold"]),
            min_gap=float(ctx.params["min_gap"]),
            min_peers=int(ctx.params["min_peers"]),
        ):
            item = own(outlier.index, indicator)
            assert item is not None and item.numerator is not None
            report = reports[outlier.index]
            variant = ctx.variant_of(report)
            spec = (
                next((x for x in variant.indicators if x.id == indicator), None)
                if variant
                else None
            )
            cells = (
                spec.cells if spec and spec.kind == "ratio" else (spec.numerator if spec else ())
            )
            group = "同年度同级机关" if levels else "同年度机关"
            group_en = (
                "reports of the same year and organ level" if levels else "reports of the same year"
            )
            figures = f"{item.numerator}/{item.denominator}"
            yield Hit(
                f"{item.name}为{_percent(outlier.value)}（{figures}），明显偏离{group}"
                f"（{outlier.peers}份）的中位数{_percent(outlier.median)}",
                f"{item.name_en} is {_percent(outlier.value)} ({figures}), far from the median "
                f"{_percent(outlier.median)} of the {outlier.peers} {group_en}",
                Location(table=cells[0].partition(".")[0] if cells else None, ref=indicator),
                expected=f"≈ {_percent(outlier.median)}",
                actual=_percent(outlier.value),
                cells=cells,
                subject=subject(report),
            )
