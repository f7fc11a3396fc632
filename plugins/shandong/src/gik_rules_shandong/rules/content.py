"""Content rules: figures the narrative states, against the tables."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, RuleContext, implements
from gik_rules.rules.locate import cell_label
from gik_rules_shandong.text import sentences

_KIND = r"规章|行政规范性文件|规范性文件"
_FIGURE = re.compile(
    rf"(?:(?P<verb>制发|印发|出台|制定|废止|现行有效)(?:了|的)?(?:(?:市|区|县|省)?政府)?(?P<kind>{_KIND})?"
    rf"|(?P<kind2>{_KIND})(?P<verb2>现行有效))(?:共|计|合计)?(?P<n>\d+)(?:件|份|个)"
)
_KIND_WORD = re.compile(_KIND)
_ASIDE = ("配合", "协助", "参与", "起草", "审核", "备案", "合法性审查")
_ROW = {"规章": "rules", "行政规范性文件": "normative", "规范性文件": "normative"}
_COLUMN = {"制发": "issued", "印发": "issued", "出台": "issued", "制定": "issued"}
_COLUMN |= {"废止": "repealed", "现行有效": "in_force"}


def stated_figures(text: str) -> Iterator[tuple[str, int]]:
    """``(cell id, figure)`` of each 规章/行政规范性文件 figure a sentence states."""
    for match in _FIGURE.finditer(text):
        verb = match["verb"] or match["verb2"]
        kind = match["kind"] or match["kind2"]
        if kind is None:  # “清理废止1件” after “制发行政规范性文件2件”: the kind said before
            before = _KIND_WORD.findall(text, 0, match.start())
            if not before or verb not in ("废止", "现行有效"):
                continue
            kind = before[-1]
        yield f"t2.{_ROW[kind]}.{_COLUMN[verb]}", int(match["n"])


@implements("SD301")
def rules_crosscheck(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    for line in sentences(report):
        if any(word in line.text for word in _ASIDE):
            continue
        for cell_id, figure in stated_figures(line.text):
            cell = report.cells.get(cell_id)
            if cell is None or not cell.is_number or cell.value == figure:
                continue
            label = cell_label(cell_id, variant)
            yield Hit(
                f"正文所述“{label}”为{figure}件，与表二所填{cell.value}件不一致",
                f"the text gives {figure} for {cell_id}, table 二 gives {cell.value}",
                Location(
                    section=line.section,
                    line=line.line,
                    table="t2",
                    cell=cell_id,
                    excerpt=line.text[:120],
                ),
                expected=cell.value,
                actual=figure,
                cells=(cell_id,),
            )
