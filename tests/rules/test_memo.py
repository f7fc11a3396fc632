"""A view of a report that several rules read is worked out once for that report."""

from __future__ import annotations

import attrs

from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules.memo import per_report


def test_a_view_is_kept_for_its_report_and_worked_out_again_for_another() -> None:
    calls: list[str] = []

    @per_report
    def title(report: AnnualReport) -> str:
        calls.append(report.preamble)
        return report.preamble.upper()

    first = AnnualReport(meta=ReportMeta(), preamble="a")
    equal = AnnualReport(meta=ReportMeta(), preamble="a")  # equal, another object
    edited = attrs.evolve(first, preamble="b")
    assert [title(first), title(first), title(equal), title(edited), title(first)] == [
        "A",
        "A",
        "A",
        "B",
        "A",
    ]
    assert calls == ["a", "a", "b", "a"]
