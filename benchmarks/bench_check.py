"""Checking reports in memory: the engine and the national ruleset."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from gik_rules.api import check_report, load_ruleset
from gik_rules.model import AnnualReport
from gik_rules.model.canonical import from_toml, to_toml
from gik_rules.testing import consistent_reports

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
NATIONAL = load_ruleset("national")
IDENTITY = load_ruleset("national", select=["identity-mismatch"])


def _sample(n: int = 20) -> list[AnnualReport]:
    out: list[AnnualReport] = []

    @settings(
        max_examples=n,
        database=None,
        derandomize=True,  # every run measures the same reports
        suppress_health_check=list(HealthCheck),
    )
    @given(consistent_reports())
    def collect(report: AnnualReport) -> None:
        out.append(report)

    collect()
    return out


REPORTS = _sample()
FAULTY = (EXAMPLES / "faulty-2021.toml").read_text(encoding="utf-8")
_i = 0


def _next() -> AnnualReport:
    global _i
    _i = (_i + 1) % len(REPORTS)
    return REPORTS[_i]


CASES = [
    ("check: national ruleset", "reports", lambda: check_report(_next(), NATIONAL)),
    ("check: identity-mismatch only", "reports", lambda: check_report(_next(), IDENTITY)),
    ("canonical: TOML read", "reports", lambda: from_toml(FAULTY)),
    ("canonical: TOML write", "reports", lambda: to_toml(REPORTS[0])),
]
