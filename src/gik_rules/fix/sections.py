"""A missing section 六 added from the template, as a ``section-missing`` finding asks.

Only 六 (其他需要报告的事项) is added: the other sections carry the organ's own account and
tables, which no template can supply. ``skeleton`` None: the heading alone (``fix`` adds
that when the template's text, with its 【待填写】 placeholders, would leave more errors
than the missing section).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import attrs

from gik_rules.fix.record import Edit, Fix
from gik_rules.forms.numerals import numeral
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Section
from gik_rules.render.document import paragraphs
from gik_rules.rules.finding import Finding

_DATE = re.compile(
    r"[0-9〇零一二三四五六七八九十]{4}年[0-9〇一二三四五六七八九十]{1,3}月[0-9〇一二三四五六七八九十]{1,3}日"
)


def _last_line(section: Section, organ: str) -> int:
    """The source line a new section goes after: the section's last line of text, not
    counting the organ's name and a date that end it (a signature)."""
    lines = section.text.split("\n")
    mapped = len(section.line_map) == len(lines)
    end = len(lines)
    while end > 0 and (
        not lines[end - 1].strip()
        or " ".join(lines[end - 1].split()) == " ".join(organ.split())
        or _DATE.fullmatch("".join(lines[end - 1].split()))
    ):
        end -= 1
    if not mapped:
        return max((section.line or 0, *section.line_map))
    return section.line_map[end - 1] if end else (section.line or 0)


def _messages(number: int, heading: str, with_text: bool) -> tuple[str, str]:
    if with_text:
        return (
            f"按模板补充第{numeral(number)}部分“{heading}”；请填写其中的【待填写】内容",
            f"added section {number} ({heading}) from the template; fill in its 【待填写】 placeholders",
        )
    return (
        f"补充第{numeral(number)}部分标题“{heading}”；其内容请本机关填写",
        f"added the heading of section {number} ({heading}); its content is the organ's to write",
    )


RULE = "section-missing"
ADDABLE = (6,)


def add_sections(
    report: AnnualReport,
    findings: Iterable[Finding],
    variant: FormVariant,
    heading: Callable[[int, str], str],
    skeleton: Callable[[int], str] | None,
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
        text = skeleton(number) if skeleton else ""
        section = Section(number=number, title=title, heading=heading(number, title), text=text)
        at = next((i for i, s in enumerate(sections) if s.number > number), len(sections))
        edits: tuple[Edit, ...] = ()
        if at > 0 and sections[at - 1].line is not None:
            # in the source, after the last line of the section before, above a signature
            before = sections[at - 1]
            last = _last_line(before, report.meta.organ)
            lines = "\n".join((section.heading, *paragraphs(text)))
            edits = (Edit(last, "", lines, insert=True, like=before.line),)
        sections.insert(at, section)
        present.add(number)
        fixes.append(
            Fix(
                RULE,
                finding.code,
                *_messages(number, section.heading, bool(text)),
                finding.location,
                before=None,
                after=section.heading,
                edits=edits,
            )
        )
    return attrs.evolve(report, sections=tuple(sections)), fixes
