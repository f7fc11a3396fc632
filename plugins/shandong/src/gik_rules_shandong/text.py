"""Finding words in a report's narrative, with the section and source line they stand on.

Patterns are matched on the project's fold (``gik_rules.textnorm.fold``: NFKC, spaces,
zero-width characters and injected spam dropped, traditional characters simplified:
``２０２３ 年`` reads ``2023年``); every match is located in the preamble or a section by
its source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from gik_rules.model import AnnualReport
from gik_rules.rules import Location
from gik_rules.textnorm import fold as fold  # the rules import it from here

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")


@attrs.frozen(slots=True)
class Line:
    """One folded line of narrative and where it stands."""

    text: str
    section: int | None  # None: the preamble (between the title and section 一)
    line: int | None

    def location(self) -> Location:
        return Location(
            section=self.section,
            line=self.line,
            ref="preamble" if self.section is None else None,
            excerpt=self.text[:120],
        )


def lines(report: AnnualReport, sections: tuple[int, ...] | None = None) -> Iterator[Line]:
    """The folded lines of the preamble (unless ``sections`` is given) and of each section."""
    if sections is None:
        for raw in report.preamble.splitlines():
            if raw.strip():
                yield Line(fold(raw), None, None)
    for section in report.sections:
        if sections is not None and section.number not in sections:
            continue
        for index, raw in enumerate(section.text.splitlines()):
            if raw.strip():
                line = section.line_map[index] if index < len(section.line_map) else section.line
                yield Line(fold(raw), section.number, line)


def sentences(report: AnnualReport, sections: tuple[int, ...] | None = None) -> Iterator[Line]:
    """Each sentence (ended by 。；！？ or a line break) of ``lines``."""
    for line in lines(report, sections):
        for match in _SENTENCE.finditer(line.text):
            if match.group().strip():
                yield attrs.evolve(line, text=match.group())


def whole(report: AnnualReport) -> str:
    """All the narrative, folded, as one string."""
    return "\n".join(line.text for line in lines(report))
