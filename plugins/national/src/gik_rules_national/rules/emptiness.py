"""Sections that are there but say nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gik_rules.forms import numeral
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.memo import per_context
from gik_rules.textnorm import fold

_NOT_WORDS = re.compile(r"[\W_]+")


@per_context
def _params(ctx: RuleContext) -> tuple[frozenset[int], frozenset[str]]:
    """The sections looked at, and the words that say nothing as a section's text is
    compared with them (worked out once per run, not once per report)."""
    numbers = frozenset(int(n) for n in ctx.params["sections"] if str(n).strip().isdigit())
    nothing = frozenset(_NOT_WORDS.sub("", fold(w)) for w in ctx.params["empty_words"])
    return numbers, nothing


@implements("N110")
def section_empty(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    numbers, nothing = _params(ctx)
    for section in report.sections:
        if section.number not in numbers:
            continue
        words = _NOT_WORDS.sub("", fold(section.text))
        if words and words not in nothing:
            continue
        said = f"只写了“{section.text.strip()}”" if words else "没有内容"
        said_en = f"says only {section.text.strip()!r}" if words else "is empty"
        n = numeral(section.number)
        yield Hit(
            f"第{n}部分“{section.title or section.heading}”{said}",
            f"section {section.number} ({section.title or section.heading}) {said_en}",
            Location(section=section.number, line=section.line, excerpt=section.heading or None),
            actual=section.text.strip(),
        )
