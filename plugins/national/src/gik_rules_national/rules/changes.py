"""Changes the narrative states against last year's report (较上年增长10%, 同比增加2件):
a dataset rule, since last year's figures are in another report."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from gik_rules.forms.derive import derived_sum
from gik_rules.rules import Hit, RuleContext, implements
from gik_rules.rules.dataset import consecutive, subject
from gik_rules_national.grammar import name, number, resolver, stated

if TYPE_CHECKING:
    from gik_rules.forms.variant import FormVariant
    from gik_rules.model import AnnualReport
    from gik_rules.narrative import Change, Statement


def _figure(report: AnnualReport, variant: FormVariant, statement: Statement) -> Decimal | None:
    options = resolver(variant).cells(statement)
    if len(options) != 1:
        return None
    total, _ = derived_sum(report.cells, options[0], variant)
    return None if total is None else Decimal(total)


def _agrees(change: Change, before: Decimal, now: Decimal) -> tuple[bool, str, str]:
    """Whether the stated change is the tables' ``now − before``, and the two as text."""
    stated_value = change.value * change.direction
    if change.percent:
        if before == 0:
            return True, "", ""
        actual = (now - before) * 100 / before
        places = change.decimals
        agrees = abs(actual - stated_value) < Decimal(10) ** -places
        return agrees, f"{stated_value:+.{places}f}%", f"{actual:+.{places}f}%"
    actual = now - before
    return actual == stated_value, f"{number(stated_value):+}", f"{number(actual):+}"


@implements("N807")
def narrative_change_mismatch(reports: Sequence[AnnualReport], ctx: RuleContext) -> Iterator[Hit]:
    for prev, cur in consecutive(reports):
        variant, old_variant = ctx.variant_of(cur), ctx.variant_of(prev)
        if variant is None or old_variant is None:
            continue
        for passage, found in stated(cur):
            for statement in found:
                change = statement.change
                if change is None or not change.yearly or statement.columns:
                    continue
                if resolver(variant).categories(statement.categories)[0].measure != "count":
                    continue
                now = _figure(cur, variant, statement)
                before = _figure(prev, old_variant, statement)
                if now is None or before is None:
                    continue
                agrees, said, actual = _agrees(change, before, now)
                if agrees:
                    continue
                what, what_en = name(statement), name(statement, english=True)
                text = passage.folded.text[statement.start : change.end]
                yield Hit(
                    f"正文称{what}较上年变化{said}（“{text}”），而按本年与{prev.meta.year}年报告的表格"
                    f"（{number(now)}与{number(before)}）为{actual}",
                    f"the text states a change of {said} in {what_en} ({text!r}); the tables of "
                    f"this year and {prev.meta.year} ({number(now)} and {number(before)}) give "
                    f"{actual}",
                    passage.location(change.start, change.end),
                    expected=actual,
                    actual=said,
                    subject=subject(cur),
                )
