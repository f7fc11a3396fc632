"""Golden test: the seed report under the national ruleset (issue: the rule catalogue).

The seed is a 2020 report of a 区商务局 in the 2019 format: section 六 is missing,
section 五 has an unofficial title, one sub-heading of section 一 is numbered (4) among
（一）…（七）, the title is not “…政府信息公开工作年度报告”, tables 三 and 四 are mostly
blank, and the totals that are filled in are consistent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gik_rules
from gik_rules.engine import ReportResult
from gik_rules.host import Host
from gik_rules.rules import Finding, Severity
from tests.findings.golden_files import assert_golden


@pytest.fixture(scope="module")
def result(seed_path: Path, host: Host) -> ReportResult:
    (only,) = gik_rules.check(seed_path, "national", host=host)
    return only


def _one(result: ReportResult, name: str) -> Finding:
    found = [f for f in result.findings if f.name == name]
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def test_section_six_is_missing(result: ReportResult) -> None:
    finding = _one(result, "section-missing")
    assert finding.severity is Severity.ERROR
    assert finding.location.section == 6
    assert finding.location.line == 401  # after section 五, the last section present


def test_section_five_title_differs_from_the_official_one(result: ReportResult) -> None:
    finding = _one(result, "section-title")
    assert (finding.location.section, finding.location.line) == (5, 401)
    assert finding.actual == "五、存在的问题及改进情况"
    assert finding.expected == "五、存在的主要问题及改进情况"


def test_the_arabic_four_among_chinese_numerals(result: ReportResult) -> None:
    finding = _one(result, "numbering-style")
    assert (finding.location.section, finding.location.line) == (1, 11)
    assert (finding.actual, finding.expected) == ("（4）", "（四）")


def test_the_title_is_outside_the_mandated_pattern(result: ReportResult) -> None:
    finding = _one(result, "report-title")
    assert finding.actual == "2020年度政府信息公开年度报告"
    assert finding.location.ref == "title"


def test_blank_cells_of_tables_three_and_four(result: ReportResult) -> None:
    blanks = [f for f in result.findings if f.name == "blank-cell"]
    assert [(f.location.table, f.location.section) for f in blanks] == [("t3", 3), ("t4", 4)]
    assert all(f.severity is Severity.WARNING for f in blanks)
    assert all("核对合计时已按0计算" in f.message for f in blanks)
    assert all("blanks taken as zero" in f.message_en for f in blanks)
    assert blanks[0].location.line == 113 and blanks[1].location.line == 384


def test_no_identity_mismatch_since_the_totals_are_consistent(result: ReportResult) -> None:
    assert [f for f in result.findings if f.name == "identity-mismatch"] == []


def test_every_finding_is_located(result: ReportResult) -> None:
    for finding in result.findings:
        assert finding.location.describe(), finding.code


def test_seed_findings_golden(result: ReportResult) -> None:
    assert_golden("seed-000_e77c82452743db18.national.json", result.findings)
