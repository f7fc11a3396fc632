"""Golden tests: the three published PDF reports of the corpus under the national ruleset,
alone and as a dataset (../shared/corpus/README.md lists their real faults).

- huaian-city-2024: consistent tables, narrative agreeing with them: no error finding
  from the table rules.
- huaian-hongze-district-2023: table 四 totals of 行政复议 and 复议后起诉 are 0; table 三
  prints the 2019-era single （六） row in a 2023 report; the label typo
  “其他法律行政止公开” is still matched.
- huaian-hongze-district-2024: the narrative's 17 applications against the table's 95;
  the same single （六） row.
- 2023 and 2024 of 洪泽区 together (a manifest says the two names are one organ): the
  carry-over and the stock of 行政规范性文件 are consistent; 40% of the 2024 narrative
  repeats 2023, below the text-reuse threshold.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import gik_rules
from gik_rules.engine import ReportResult, check_dataset
from gik_rules.host import Host
from gik_rules.ingest.manifest import load_manifest
from gik_rules.ingest.reader import read_path
from gik_rules.rules import Finding, Severity
from gik_rules.ruleset import load_ruleset
from tests.conftest import CORPUS
from tests.findings.golden_files import assert_golden

NAMES = ("huaian-city-2024", "huaian-hongze-district-2023", "huaian-hongze-district-2024")
TABLE_GROUPS = {"tables", "arithmetic"}

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("gik_rules.ingest.pdf_reader") is None,
        reason="the PDF reader (gik_rules.ingest.pdf_reader) is not installed",
    ),
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the corpus is not at {CORPUS}"),
]


@pytest.fixture(scope="module")
def results(host: Host) -> dict[str, ReportResult]:
    out = {}
    for name in NAMES:
        (result,) = gik_rules.check(CORPUS / f"{name}.pdf", "national", host=host)
        out[name] = result
    return out


def _named(result: ReportResult, name: str) -> list[Finding]:
    return [f for f in result.findings if f.name == name]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_findings_golden(name: str, results: dict[str, ReportResult]) -> None:
    assert_golden(f"{name}.national.json", results[name].findings)


def test_city_2024_passes_the_table_rules(results: dict[str, ReportResult], host: Host) -> None:
    result = results["huaian-city-2024"]
    table_errors = [
        f
        for f in result.findings
        if f.severity is Severity.ERROR and TABLE_GROUPS & set(host.rules[f.code].groups)
    ]
    assert table_errors == []
    assert _named(result, "narrative-table-mismatch") == []  # 3119 / 3050 / 34 / 103 agree


def test_hongze_2023_table_four_totals(results: dict[str, ReportResult]) -> None:
    found = _named(results["huaian-hongze-district-2023"], "identity-mismatch")
    assert [(f.location.cell, f.expected, f.actual) for f in found] == [
        ("t4.review.total", 11, 0),
        ("t4.suit_after.total", 5, 0),
    ]
    assert all(f.location.section == 4 and f.location.page == 4 for f in found)


@pytest.mark.parametrize("name", NAMES[1:])
def test_hongze_single_row_six_is_a_mixed_signature(
    name: str, results: dict[str, ReportResult]
) -> None:
    (finding,) = _named(results[name], "mixed-signature")
    assert finding.severity is Severity.ERROR
    assert finding.location.cell == "t3.other.np"
    assert (finding.expected, finding.actual) == ("V2021", "V2019")
    assert "（六）其他处理" in finding.message


@pytest.mark.parametrize("name", NAMES[1:])
def test_hongze_label_typo_is_still_matched(name: str, results: dict[str, ReportResult]) -> None:
    report = results[name].report
    assert report is not None
    assert report.cell("t3.deny_law.tot").is_number
    assert _named(results[name], "row-unmatched") == []


def test_hongze_2024_narrative_against_table(results: dict[str, ReportResult]) -> None:
    (finding,) = _named(results["huaian-hongze-district-2024"], "narrative-table-mismatch")
    assert (finding.expected, finding.actual) == (95, 17)
    assert finding.location.section == 1 and finding.location.line == 20
    assert "受理政府信息公开申请17件" in (finding.location.excerpt or "")


def test_hongze_years_as_a_dataset(tmp_path: Path, host: Host) -> None:
    manifest = tmp_path / "gik-dataset.toml"
    manifest.write_text(
        '[[organ]]\nid = "320813"\nnames = ["洪泽区人民政府", "淮安市洪泽区人民政府"]\n'
        'level = "government"\n',
        encoding="utf-8",
    )
    known = load_manifest(manifest)
    reads = [
        known.apply(read) for name in NAMES[1:] for read in read_path(CORPUS / f"{name}.pdf", host)
    ]
    reports = [r.report for r in reads if r.report is not None]
    assert [r.meta.organ_id for r in reports] == ["320813", "320813"]
    national = load_ruleset("national", host.rules, host.rulesets)
    result = check_dataset(reports, national, host.variants, keys=list(NAMES[1:]))
    assert {k: list(v) for k, v in result.findings.items()} == {n: [] for n in NAMES[1:]}
    assert all(s == "ok" for s in (result.statuses[NAMES[2]][c].value for c in ("N801", "N802")))
    strict = tmp_path / "strict.toml"
    strict.write_text(
        '[ruleset]\nextends = ["national"]\nselect = ["text-reuse"]\n'
        "[params.text-reuse]\nthreshold = 0.3\n",
        encoding="utf-8",
    )
    lowered = load_ruleset(str(strict), host.rules, host.rulesets)
    reuse = check_dataset(reports, lowered, host.variants, keys=list(NAMES[1:]))
    (finding,) = reuse.findings[NAMES[2]]
    assert finding.actual == "39.5%"  # measured: 2024 repeats 39.5% of 2023's 8-grams
    assert "各部分" in finding.message
