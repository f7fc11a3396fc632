"""What a dataset rule needs besides its reports: who wrote each report, and in which year.

The identity contract (``docs/datasets.md``): a report belongs to the organ
``meta.organ_id``, or, when no id is given, to its organ name folded (width and spaces);
``meta.parent_id`` names the organ_id of the government it belongs to. In a dataset rule
``meta.source`` is the report's subject key: a hit names its report with
``subject=subject(report)``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from gik_rules.forms.labels import fold
from gik_rules.model import AnnualReport


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
    ``02`` and ``2``, by the text)."""
    parts: list[object] = [int(p) if i % 2 else p for i, p in enumerate(_DIGITS.split(key))]
    return (*parts, key)


def _completeness(report: AnnualReport) -> tuple[int, int]:
    """How much of the report was read: its tables, then its figures."""
    tables = {cid.partition(".")[0] for cid in report.cells}
    return len(tables), sum(1 for cell in report.cells.values() if cell.is_number)


def _best_first(reports: Iterable[AnnualReport]) -> list[AnnualReport]:
    """``reports`` with the one read most completely first, then by subject: a damaged
    copy of a report is never preferred for its name."""
    return sorted(reports, key=lambda r: (*(-n for n in _completeness(r)), natural(subject(r))))


def series(reports: Iterable[AnnualReport]) -> dict[str, list[AnnualReport]]:
    """Reports grouped by organ, each group in year order (within a year, the report
    read most completely first, then by subject). Reports without an organ or a year
    belong to no series."""
    groups: dict[str, list[AnnualReport]] = {}
    for report in reports:
        key = organ_key(report)
        if key and report.meta.year is not None:
            groups.setdefault(key, []).append(report)
    for organ, group in groups.items():
        groups[organ] = sorted(_best_first(group), key=lambda r: r.meta.year or 0)
    return dict(sorted(groups.items()))


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
    for report in _best_first(reports):
        if report.meta.organ_id and report.meta.year is not None:
            parents.setdefault((report.meta.organ_id, report.meta.year), report)
    children: dict[tuple[str, int], list[AnnualReport]] = {}
    for report in sorted(reports, key=lambda r: natural(subject(r))):
        meta = report.meta
        if meta.parent_id and meta.year is not None and meta.parent_id != meta.organ_id:
            children.setdefault((meta.parent_id, meta.year), []).append(report)
    for key in sorted(children):
        if key in parents:
            yield parents[key], children[key]
