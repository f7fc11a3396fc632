"""A missing section 六 added from the template, as a ``section-missing`` finding asks.

Only 六 (其他需要报告的事项) is added: the other sections carry the organ's own account and
tables, which no template can supply.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import attrs

from gik_rules.fix.record import Fix
from gik_rules.forms.numerals import numeral
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Section
from gik_rules.rules.finding import Finding

RULE = "section-missing"
ADDABLE = (6,)


def add_sections(
    report: AnnualReport,
    findings: Iterable[Finding],
    variant: FormVariant,
    heading: Callable[[int, str], str],
    skeleton: Callable[[int], str],
) -> tuple[AnnualReport, list[Fix]]:
    titles = {s.number: s.label for s in variant.sections}
    present = {s.number for s in report.sections}
    sections = list(report.sections)
    fixes: list[Fix] = []
    for finding in findings:
        number = finding.location.section
        if finding.name != RULE or number not in ADDABLE or number in present:
            continue
        title = titles.get(number)
        if title is None:
            continue
        section = Section(
            number=number, title=title, heading=heading(number, title), text=skeleton(number)
        )
        at = next((i for i, s in enumerate(sections) if s.number > number), len(sections))
        sections.insert(at, section)
        present.add(number)
        fixes.append(
            Fix(
                RULE,
                finding.code,
                f"按模板补充第{numeral(number)}部分“{section.heading}”；请填写其中的【待填写】内容",
                f"added section {number} ({section.heading}) from the template; fill in its 【待填写】 placeholders",
                finding.location,
                before=None,
                after=section.heading,
            )
        )
    return attrs.evolve(report, sections=tuple(sections)), fixes
