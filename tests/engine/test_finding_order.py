"""Findings sort in document order: the title and the preamble before section 一, whether
or not a finding carries a source line."""

from __future__ import annotations

from pathlib import Path

import attrs

import gik_rules
from gik_rules.api import check_report, load_ruleset
from gik_rules.host import Host
from gik_rules.model import AnnualReport
from gik_rules.render import render_report
from gik_rules.rules import Finding, Location, Severity
from tests.conftest import REPO

WRONG_NAME = "本报告根据《政府信息公开条例》编制。"


def _finding(code: str, location: Location) -> Finding:
    return Finding(code, "x", Severity.WARNING, "m", "m", location)


def _clean() -> AnnualReport:
    return gik_rules.read(REPO / "examples" / "clean-2021.toml")


def _faulty(report: AnnualReport) -> AnnualReport:
    """The preamble cites the ordinance by a wrong name (N701 in the preamble), the
    statistics period is gone (N106) and section 六 says nothing of fees (N503)."""
    six = report.section(6)
    assert six is not None
    sections = tuple(
        attrs.evolve(
            s, text=s.text.replace("信息处理费", "").replace("收费", "").replace("收取", "")
        )
        if s.number == 6
        else s
        for s in report.sections
    )
    return attrs.evolve(report, preamble=WRONG_NAME, sections=sections)


def test_sort_key_puts_title_then_preamble_first() -> None:
    findings = [
        _finding("N999", Location(ref="publication date")),
        _finding("N503", Location(section=6, line=80)),
        _finding("N701", Location(ref="preamble")),  # preamble passages carry no line
        _finding("N101", Location(section=1)),
        _finding("P009", Location(line=200)),  # a line but no section: not before 一
        _finding("N104", Location(ref="title", line=1)),
    ]
    ordered = [f.code for f in sorted(findings, key=Finding.sort_key)]
    assert ordered == ["N104", "N701", "N101", "N503", "P009", "N999"]


def test_preamble_findings_come_first_in_a_report_without_lines() -> None:
    result = check_report(_faulty(_clean()), load_ruleset("national"))
    codes = [f.code for f in result.findings]
    assert {"N106", "N701", "N503"} <= set(codes)
    assert codes.index("N106") < codes.index("N503")
    assert codes.index("N701") < codes.index("N503")
    assert all(f.location.ref == "preamble" for f in result.findings[:2])


def test_preamble_findings_come_first_in_a_text_report(tmp_path: Path, host: Host) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(render_report(_faulty(_clean()), "txt", host=host))
    (result,) = gik_rules.check(path, "national", host=host)
    codes = [f.code for f in result.findings]
    assert {"N106", "N701", "N503"} <= set(codes), codes
    preamble = [f for f in result.findings if f.location.ref == "preamble"]
    assert [f.code for f in result.findings[: len(preamble)]] == [f.code for f in preamble]
    assert {f.code for f in preamble} == {"N106", "N701"}
    sixth = next(f for f in result.findings if f.code == "N503")
    assert sixth.location.line is not None  # the text report has lines; still after


def test_missing_statistics_period_borrows_no_line(seed_path: Path, host: Host) -> None:
    (result,) = gik_rules.check(seed_path, "national", host=host)
    (period,) = [f for f in result.findings if f.code == "N106"]
    assert period.location == Location(ref="preamble")
