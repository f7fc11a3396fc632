"""Shandong rules as a user meets them: on generated reports, and against the data files."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from gik_rules_shandong import data
from gik_rules_shandong.rules.publication import county_level
from gik_rules_shandong.text import fold
from hypothesis import given, settings
from hypothesis import strategies as st

import gik_rules
from gik_rules.forms import fold as forms_fold
from gik_rules.model import AnnualReport, OrganLevel, ReportMeta, Section
from gik_rules.render import cn_date
from gik_rules.testing import consistent_reports

MEASURES = "严格按照《山东省政府信息公开办法》的要求，规范发布程序。"


def _sd(report: AnnualReport, ruleset: str = "shandong", **kw: object) -> list[str]:
    result = gik_rules.check_report(report, gik_rules.load_ruleset(ruleset, **kw))  # type: ignore[arg-type]
    return [f.code for f in result.findings if f.code.startswith("SD")]


@settings(deadline=None, max_examples=40)
@given(consistent_reports())
def test_a_consistent_report_has_no_shandong_finding(report: AnnualReport) -> None:
    assert _sd(report) == []


@settings(deadline=None, max_examples=40)
@given(consistent_reports(), st.sampled_from([1, 5, 6]))
def test_citing_the_2010_measures_is_noted_once(report: AnnualReport, number: int) -> None:
    sections = tuple(
        attrs.evolve(s, text=f"{s.text}\n{MEASURES}") if s.number == number else s
        for s in report.sections
    )
    assert _sd(attrs.evolve(report, sections=sections)) == ["SD201"]


def _citing(year: int, report_year: int, number: str) -> AnnualReport:
    text = f"认真落实《{year}年山东省政务公开工作要点》（{number}），各项任务按期完成。"
    return AnnualReport(
        meta=ReportMeta(organ="示例市商务局", year=report_year, variant="V2021"),
        sections=(Section(6, "其他需要报告的事项", "六、其他需要报告的事项", text),),
    )


@pytest.mark.parametrize("year", sorted(data.yaodian_numbers()))
def test_each_known_yaodian_number_passes_and_the_others_do_not(year: int) -> None:
    numbers = data.yaodian_numbers()
    assert _sd(_citing(year, year, numbers[year]), select=["sd-yaodian-number"]) == []
    for other, number in numbers.items():
        if other != year:
            assert _sd(_citing(year, year, number), select=["sd-yaodian-number"]) == ["SD203"]


def test_an_unknown_years_number_is_checked_for_its_year_only() -> None:
    assert 2021 not in data.yaodian_numbers()
    assert _sd(_citing(2021, 2021, "鲁政办发〔2021〕12号"), select=["SD203"]) == []
    assert _sd(_citing(2021, 2021, "鲁政办发〔2020〕12号"), select=["SD203"]) == ["SD203"]


@pytest.mark.parametrize("city", data.deadlines()["county_government_early"].county_level_cities)
def test_county_level_cities_of_the_data_file_are_county_level(city: str) -> None:
    assert county_level(f"{city}人民政府")
    assert not county_level(f"{city}商务局")


@pytest.mark.parametrize(
    ("organ", "county"),
    [
        ("济南市人民政府", False),
        ("济南市历下区人民政府", True),
        ("山东省人民政府", False),
        ("沂水县人民政府", True),
        ("沂水县\n人民政府", True),  # a name broken over two lines
        ("沂水县\u200b人民政府\ufeff", True),  # zero-width characters of a web page
        ("沂水县 人民政府", True),
    ],
)
def test_county_level_governments_by_name(organ: str, county: bool) -> None:
    assert county_level(organ) is county


def test_rules_off_by_default_run_only_when_selected() -> None:
    shandong = set(gik_rules.load_ruleset("shandong").codes)
    for code in ("SD101", "SD204", "SD401", "SD402", "SD403"):
        assert code not in shandong
        assert code in gik_rules.load_ruleset("shandong", select=[code]).codes
    assert {"SD201", "SD202", "SD203", "SD301"} <= shandong


def test_narrative_is_folded_as_gik_rules_folds_labels() -> None:
    """One fold: gik_rules.forms.fold, and the zero-width characters of web pages."""
    assert (
        fold("２０２３ 年\u3000山东省\u200b")
        == "2023年山东省"
        == forms_fold("２０２３ 年\u3000山东省")
    )


def test_dates_are_written_by_the_core_helper() -> None:
    """SD101's message writes its date with gik_rules.render.cn_date."""
    meta = ReportMeta(
        organ="沂水县人民政府",
        year=2023,
        level=OrganLevel.GOVERNMENT,
        published=dt.date(2024, 3, 5),
    )
    report = AnnualReport(meta=meta)
    result = gik_rules.check_report(report, gik_rules.load_ruleset("shandong", select=["SD101"]))
    assert [f.message.split("发布")[0] for f in result.findings] == [
        f"县级政府年度报告于{cn_date(meta.published)}"
    ]
    assert cn_date(meta.published) == "2024年3月5日" and not hasattr(data, "cn_date")
