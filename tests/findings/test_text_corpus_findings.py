"""Golden findings of the real text reports (../shared/corpus/text/) under the national
ruleset, and the real faults the corpus README lists for them.

Files named ``excerpt-`` hold only the opening of a page, so the sections and tables
after the cut are missing by nature: their golden findings say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import gik_rules
from gik_rules.engine import ReportResult
from gik_rules.host import Host
from gik_rules.rules import Severity
from tests.conftest import CORPUS
from tests.findings.golden_files import assert_golden
from tests.ingest.test_text_corpus import NAMES

TEXT = CORPUS / "text"
pytestmark = pytest.mark.skipif(not TEXT.is_dir(), reason=f"the text corpus is not at {TEXT}")


@pytest.fixture(scope="module")
def results(host: Host) -> dict[str, ReportResult]:
    return {name: next(iter(gik_rules.check(TEXT / name, "national", host=host))) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_text_corpus_findings_golden(name: str, results: dict[str, ReportResult]) -> None:
    assert_golden(f"text-{Path(name).stem}.national.json", results[name].findings)


@pytest.mark.parametrize("name", ["pingtan-2019.txt", "pingtan-2022.txt", "pingtan-2024.txt"])
def test_flattened_reports_have_consistent_tables(
    name: str, results: dict[str, ReportResult]
) -> None:
    # Decoded by the identities, the three tables add up: no arithmetic finding, and the
    # table rules looked (they are not skipped).
    result = results[name]
    assert [f for f in result.findings if f.name == "identity-mismatch"] == []
    assert result.statuses["N301"].value == "ok"


def test_flattened_heading_typo_is_found(results: dict[str, ReportResult]) -> None:
    titles = [f for f in results["pingtan-2022.txt"].findings if f.name == "section-title"]
    assert any("行政法复议" in f.message for f in titles)


def test_shanghai_blank_total_column_is_found(results: dict[str, ReportResult]) -> None:
    # The 总计 column is blank in every 办理结果 row: A2 cannot hold there, A1 holds.
    found = [f for f in results["shanghai-govoffice-2019.txt"].findings if f.code == "N301"]
    assert found and all(f.severity is Severity.ERROR for f in found)
    assert not any(f.location.cell and f.location.cell.startswith("t3.new") for f in found)
    assert {f.location.cell for f in found} >= {"t3.open.tot", "t3.none_held.tot"}


def test_no_table_rule_is_ok_where_no_table_was_read(results: dict[str, ReportResult]) -> None:
    result = results["excerpt-shandong-sthjt-2024-spam.txt"]  # its tables are past the cut
    assert result.report is not None and not result.report.cells
    assert result.statuses["N301"].value == "skipped"


def _narrative(result: ReportResult) -> list[tuple[object, object]]:
    return [(f.actual, f.expected) for f in result.findings if f.code == "N401"]


def test_shanghai_narrative_figures(results: dict[str, ReportResult]) -> None:
    # "予以公开及部分公开258件" against 予以公开 + 部分公开 summed over the applicant
    # columns (the 总计 column is blank) and "无法提供265件" against its three rows; the
    # figures that agree (不予公开35件, 不予处理158件) and the gazette's "部门规范性文件45件"
    # (another organ's documents) give nothing.
    found = _narrative(results["shanghai-govoffice-2019.txt"])
    assert sorted(found) == [(258, 275), (265, 337)]
    excerpts = [f.location.excerpt or "" for f in results["shanghai-govoffice-2019.txt"].findings]
    assert not any("部门规范性文件45件" in e for e in excerpts)


def test_pingtan_counts_the_carried_over_case_as_received(
    results: dict[str, ReportResult],
) -> None:
    result = results["pingtan-2022.txt"]
    assert sorted(_narrative(result)) == [(72, 71), (75, 74)]
    assert all("上年结转" in f.message for f in result.findings if f.code == "N401")


def test_ocr_answers_are_read_as_their_outcomes(results: dict[str, ReportResult]) -> None:
    # "同意公开答复 9 件，部分公开答复 0 件 … 转下一\n年度办理答复的有 1 件": each figure is its
    # outcome's, across the OCR's wrapped lines, not 办结's
    result = results["ocr-shanghai-kewei-2024.md"]
    assert _narrative(result) == []
    assert result.statuses["N401"].value == "ok"
