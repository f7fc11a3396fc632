"""The fees the text states against table 二 （八） 行政事业性收费."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from gik_rules.rules import Hit, RuleContext, Skip, implements
from gik_rules_national.grammar import comparisons, name, number, where

if TYPE_CHECKING:
    from gik_rules.model import AnnualReport


def _yuan(value: Decimal) -> str:
    """An amount in 元 as the findings write it: in 万元 from 10,000 元 up."""
    if abs(value) >= 10000:
        return f"{number(value / 10000)}万元"
    return f"{number(value)}元"


@implements("N505")
def fee_statement_table(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    if variant is None:
        raise Skip("报告的表格格式不详", "the form variant is unknown")
    for passage, outcome in comparisons(report, variant, "amount"):
        if not outcome.mismatches:  # most passages: nothing to import a kind for
            continue
        from gik_rules.narrative.compare import MismatchKind  # when needed (start-up)

        for mismatch in outcome.mismatches:
            if mismatch.kind is not MismatchKind.FIGURE:
                continue
            item = mismatch.statement
            text = passage.folded.text[item.start : item.end]
            cells = where(mismatch.cells, variant)
            table, said = _yuan(mismatch.table), _yuan(mismatch.stated)
            what, what_en = name(item), name(item, english=True)
            if item.zero:
                message = f"正文称未收取{what.removesuffix('金额')}（“{text}”），而{cells}为{table}"
                message_en = (
                    f"the text says no {what_en} were collected ({text!r}); the table gives {table}"
                )
            elif mismatch.table == 0:
                message = f"正文称收取{what.removesuffix('金额')}{said}（“{text}”），而{cells}为0"
                message_en = f"the text states {said} of {what_en} ({text!r}); the table gives 0"
            else:
                message = f"正文所述{what}（“{text}”）为{said}，与{cells}的{table}不一致"
                message_en = (
                    f"the text states {said} of {what_en} ({text!r}); the table gives {table}"
                )
            yield Hit(
                message,
                message_en,
                passage.location(item.start, item.end),
                expected=table,
                actual=said,
                cells=mismatch.cells,
            )
