"""Results to format: the examples as ``gik_rules.check_report`` checks them, and a
finding whose text holds everything a format must escape."""

from __future__ import annotations

import attrs
import pytest

import gik_rules
from gik_rules.engine import ReportResult, RuleStatus
from gik_rules.rules.finding import Finding, Location, Severity
from gik_rules.rules.skip import SkipKind, SkipReason
from tests.conftest import REPO

EXAMPLES = ("clean-2019.toml", "clean-2021.toml", "faulty-2021.toml")
#: quotes, markup, percent, CR/LF, commas, colons, an ESC sequence, a C1 CSI, a bidi override
NASTY = 'he said "ok" & <b>50%</b>,\r\nline: two\x1b[31mRED\x1b[0m \x9b2J \u202eevil'


@pytest.fixture(scope="session")
def example_results() -> list[ReportResult]:
    out = []
    for name in EXAMPLES:
        result = gik_rules.check_report(gik_rules.read(REPO / "examples" / name))
        out.append(attrs.evolve(result, source=f"examples/{name}"))
    return out


def nasty_result(source: str = "reports/a, b:c %.toml") -> ReportResult:
    findings = (
        Finding(
            "N401",
            "narrative-table-mismatch",
            Severity.WARNING,
            NASTY,
            "en: " + NASTY,
            Location(section=1, line=7, excerpt=NASTY),
            expected=2,
            actual=1,
        ),
        Finding(
            "N301",
            "identity-mismatch",
            Severity.ERROR,
            NASTY,
            NASTY,
            Location(3, "t3", cell="t3.new.tot"),
        ),
        Finding(
            "N301",
            "identity-mismatch",
            Severity.ERROR,
            NASTY,
            NASTY,
            Location(3, "t3", cell="t3.new.tot"),
        ),
        Finding("N999", "info-rule", Severity.INFO, NASTY, NASTY),
    )
    return ReportResult(
        source,
        None,
        findings,
        {"N301": RuleStatus.FINDINGS, "N401": RuleStatus.FINDINGS, "N202": RuleStatus.SKIPPED},
        skipped={"N202": SkipReason(NASTY, NASTY, SkipKind.NOT_APPLICABLE)},
    )
