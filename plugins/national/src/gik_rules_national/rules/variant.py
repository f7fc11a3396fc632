"""Variant rules: the format a report follows against the format of its year."""

from __future__ import annotations

from collections.abc import Iterator

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements


def _mismatch(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    expected = ctx.expected_variant(report.meta.year)
    actual = report.meta.variant
    if expected is None or actual is None or actual == expected.id:
        return
    found = ctx.variants.get(actual)
    yield Hit(
        f"{report.meta.year}年度报告应使用{expected.basis}印发的格式（{expected.id}），"
        f"但表格采用了{found.basis if found else actual}的格式（{actual}）",
        f"a {report.meta.year} report should use the {expected.id} format ({expected.basis}); "
        f"its tables follow {actual}",
        Location(
            section=2,
            table="t2",
            line=(
                report.tables["t2"].span.line
                if "t2" in report.tables and report.tables["t2"].span
                else None
            ),
        ),
        expected=expected.id,
        actual=actual,
    )


@implements("N201")
def form_variant_mismatch(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield from _mismatch(report, ctx)


@implements("N202")
def form_variant_2019(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield from _mismatch(report, ctx)
