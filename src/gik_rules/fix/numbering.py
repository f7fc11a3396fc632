"""Sub-heading numbering made consistent, as the ``numbering-style`` findings ask: the
enumerator a finding names (``actual``) is replaced by the one it expects."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from gik_rules.fix.record import Edit, Fix
from gik_rules.forms.numerals import numeral
from gik_rules.model import AnnualReport
from gik_rules.rules.finding import Finding

RULE = "numbering-style"


def _line_index(lines: list[str], finding: Finding) -> int | None:
    excerpt = (finding.location.excerpt or "").strip()
    actual = str(finding.actual or "")
    for index, line in enumerate(lines):
        text = line.strip()
        if actual and text.startswith(actual) and (not excerpt or text.startswith(excerpt)):
            return index
    return None


def fix_numbering(
    report: AnnualReport, findings: Iterable[Finding]
) -> tuple[AnnualReport, list[Fix]]:
    sections = list(report.sections)
    fixes: list[Fix] = []
    for finding in findings:
        if finding.name != RULE or not finding.actual or not finding.expected:
            continue
        actual, expected = str(finding.actual), str(finding.expected)
        for i, section in enumerate(sections):
            if section.number != finding.location.section:
                continue
            lines = section.text.split("\n")
            index = _line_index(lines, finding)
            if index is None:
                continue
            line = lines[index]
            indent = line[: len(line) - len(line.lstrip())]
            rest = line.strip()[len(actual) :].lstrip()
            lines[index] = f"{indent}{expected}{rest}"
            sections[i] = attrs.evolve(section, text="\n".join(lines))
            source = section.line_map[index] if index < len(section.line_map) else None
            edits = (Edit(source, actual, expected),) if source is not None else ()
            fixes.append(
                Fix(
                    RULE,
                    finding.code,
                    f"第{numeral(finding.location.section or 0)}部分小标题编号“{actual}”改为“{expected}”",
                    f"sub-heading {actual} of section {finding.location.section} renumbered {expected}",
                    finding.location,
                    before=line.strip(),
                    after=lines[index].strip(),
                    edits=edits,
                )
            )
            break
    return attrs.evolve(report, sections=tuple(sections)), fixes
