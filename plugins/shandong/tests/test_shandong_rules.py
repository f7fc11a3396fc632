"""Shandong rules as a user meets them: on generated reports, and against the data files."""

from __future__ import annotations

import attrs
import pytest
from gik_rules_shandong import data
from gik_rules_shandong.rules.publication import county_level
from hypothesis import given, settings
from hypothesis import strategies as st

import gik_rules
from gik_rules.model import AnnualReport, ReportMeta, Section
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


@pytest.mark.parametrize(
    "city", data.load("deadlines")["county_government_early"]["county_level_cities"]
)
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
