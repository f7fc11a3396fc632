"""Properties of the national ruleset on generated reports and datasets.

Consistent reports and series give no finding; each class of fault (a dropped section,
one changed cell, the wrong variant for the year, a late publication, last year's
narrative, a broken carry-over) is caught by the rule meant for it and by no unrelated
error rule; no rule raises on odd reports; dataset findings do not depend on the order
of the reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from random import Random

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.engine import check_dataset, check_report
from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell, OrganLevel
from gik_rules.rules import Finding, Severity
from gik_rules.ruleset import load_ruleset
from gik_rules.testing import (
    any_reports,
    cell_ids,
    consistent_reports,
    consistent_series,
    copy_narrative,
    deadline,
)

HOST = default_host()
NATIONAL = load_ruleset("national", HOST.rules, HOST.rulesets)
EVERY = load_ruleset("national", HOST.rules, HOST.rulesets, extend_select=["N504"])
REPORTS = consistent_reports("V2019") | consistent_reports("V2021")
SERIES = consistent_series("V2019", years=2) | consistent_series("V2021", years=3)
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def findings(report: AnnualReport) -> tuple[Finding, ...]:
    return check_report(report, NATIONAL, HOST.variants).findings


def dataset_findings(reports: Sequence[AnnualReport]) -> list[Finding]:
    keys = [f"r{i}" for i in range(len(reports))]
    result = check_dataset(reports, NATIONAL, HOST.variants, keys=keys)
    return [f for k in keys for f in result.findings[k]]


def errors(found: Iterable[Finding]) -> set[str]:
    return {f.code for f in found if f.severity is Severity.ERROR}


@FAST
@given(REPORTS)
def test_consistent_reports_give_no_finding(report: AnnualReport) -> None:
    assert findings(report) == ()


@FAST
@given(SERIES)
def test_consistent_series_give_no_finding(series: list[AnnualReport]) -> None:
    assert [f.message for r in series for f in findings(r)] == []
    assert [f.message for f in dataset_findings(series)] == []


@FAST
@given(REPORTS, st.integers(1, 6))
def test_a_dropped_section_is_section_missing(report: AnnualReport, number: int) -> None:
    broken = attrs.evolve(report, sections=tuple(s for s in report.sections if s.number != number))
    found = findings(broken)
    assert errors(found) == {"N101"}
    assert [f.location.section for f in found if f.code == "N101"] == [number]


@FAST
@given(REPORTS, st.data())
def test_one_changed_cell_is_identity_mismatch(report: AnnualReport, data: st.DataObject) -> None:
    variant = HOST.variants[report.meta.variant or ""]
    cid = data.draw(st.sampled_from(sorted(cell_ids(report, variant))))
    old = report.cell(cid).value
    new = data.draw(st.integers(0, 10_000).filter(lambda v: v != old))
    broken = attrs.evolve(report, cells={**report.cells, cid: Cell.of(new)})
    found = findings(broken)
    assert errors(found) == {"N301"}
    assert any(cid in f.cells for f in found if f.code == "N301")


def _re_year(report: AnnualReport, year: int) -> AnnualReport:
    """The same report, written for ``year`` (title, period, publication date)."""
    meta = attrs.evolve(
        report.meta,
        year=year,
        title=report.meta.title.replace(str(report.meta.year), str(year)),
        published=deadline(year, report.meta.level) - dt.timedelta(days=5),
    )
    preamble = report.preamble.replace(str(report.meta.year), str(year))
    return attrs.evolve(report, meta=meta, preamble=preamble)


@FAST
@given(st.data())
def test_the_wrong_variant_for_the_year_is_form_variant_mismatch(data: st.DataObject) -> None:
    old_format = data.draw(consistent_reports("V2019"))
    new_format = data.draw(consistent_reports("V2021"))
    for report, year in ((old_format, data.draw(st.integers(2021, 2026))), (new_format, 2020)):
        found = findings(_re_year(report, year))
        assert errors(found) == {"N201"}


@FAST
@given(REPORTS, st.integers(1, 300))
def test_publication_past_the_deadline_is_published_late(report: AnnualReport, days: int) -> None:
    late = deadline(report.meta.year or 0, report.meta.level) + dt.timedelta(days=days)
    found = findings(attrs.evolve(report, meta=attrs.evolve(report.meta, published=late)))
    if report.meta.level is OrganLevel.TOWNSHIP:  # no national deadline (UNCONFIRMED)
        assert errors(found) == set()
    else:
        assert errors(found) == {"N601"}


@FAST
@given(SERIES)
def test_last_years_narrative_is_text_reuse(series: list[AnnualReport]) -> None:
    broken = [*series[:-1], copy_narrative(series[-2], series[-1])]
    found = dataset_findings(broken)
    reuse = [f for f in found if f.code == "N803"]
    assert reuse and reuse[0].actual == "100.0%"
    assert errors(found) == set()
    assert errors(f for r in broken for f in findings(r)) == set()


@FAST
@given(SERIES, st.data())
def test_a_broken_carry_over_is_carry_over_mismatch(
    series: list[AnnualReport], data: st.DataObject
) -> None:
    report = series[-1]
    col = data.draw(st.sampled_from(["np", "ce", "ri", "sw", "ls", "ot"]))
    more = data.draw(st.integers(1, 9))
    cells = dict(report.cells)
    for cid in (f"t3.carried.{col}", "t3.carried.tot", f"t3.carry_next.{col}", "t3.carry_next.tot"):
        cells[cid] = Cell.of(int(report.cell(cid).number_or_zero()) + more)  # identities hold
    broken = [*series[:-1], attrs.evolve(report, cells=cells)]
    found = dataset_findings(broken)
    assert {f.location.cell for f in found if f.code == "N801"} == {
        f"t3.carried.{col}",
        "t3.carried.tot",
    }
    assert errors(found) == set()
    assert errors(findings(broken[-1])) == set()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_reports("V2019") | any_reports("V2021"))
def test_no_rule_raises_on_odd_reports(report: AnnualReport) -> None:
    first = check_report(report, EVERY, HOST.variants)
    assert [f.message for f in first.findings if f.code == "X001"] == []
    assert first.findings == check_report(report, EVERY, HOST.variants).findings


@FAST
@given(st.lists(any_reports() | REPORTS, min_size=1, max_size=4), SERIES, st.randoms())
def test_dataset_rules_never_raise_and_ignore_order(
    odd: list[AnnualReport], series: list[AnnualReport], random: Random
) -> None:
    reports = [*odd, *series]
    keys = [f"r{i}" for i in range(len(reports))]
    result = check_dataset(reports, EVERY, HOST.variants, keys=keys)
    assert not [f for k in keys for f in result.findings[k] if f.code == "X001"]
    order = list(range(len(reports)))
    random.shuffle(order)
    again = check_dataset(
        [reports[i] for i in order], EVERY, HOST.variants, keys=[keys[i] for i in order]
    )
    assert again.findings == result.findings
