"""Each new class of fault, put into generated consistent reports and datasets, is caught
by the rule meant for it and by no unrelated error rule: the narrative's figures, parts
and changes, the year, empty sections, enumerations, fees, the language, missing
reports and indicator outliers (the properties of test_national_properties.py, for the
rules that came with the narrative grammar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.engine import check_dataset, check_report
from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell
from gik_rules.rules import Finding, Severity
from gik_rules.ruleset import load_ruleset
from gik_rules.testing import consistent_reports, consistent_series, deadline

HOST = default_host()
NATIONAL = load_ruleset("national", HOST.rules, HOST.rulesets)
REPORTS = consistent_reports("V2019") | consistent_reports("V2021")
V2021 = consistent_reports("V2021")
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def findings(report: AnnualReport) -> tuple[Finding, ...]:
    return check_report(report, NATIONAL, HOST.variants).findings


def dataset_findings(reports: Sequence[AnnualReport]) -> list[tuple[int, Finding]]:
    keys = [f"r{i}" for i in range(len(reports))]
    result = check_dataset(reports, NATIONAL, HOST.variants, keys=keys)
    return [(i, f) for i, k in enumerate(keys) for f in result.findings[k]]


def errors(found: Sequence[Finding]) -> set[str]:
    return {f.code for f in found if f.severity is Severity.ERROR}


def codes(found: Sequence[Finding]) -> set[str]:
    return {f.code for f in found}


def with_text(report: AnnualReport, number: int, text: str) -> AnnualReport:
    sections = tuple(
        attrs.evolve(s, text=(s.text + "\n" + text).strip()) if s.number == number else s
        for s in report.sections
    )
    return attrs.evolve(report, sections=sections)


def total(report: AnnualReport, cid: str) -> int:
    return int(report.cell(cid).number_or_zero())


@FAST
@given(
    REPORTS, st.sampled_from(["t3.new.tot", "t3.carried.tot", "t3.total.tot", "t4.review.total"])
)
def test_the_tables_figures_in_words_agree(report: AnnualReport, cid: str) -> None:
    words = {
        "t3.new.tot": "本年新收政府信息公开申请{}件",
        "t3.carried.tot": "上年结转政府信息公开申请{}件",
        "t3.total.tot": "办结政府信息公开申请{}件",
        "t4.review.total": "发生行政复议案件{}件",
    }[cid]
    agreeing = with_text(report, 3, words.format(total(report, cid)) + "。")
    assert "N401" not in codes(findings(agreeing))


@FAST
@given(REPORTS, st.integers(1, 50))
def test_a_wrong_figure_in_words_is_narrative_table_mismatch(
    report: AnnualReport, more: int
) -> None:
    new = total(report, "t3.new.tot")
    broken = with_text(report, 3, f"本年新收政府信息公开申请{new + more}件。")
    found = findings(broken)
    mismatch = [f for f in found if f.code == "N401"]
    assert [(f.expected, f.actual) for f in mismatch] == [(new, new + more)]
    assert mismatch[0].cells == ("t3.new.tot",) and mismatch[0].location.section == 3
    assert errors(found) == set()


@FAST
@given(V2021)
def test_parts_that_exceed_their_whole_are_narrative_parts_sum(report: AnnualReport) -> None:
    answered = total(report, "t3.total.tot")
    granted = total(report, "t3.open.tot")
    broken = with_text(
        report,
        3,
        f"办结政府信息公开申请{answered}件，其中予以公开{granted}件、部分公开{answered + 1}件。",
    )
    found = findings(broken)
    assert [f.actual for f in found if f.code == "N402"] == [granted + answered + 1]
    assert errors(found) == set()


@FAST
@given(REPORTS)
def test_last_years_title_is_year_conflict(report: AnnualReport) -> None:
    year = report.meta.year or 0
    meta = attrs.evolve(report.meta, title=report.meta.title.replace(str(year), str(year - 1)))
    found = findings(attrs.evolve(report, meta=meta))
    assert [(f.expected, f.actual, f.location.ref) for f in found if f.code == "N108"] == [
        (year, str(year - 1), "title")
    ]
    assert errors(found) == set()


@FAST
@given(V2021, st.integers(0, 70))
def test_a_year_to_come_is_report_year_range(report: AnnualReport, ahead: int) -> None:
    year = dt.date.today().year + 2 + ahead
    old = str(report.meta.year)
    meta = attrs.evolve(
        report.meta,
        year=year,
        title=report.meta.title.replace(old, str(year)),
        published=deadline(year, report.meta.level) - dt.timedelta(days=3),
    )
    broken = attrs.evolve(report, meta=meta, preamble=report.preamble.replace(old, str(year)))
    found = findings(broken)
    assert errors(found) == {"N109"}


@FAST
@given(REPORTS, st.sampled_from([5, 6]), st.sampled_from(["", "无", "无。", " 暂无 "]))
def test_an_empty_section_is_section_empty(report: AnnualReport, number: int, text: str) -> None:
    sections = tuple(
        attrs.evolve(s, text=text) if s.number == number else s for s in report.sections
    )
    found = findings(attrs.evolve(report, sections=sections))
    assert [f.location.section for f in found if f.code == "N110"] == [number]
    assert errors(found) == set()


@FAST
@given(REPORTS, st.integers(2, 6), st.sampled_from(["{}是", "第{},"]))
def test_a_skipped_item_is_enumeration_order(report: AnnualReport, skip: int, style: str) -> None:
    from gik_rules.forms import numeral

    items = [n for n in range(1, 8) if n != skip]
    text = "；".join(style.format(numeral(n)) + "完善工作机制" for n in items) + "。"
    found = findings(with_text(report, 5, text))
    faults = [f for f in found if f.code == "N111"]
    assert [f.expected for f in faults] == [style.format(numeral(skip)).rstrip(",")]
    assert errors(found) == set()


@FAST
@given(V2021, st.integers(1, 99999))
def test_a_charge_said_to_be_none_is_fee_statement_table(report: AnnualReport, cents: int) -> None:
    amount = Decimal(cents) / 100
    cells = {**report.cells, "t2.fees.amount": Cell.of(amount)}
    broken = with_text(attrs.evolve(report, cells=cells), 6, "本年度未收取行政事业性收费。")
    found = findings(broken)
    assert [f.cells for f in found if f.code == "N505"] == [("t2.fees.amount",)]
    assert errors(found) == set()


@FAST
@given(
    REPORTS,
    st.sampled_from(
        [
            ("N901", "本局将进一步进一步加强培训。"),
            ("N902", "本局加强培训,提升能力。"),
            ("N903", "本局学习《条例的规定。"),
        ]
    ),
)
def test_language_slips_are_found_in_their_group(
    report: AnnualReport, slip: tuple[str, str]
) -> None:
    code, text = slip
    found = findings(with_text(report, 1, text))
    assert [f.code for f in found if HOST.rules[f.code].groups[0] == "language"] == [code]
    assert errors(found) == set()
    quiet = load_ruleset("national", HOST.rules, HOST.rulesets, ignore=["language"])
    assert [
        f.code
        for f in check_report(with_text(report, 1, text), quiet, HOST.variants).findings
        if f.code.startswith("N9")
    ] == []


SERIES = consistent_series("V2021", years=3)


@FAST
@given(SERIES, st.data())
def test_a_wrong_change_is_narrative_change_mismatch(
    series: list[AnnualReport], data: st.DataObject
) -> None:
    last, now = total(series[-2], "t3.new.tot"), total(series[-1], "t3.new.tot")
    wrong = data.draw(st.integers(-50, 50).filter(lambda d: d not in (now - last, 0)))
    verb = "增加" if wrong > 0 else "减少"
    broken = with_text(
        series[-1], 3, f"本年新收政府信息公开申请{now}件，同比{verb}{abs(wrong)}件。"
    )
    found = dataset_findings([*series[:-1], broken])
    assert [(i, f.actual) for i, f in found if f.code == "N807"] == [(2, f"{wrong:+}")]
    assert errors(f for _, f in found) == set()


@FAST
@given(SERIES, st.integers(1, 2))
def test_a_department_that_did_not_publish_is_missing_report(
    series: list[AnnualReport], gone: int
) -> None:
    """Two departments under one government, three years; a year after its first of one
    is dropped (before its first report, an organ may not have existed)."""

    def under(report: AnnualReport, organ: str, oid: str) -> AnnualReport:
        meta = attrs.evolve(report.meta, organ=organ, organ_id=oid, parent_id="gov")
        return attrs.evolve(report, meta=meta)

    first = [under(r, "示例县甲局", "a") for r in series]
    second = [under(r, "示例县乙局", "b") for r in series]
    dropped = second[gone]
    reports = [*first, *[r for r in second if r is not dropped]]
    found = [f for _, f in dataset_findings(reports) if f.code == "N806"]
    assert [(f.expected, f.location.ref) for f in found] == [
        (f"示例县乙局 {dropped.meta.year}", "organ b")
    ]


@FAST
@given(V2021, st.integers(8, 12))
def test_a_department_unlike_its_peers_is_indicator_outlier(
    report: AnnualReport, peers: int
) -> None:
    """Peers that grant every request, and one that refuses nine of ten."""
    base = {c: Cell.of(0) for c in report.cells if c.startswith("t3.")}

    def granting(organ: str, refused: int) -> AnnualReport:
        cells = {**report.cells, **base}
        for cid, value in (
            ("t3.new.np", 10),
            ("t3.new.tot", 10),
            ("t3.total.np", 10),
            ("t3.total.tot", 10),
            ("t3.open.np", 10 - refused),
            ("t3.open.tot", 10 - refused),
            ("t3.deny_third.np", refused),
            ("t3.deny_third.tot", refused),
        ):
            cells[cid] = Cell.of(value)
        return attrs.evolve(report, meta=attrs.evolve(report.meta, organ=organ), cells=cells)

    reports = [granting(f"示例市第{i}局", 0) for i in range(peers)] + [granting("示例市某局", 9)]
    found = [(i, f) for i, f in dataset_findings(reports) if f.code == "N808"]
    assert {(i, f.location.ref) for i, f in found} == {(peers, "open_rate"), (peers, "deny_rate")}
    assert all(f.severity is Severity.INFO for _, f in found)
