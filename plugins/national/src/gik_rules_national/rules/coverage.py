"""Which organs have no report for a year: a dataset rule (docs/datasets.md)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.dataset import organ_key, series, subject


def _expected(
    reports: Sequence[AnnualReport], ctx: RuleContext
) -> dict[str, tuple[str, str | None, set[int]]]:
    """Every organ the dataset says should report: ``key → (name, parent id, years it
    reports)``: the organs the manifest declares and every organ that names a parent."""
    organs: dict[str, tuple[str, str | None, set[int]]] = {}
    for organ in ctx.organs:
        organs[organ.key] = (organ.name or organ.id, organ.parent, set())
    for key, group in series(reports).items():
        first = group[0].meta
        name, parent, years = organs.get(key, (first.organ, first.parent_id, set()))
        years.update(r.meta.year for r in group if r.meta.year is not None)
        organs[key] = (name or first.organ, parent or first.parent_id, years)
    return organs


@implements("N806")
def missing_report(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    organs = _expected(reports, ctx)
    dated = sorted((r for r in reports if r.meta.year is not None), key=subject)
    all_years = {r.meta.year for r in dated if r.meta.year is not None}
    # the years a government's family (itself and the organs under it) has reports for
    family_years: dict[str, set[int]] = {}
    for report in dated:
        assert report.meta.year is not None
        for key in (report.meta.parent_id, report.meta.organ_id):
            if key:
                family_years.setdefault(key, set()).add(report.meta.year)
    declared = {o.key for o in ctx.organs}
    for key, (name, parent, years) in sorted(organs.items()):
        if key in declared:
            expected = all_years
        elif parent:
            expected = family_years.get(parent, set())
        else:
            continue  # an organ of no family the manifest does not name: nothing to expect
        for year in sorted(expected - years):
            holder = _holder(dated, key, parent, year)
            if holder is None:
                continue
            others = "所属同一政府的其他机关" if parent else "数据集中的其他机关"
            others_en = "other organs under the same government" if parent else "other organs"
            yield Hit(
                f"数据集中没有{name}{year}年度的报告，而{others}有该年度的报告",
                f"the dataset holds no {year} report of {name}, though {others_en} have one",
                Location(ref=f"organ {key.partition(':')[2]}"),
                expected=f"{name} {year}",
                subject=subject(holder),
            )


def _holder(
    dated: list[AnnualReport],
    key: str,
    parent: str | None,
    year: int,
) -> AnnualReport | None:
    """The report a missing report's finding is given to: the parent government's of that
    year, else the organ's own nearest, else the first of that year."""
    if parent:
        same_year = [r for r in dated if r.meta.organ_id == parent and r.meta.year == year]
        if same_year:
            return same_year[0]
    own = [r for r in dated if organ_key(r) == key]
    if own:
        return min(own, key=lambda r: (abs((r.meta.year or 0) - year), subject(r)))
    of_year = [r for r in dated if r.meta.year == year]
    return of_year[0] if of_year else None
