"""N806 indexes only the governments (organs some organ or the manifest names as parent),
not every organ: over random hierarchies of organs, years, duplicates and declared organs
it names the same missing reports, given to the same holder, as the rule's definition
(docs/datasets.md) worked out over every organ."""

from __future__ import annotations

from collections.abc import Sequence

from gik_rules_national.rules.coverage import missing_report
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules import RuleContext
from gik_rules.rules.dataset import DeclaredOrgan, series, subject

IDS = ("g", "h", "a", "b", "c")
YEARS = st.integers(2019, 2023)


@st.composite
def datasets(draw: st.DrawFn) -> tuple[list[AnnualReport], tuple[DeclaredOrgan, ...]]:
    parent_of = {oid: draw(st.sampled_from((None, *IDS))) for oid in IDS}
    reports = []
    for n in range(draw(st.integers(1, 12))):
        oid = draw(st.sampled_from(IDS) | st.none())
        meta = ReportMeta(
            organ=f"{oid or '某'}局",
            organ_id=oid,
            parent_id=parent_of.get(oid or "") if draw(st.booleans()) else None,
            year=draw(st.none() | YEARS),
            source=f"r{draw(st.integers(0, 30))}-{n}",  # unique, in no particular order
        )
        reports.append(AnnualReport(meta=meta))
    declared = draw(
        st.lists(
            st.builds(
                DeclaredOrgan,
                st.sampled_from(IDS),
                st.just(""),
                st.sampled_from((None, *IDS)),
            ),
            max_size=4,
            unique_by=lambda o: o.id,
        )
    )
    return reports, tuple(declared)


def _expected(
    reports: Sequence[AnnualReport], declared: Sequence[DeclaredOrgan]
) -> list[tuple[str, str | None, str]]:
    """(expected, ref, holder) of each missing report, every organ indexed."""
    dated = sorted((r for r in reports if r.meta.year is not None), key=subject)
    years = {r.meta.year for r in dated}
    family: dict[str, set[int | None]] = {}
    government: dict[tuple[str, int | None], AnnualReport] = {}
    for r in dated:
        for key in (r.meta.parent_id, r.meta.organ_id):
            if key:
                family.setdefault(key, set()).add(r.meta.year)
        if r.meta.organ_id:
            government.setdefault((r.meta.organ_id, r.meta.year), r)
    groups = series(dated)
    organs = {o.key: (o.name or o.id, o.parent) for o in declared}
    for key, group in groups.items():
        name, parent = organs.get(key, (group[0].meta.organ, group[0].meta.parent_id))
        organs[key] = (name or group[0].meta.organ, parent or group[0].meta.parent_id)
    out: list[tuple[str, str | None, str]] = []
    for key, (name, parent) in sorted(organs.items()):
        own = {r.meta.year for r in groups.get(key, ())}
        if key in {o.key for o in declared}:
            expected = set(years)
        elif parent:
            expected = set(family.get(parent, ()))
        else:
            continue
        if own:
            expected = {y for y in expected if y is not None and y > min(y for y in own if y)}
        for year in sorted(y for y in expected - own if y is not None):
            holder = government.get((parent, year)) if parent else None
            if holder is None and groups.get(key):
                holder = min(
                    groups[key], key=lambda r: (abs((r.meta.year or 0) - year), subject(r))
                )
            if holder is None:
                holder = next((r for r in dated if r.meta.year == year), None)
            if holder is not None:
                out.append((f"{name} {year}", f"organ {key.partition(':')[2]}", subject(holder)))
    return out


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_missing_reports_as_defined_over_every_organ(
    data: tuple[list[AnnualReport], tuple[DeclaredOrgan, ...]],
) -> None:
    reports, declared = data
    hits = missing_report(reports, RuleContext(organs=declared))
    found = [(h.expected, h.location.ref, h.subject) for h in hits]
    assert found == _expected(reports, declared)
