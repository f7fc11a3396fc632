"""What a dataset rule needs besides its reports: who wrote each report, and in which year.

The identity contract (``docs/datasets.md``): a report belongs to the organ
``meta.organ_id``, or, when no id is given, to its organ name folded (width and spaces);
``meta.parent_id`` names the organ_id of the government it belongs to. In a dataset rule
``meta.source`` is the report's subject key: a hit names its report with
``subject=subject(report)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs

from gik_rules.forms.labels import fold
from gik_rules.model import AnnualReport


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


def series(reports: Iterable[AnnualReport]) -> dict[str, list[AnnualReport]]:
    """Reports grouped by organ, each group in year order (then by subject). Reports
    without an organ or a year belong to no series."""
    groups: dict[str, list[AnnualReport]] = {}
    for report in reports:
        key = organ_key(report)
        if key and report.meta.year is not None:
            groups.setdefault(key, []).append(report)
    for group in groups.values():
        group.sort(key=lambda r: (r.meta.year or 0, subject(r)))
    return dict(sorted(groups.items()))


def first_of_each_year(group: Sequence[AnnualReport]) -> dict[int, AnnualReport]:
    """One report per year of a series: the first by subject (duplicates are a finding
    of their own, not a reason to compare against an arbitrary one)."""
    out: dict[int, AnnualReport] = {}
    for report in group:
        if report.meta.year is not None:
            out.setdefault(report.meta.year, report)
    return out


def consecutive(reports: Iterable[AnnualReport]) -> Iterator[tuple[AnnualReport, AnnualReport]]:
    """``(year N−1, year N)`` pairs of the same organ, in a stable order."""
    for group in series(reports).values():
        by_year = first_of_each_year(group)
        for year in sorted(by_year):
            if year - 1 in by_year:
                yield by_year[year - 1], by_year[year]


def families(
    reports: Iterable[AnnualReport],
) -> Iterator[tuple[AnnualReport, list[AnnualReport]]]:
    """``(parent, children)`` for each report whose organ other reports of the same year
    name as their ``parent_id``; children in subject order."""
    reports = list(reports)
    parents: dict[tuple[str, int], AnnualReport] = {}
    for report in sorted(reports, key=subject):
        if report.meta.organ_id and report.meta.year is not None:
            parents.setdefault((report.meta.organ_id, report.meta.year), report)
    children: dict[tuple[str, int], list[AnnualReport]] = {}
    for report in sorted(reports, key=subject):
        meta = report.meta
        if meta.parent_id and meta.year is not None and meta.parent_id != meta.organ_id:
            children.setdefault((meta.parent_id, meta.year), []).append(report)
    for key in sorted(children):
        if key in parents:
            yield parents[key], children[key]
