"""The example plugin passes the conformance harness, and its deadline takes effect."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import gik_rules
from gik_rules.model import AnnualReport, OrganLevel, ReportMeta
from gik_rules.testing import assert_plugin_conforms

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_plugin_conforms() -> None:
    report = assert_plugin_conforms("example", prefix="XM", fixtures=FIXTURES)
    assert report.rules == ("XM001", "XM002")


def test_departments_are_late_after_25_january_in_the_example_ruleset() -> None:
    report = AnnualReport(
        meta=ReportMeta(
            organ="示例市商务局",
            year=2023,
            variant="V2021",
            level=OrganLevel.DEPARTMENT,
            published=dt.date(2024, 1, 28),
        )
    )
    late = {f.name for f in gik_rules.check_report(report, "example").findings}
    on_time = {f.name for f in gik_rules.check_report(report, "national").findings}
    assert "published-late" in late
    assert "published-late" not in on_time
