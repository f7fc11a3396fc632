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
