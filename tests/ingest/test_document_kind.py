"""Telling annual reports from 2008-era reports and from text that is no report."""

from __future__ import annotations

import pytest

from gik_rules.ingest.document_kind import DocumentKind, document_kind
from tests.conftest import CORPUS, SEED

REPORT = (
    "淮安市人民政府2024年政府信息公开工作年度报告\n"
    "一、总体情况\n2024年，市政府认真落实《条例》……\n"
    "二、主动公开政府信息情况\n第二十条第(一)项\n"
)


def test_an_annual_report() -> None:
    assert document_kind(REPORT) == DocumentKind.ANNUAL_REPORT
    assert document_kind(REPORT) == "annual-report"


def test_an_excerpt_without_a_title() -> None:
    text = "本报告由某局编制。\n一、总体情况\n……\n二、主动公开政府信息情况\n"
    assert document_kind(text) == DocumentKind.ANNUAL_REPORT


def test_traditional_characters() -> None:
    text = "麻陽縣某鄉人民政府2022年政府信息公開工作年度報告\n一、總體情況\n"
    assert document_kind(text) == DocumentKind.ANNUAL_REPORT


def test_a_report_under_the_2008_ordinance() -> None:
    table = "指标名称 计量单位 统计数\n主动公开政府信息数 条 120\n"
    text = "某县人民政府政府信息公开工作年度报告\n一、概述\n" + table
    assert document_kind(text) == DocumentKind.PRE_2019_REPORT


def test_a_report_for_2018() -> None:
    text = "某县人民政府2018年政府信息公开工作年度报告\n一、概述\n二、主动公开政府信息情况\n"
    assert document_kind(text) == DocumentKind.PRE_2019_REPORT


@pytest.mark.parametrize(
    "text",
    [
        "鸡蛋 12个\n牛奶 2盒\n面包\n",  # a shopping list
        "今天天气很好，我们去公园散步，看到了许多花。\n",  # an arbitrary article
        "关于推进政务公开工作的通知\n各单位：现就有关事项通知如下。\n",  # no report
        "",
    ],
)
def test_not_a_report(text: str) -> None:
    assert document_kind(text) == DocumentKind.NOT_A_REPORT


def test_a_side_by_side_comparison_of_two_years() -> None:
    text = (
        "2022年某局政府信息公开工作年度报告 | 2023年某局政府信息公开工作年度报告\n"
        "一、总体情况 | 一、总体情况\n"
    )
    assert document_kind(text) == DocumentKind.NOT_A_REPORT


def test_a_comparison_export() -> None:
    text = (
        "文本对比结果\n2022年某局政府信息公开工作年度报告\n一、总体情况\n"
        "2023年某局政府信息公开工作年度报告\n一、总体情况\n"
    )
    assert document_kind(text) == DocumentKind.NOT_A_REPORT


def test_a_diff() -> None:
    text = (
        "--- a/2022.txt\n+++ b/2023.txt\n@@ -1,3 +1,3 @@ \n"
        "-2022年某局政府信息公开工作年度报告\n+2023年某局政府信息公开工作年度报告\n 一、总体情况\n"
    )
    assert document_kind(text) == DocumentKind.NOT_A_REPORT


def test_the_same_title_twice_is_one_report() -> None:
    text = (
        "标题: 某区2022年度政府信息公开工作年度报告\n某区2022年政府信息公开工作年度报告\n"
        + REPORT.split("\n", 1)[1]
    )
    assert document_kind(text) == DocumentKind.ANNUAL_REPORT


REAL = sorted(p.name for p in (CORPUS / "text").glob("*.*") if p.suffix in {".txt", ".md"})


@pytest.mark.parametrize("name", REAL or ["(absent)"])
def test_every_real_text_is_an_annual_report(name: str) -> None:
    path = CORPUS / "text" / name
    if not path.exists():
        pytest.skip(f"the corpus is not at {CORPUS} (../shared/corpus beside the repository)")
    text = path.read_text(encoding="utf-8")
    assert document_kind(text) == DocumentKind.ANNUAL_REPORT
    assert document_kind(text[:2000]) == DocumentKind.ANNUAL_REPORT


def test_the_seed_is_an_annual_report() -> None:
    if not SEED.exists():
        pytest.skip(f"the seed report is not at {SEED} (../shared beside the repository)")
    assert document_kind(SEED.read_text(encoding="utf-8")) == DocumentKind.ANNUAL_REPORT
