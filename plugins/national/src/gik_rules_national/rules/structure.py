"""Structure rules: the six sections and their order."""

from __future__ import annotations

from collections.abc import Iterator

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.locate import numeral

OFFICIAL_TITLES = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}


def _titles(ctx: RuleContext, report: AnnualReport) -> dict[int, str]:
    variant = ctx.variant_of(report)
    if variant is None:
        return OFFICIAL_TITLES
    return {s.number: s.label for s in variant.sections}


@implements("N101")
def section_missing(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    present = {s.number for s in report.sections}
    for number, title in _titles(ctx, report).items():
        if number in present:
            continue
        before = [s for s in report.sections if s.number < number]
        after = f"，应位于第{numeral(before[-1].number)}部分之后" if before else ""
        after_en = f"; it belongs after section {before[-1].number}" if before else ""
        yield Hit(
            f"缺少第{numeral(number)}部分“{numeral(number)}、{title}”{after}",
            f"section {number} ({title}) is missing{after_en}",
            Location(section=number, line=before[-1].line if before else None),
            expected=f"{numeral(number)}、{title}",
        )


@implements("N102")
def section_order(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    highest = 0
    seen: set[int] = set()
    for section in report.sections:
        if section.number in seen:
            yield Hit(
                f"第{numeral(section.number)}部分重复出现：“{section.heading}”",
                f"section {section.number} appears twice: {section.heading!r}",
                Location(section=section.number, line=section.line),
            )
        elif section.number < highest:
            yield Hit(
                f"第{numeral(section.number)}部分“{section.heading}”出现在第{numeral(highest)}部分之后",
                f"section {section.number} ({section.heading}) comes after section {highest}",
                Location(section=section.number, line=section.line),
                expected=f"after section {section.number - 1}",
                actual=f"after section {highest}",
            )
        seen.add(section.number)
        highest = max(highest, section.number)
