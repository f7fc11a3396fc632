"""Which organs have no report for a year: a dataset rule (docs/datasets.md)."""

from __future__ import annotations

import bisect
import heapq
import operator
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TypeVar

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.dataset import grouped, subject

_K = TypeVar("_K", bound=Hashable)


class _Dataset:
    """The reports of a dataset indexed for finding who reported when, and the report a
    missing report's finding is given to."""

    def __init__(self, reports: Sequence[AnnualReport], declared: Iterable[str | None]) -> None:
        dated = [r for r in reports if r.meta.year is not None]
        self.years = {r.meta.year for r in dated if r.meta.year is not None}
        # only governments are looked up: the organs some organ names as its parent (a
        # dataset of a hundred thousand organs has a few)
        parents = {p for p in declared if p} | {r.meta.parent_id for r in dated}
        parents.discard(None)
        #: the years a government's family (itself and the organs under it) reports
        self.family: dict[str, set[int]] = {}
        #: a government's report of a year, and the first report of a year: the first
        #: by subject (then as given), each kept while the reports go by, none sorted
        self.government: dict[tuple[str, int], AnnualReport] = {}
        self.first_of_year: dict[int, AnnualReport] = {}
        for report in dated:
            meta = report.meta
            year = meta.year
            assert year is not None
            for key in (meta.parent_id, meta.organ_id):
                if key and key in parents:
                    self.family.setdefault(key, set()).add(year)
            if meta.organ_id and meta.organ_id in parents:
                _keep_first(self.government, (meta.organ_id, year), report)
            _keep_first(self.first_of_year, year, report)
        #: each family's years in order (``missing_report``)
        self.family_years = {key: sorted(years) for key, years in self.family.items()}
        # ``reports`` itself (not ``dated``): the other rules' series, grouped once
        self.series = grouped(reports)

    def holder(
        self, group: Sequence[AnnualReport], parent: str | None, year: int
    ) -> AnnualReport | None:
        """The parent government's report of that year, else the organ's own report
        (``group``, its series) nearest that year, else the first report of that year."""
        if parent and (found := self.government.get((parent, year))) is not None:
            return found
        if len(group) == 1:  # most organs of a big dataset
            return group[0]
        if group:
            return min(group, key=lambda r: (abs((r.meta.year or 0) - year), subject(r)))
        return self.first_of_year.get(year)


def _keep_first(kept: dict[_K, AnnualReport], key: _K, report: AnnualReport) -> None:
    """``report`` under ``key`` unless one of a smaller subject is kept there."""
    held = kept.get(key)
    if held is None or subject(report) < subject(held):
        kept[key] = report


@implements("N806")
def missing_report(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    data = _Dataset(reports, (o.parent for o in ctx.organs))
    declared = {o.key: o for o in ctx.organs}
    # each organ's name and parent worked out in turn, not held for every organ at once;
    # the grouped organs come sorted: merged with the declared ones, no set of them all
    undeclared = ((k, g) for k, g in data.series.items() if k not in declared)
    listed = ((k, data.series.get(k, ())) for k in sorted(declared))
    for key, group in heapq.merge(listed, undeclared, key=operator.itemgetter(0)):
        organ = declared.get(key)
        name, parent = (organ.name or organ.id, organ.parent) if organ else ("", None)
        if group:
            name, parent = name or group[0].meta.organ, parent or group[0].meta.parent_id
        if organ is None and not parent:
            continue  # an organ of no family the manifest does not name: nothing to expect
        if organ is None and len(group) == 1 and (year := group[0].meta.year) is not None:
            # an organ of one report (most of a big dataset's): its family's years after it
            years = data.family_years.get(parent or "", [])
            missing = years[bisect.bisect_right(years, year) :]
        else:
            own = {r.meta.year for r in group if r.meta.year is not None}
            expected = data.years if organ is not None else data.family.get(parent or "", set())
            if own:  # an organ is expected from its first report on: one set up later has
                first = min(own)  # no earlier report to miss
                expected = {y for y in expected if y > first}
            missing = sorted(expected - own)
        if not missing:
            continue
        # the organ's findings share their location and wording but for the year
        others = "所属同一政府的其他机关" if parent else "数据集中的其他机关"
        others_en = "other organs under the same government" if parent else "other organs"
        location = Location(ref=f"organ {key.partition(':')[2]}")
        for year in missing:
            holder = data.holder(group, parent, year)
            if holder is None:
                continue
            yield Hit(
                f"数据集中没有{name}{year}年度的报告，而{others}有该年度的报告",
                f"the dataset holds no {year} report of {name}, though {others_en} have one",
                location,
                expected=f"{name} {year}",
                subject=subject(holder),
            )
