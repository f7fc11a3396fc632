"""Faulty reports made from consistent ones, with the faults ``fix`` is meant to repair."""

from __future__ import annotations

import re

import attrs
from hypothesis import strategies as st

from gik_rules.forms.variant import FormVariant
from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell
from gik_rules.testing import consistent_reports

MARKER = re.compile(r"^（([一二三四五])）")
ARABIC = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5"}


def totals(variant: FormVariant) -> list[str]:
    """Cells that stand alone on one side of an identity."""
    out = {side[0] for i in variant.identities for side in (i.lhs, i.rhs) if len(side) == 1}
    return sorted(out)


@st.composite
def faulty_reports(draw: st.DrawFn, variant: str | None = None) -> AnnualReport:
    """A consistent report with blank totals, a sub-heading or two in another numbering
    style, section titles in known variant wordings and perhaps no section 六."""
    report = draw(consistent_reports(variant))
    form = default_host().variants[report.meta.variant or ""]
    cells = dict(report.cells)
    for cid in draw(st.lists(st.sampled_from(totals(form)), unique=True, max_size=5)):
        cells[cid] = attrs.evolve(
            Cell(raw=draw(st.sampled_from(["", " ", "\u3000"]))), span=cells[cid].span
        )
    sections = []
    for section in report.sections:
        if section.number == 1:
            lines = section.text.split("\n")
            for index in draw(st.lists(st.integers(1, len(lines) - 1), unique=True, max_size=2)):
                numeral = MARKER.match(lines[index])
                assert numeral
                style = draw(st.sampled_from(["（{a}）", "({c})", "（{c}) "]))
                marker = style.format(a=ARABIC[numeral.group(1)], c=numeral.group(1))
                lines[index] = marker + lines[index][numeral.end() :]
            section = attrs.evolve(section, text="\n".join(lines))
        spec = next(s for s in form.sections if s.number == section.number)
        if spec.aliases and draw(st.booleans()):
            title = draw(st.sampled_from(spec.aliases))
            section = attrs.evolve(section, title=title, heading=f"{section.heading[:2]}{title}")
        if section.number == 6 and draw(st.booleans()):
            continue
        sections.append(section)
    return attrs.evolve(report, cells=cells, sections=tuple(sections))
