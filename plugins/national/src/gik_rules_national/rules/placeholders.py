"""Template text left in a report."""

from __future__ import annotations

from collections.abc import Iterator

from gik_rules.forms import numeral
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.memo import per_context


def _excerpt(text: str, at: int) -> str:
    end = text.find("】", at)
    end = end + 1 if 0 <= end - at <= 60 else min(len(text), at + 20)
    return text[at:end]


@implements("N107")
def template_text_unfilled(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    markers = _markers(ctx)
    if not _holds_one(report, markers):
        return
    places: list[tuple[str, str | None, str, int | None]] = [  # where, ref, text, section
        ("标题", "title", report.meta.title, None),
        ("报告开头", "preamble", report.preamble, None),
    ]
    places += [(f"第{numeral(s.number)}部分", None, s.text, s.number) for s in report.sections]
    for where, ref, text, number in places:
        for marker in markers:
            start = text.find(marker)
            while start >= 0:
                location = _place(report, ref, number)
                line = location.line
                if number is not None:
                    section = report.section(number)
                    line = section.line_of(start) if section else None
                excerpt = _excerpt(text, start)
                yield Hit(
                    f"{where}仍有未替换的模板文字“{excerpt}”",
                    f"template text {excerpt!r} was left in the report ({location.ref or f'section {number}'})",
                    Location(
                        section=location.section, ref=location.ref, line=line, excerpt=excerpt
                    ),
                    actual=excerpt,
                )
                start = text.find(marker, start + len(marker))


@per_context
def _markers(ctx: RuleContext) -> tuple[str, ...]:
    """The markers (an empty one marks nothing)."""
    return tuple(str(m) for m in ctx.params["markers"] if m)


def _holds_one(report: AnnualReport, markers: tuple[str, ...]) -> bool:
    """Whether the title, preamble and sections joined hold one of ``markers``: a
    report with none (most) is not walked place by place. (One found across two of
    them is in none: that report is walked for nothing.)"""
    every = "\n".join([report.meta.title, report.preamble, *(s.text for s in report.sections)])
    return any(m in every for m in markers)


def _place(report: AnnualReport, ref: str | None, number: int | None) -> Location:
    """Where a place of the report is (made only for a place that holds template text)."""
    span = report.meta.title_span if ref == "title" else None
    return Location(section=number, ref=ref, line=span.line if span else None)
