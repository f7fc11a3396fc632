"""Checks of the example rules: pure functions of a report and the rule's context."""

from __future__ import annotations

from collections.abc import Iterator

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements


@implements("XM001")
def date_missing(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    if report.meta.published is None:
        yield Hit("报告未注明日期，无法核对是否按时发布", "the report is not dated", Location())


@implements("XM002")
def overview_short(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    overview = report.section(1)
    if overview is None:
        return  # a missing section is the national rule section-missing's to report
    length = len("".join(overview.text.split()))
    minimum = int(ctx.params["min_chars"])
    if length < minimum:
        yield Hit(
            f"总体情况仅{length}字，少于{minimum}字",
            f"总体情况 has {length} characters, fewer than {minimum}",
            Location(section=1, line=overview.line),
            expected=f"≥ {minimum}",
            actual=length,
        )
