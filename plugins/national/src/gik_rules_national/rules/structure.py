"""Structure rules: the six sections, their order and titles, the report title."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gik_rules.forms import numeral
from gik_rules.forms.labels import fold, normalise_label
from gik_rules.forms.per_variant import per_variant
from gik_rules.forms.variant import FormVariant, SectionSpec
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements


def _sections(ctx: RuleContext, report: AnnualReport) -> dict[int, SectionSpec]:
    """The sections a report should have, by number: those of its own form variant, else
    of the variant of its year, else of the newest variant (all name the six alike)."""
    variant = (
        ctx.variant_of(report)
        or ctx.expected_variant(report.meta.year)
        or max(ctx.variants.values(), key=lambda v: (v.first_year, v.id), default=None)
    )
    return _by_number(variant) if variant else {}


@per_variant
def _by_number(variant: FormVariant) -> dict[int, SectionSpec]:
    return {s.number: s for s in variant.sections}


@implements("N101")
def section_missing(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    present = {s.number for s in report.sections}
    for number, spec in _sections(ctx, report).items():
        if number in present:
            continue
        title = spec.label
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


@implements("N103")
def section_title(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    own = ctx.variant_of(report)
    specs = _sections(ctx, report)
    for section in report.sections:
        spec = specs.get(section.number)
        if spec is None:
            continue
        official = spec.label
        key = normalise_label(section.title)
        if key == normalise_label(official):
            continue
        # a known variant of a title is recognised only in the report's own format
        known = own is not None and key in spec.keys
        if known and ctx.params["accept_known_variants"]:
            continue
        n = numeral(section.number)
        if known:
            message = f"第{n}部分标题“{section.title}”是常见的变体写法，官方标题为“{official}”"
            message_en = (
                f"the title of section {section.number} ({section.title}) is a known variant "
                f"of the official title {official}"
            )
        else:
            message = f"第{n}部分标题“{section.title}”与官方标题“{official}”不一致"
            message_en = (
                f"the title of section {section.number} ({section.title}) differs from the "
                f"official title {official}"
            )
        yield Hit(
            message,
            message_en,
            Location(section=section.number, line=section.line, excerpt=section.heading),
            expected=f"{n}、{official}",
            actual=section.heading or section.title,
        )


_TITLE = re.compile(
    r"^(?P<organ>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<mid>.*?)政府信息公开工作年度报告$"
)


def _title_location(report: AnnualReport) -> Location:
    """Where the title stands (made for a finding only: most titles have none)."""
    span = report.meta.title_span
    return Location(
        line=span.line if span else None,
        page=span.page if span else None,
        ref="title",
        excerpt=report.meta.title or None,
    )


@implements("N104")
def report_title(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    title = fold(report.meta.title)
    pattern = "YYYY年…政府信息公开工作年度报告"
    if not title:
        yield Hit(
            f"未找到报告标题；标题应为“{pattern}”的形式",
            f"the report has no title; it should read “{pattern}”",
            _title_location(report),
            expected=pattern,
        )
        return
    match = _TITLE.match(title)
    if match is None:
        yield Hit(
            f"报告标题“{report.meta.title}”不符合“{pattern}”的规定形式",
            f"the title {report.meta.title!r} does not follow the pattern “{pattern}”",
            _title_location(report),
            expected=pattern,
            actual=report.meta.title,
        )
        return
    year = int(match["year"])
    if report.meta.year is not None and year != report.meta.year:
        yield Hit(
            f"报告标题中的年度{year}年与报告年度{report.meta.year}年不一致",
            f"the title names the year {year}, the report is on {report.meta.year}",
            _title_location(report),
            expected=report.meta.year,
            actual=year,
        )
