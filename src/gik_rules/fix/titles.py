"""Official section titles restored, as the ``section-title`` findings ask."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from gik_rules.fix.record import Edit, Fix
from gik_rules.forms.numerals import numeral
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules.finding import Finding

RULE = "section-title"
Heading = Callable[[int, str], str]


def fix_titles(
    report: AnnualReport, findings: Iterable[Finding], variant: FormVariant, heading: Heading
) -> tuple[AnnualReport, list[Fix]]:
    official = {s.number: s.label for s in variant.sections}
    wanted = {f.location.section: f for f in findings if f.name == RULE}
    sections = list(report.sections)
    fixes: list[Fix] = []
    for i, section in enumerate(sections):
        finding = wanted.get(section.number)
        title = official.get(section.number)
        if finding is None or title is None or section.title == title:
            continue
        new = heading(section.number, title)
        sections[i] = attrs.evolve(section, title=title, heading=new)
        # in the source, only the title is replaced: the numeral stays as written
        edits = (
            (Edit(section.line, section.title, title),)
            if section.line is not None and section.title
            else ()
        )
        fixes.append(
            Fix(
                RULE,
                finding.code,
                f"第{numeral(section.number)}部分标题“{section.heading or section.title}”恢复为官方标题“{new}”",
                f"section {section.number} title {section.heading or section.title!r} restored to {new!r}",
                finding.location,
                before=section.heading or section.title,
                after=new,
                edits=edits,
            )
        )
    return attrs.evolve(report, sections=tuple(sections)), fixes
