"""Figures stated in the narrative against the tables (forms.md A11) and against
themselves, read with the national narrative grammar (``data/narrative.toml``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from gik_rules.rules import Hit, RuleContext, Skip, implements
from gik_rules_national.grammar import (
    comparisons,
    grammar,
    name,
    number,
    resolver,
    stated,
    where,
)
from gik_rules_national.rules.prose import Passage

if TYPE_CHECKING:  # gik_rules.narrative is imported when the rules run (start-up)
    from gik_rules.forms.variant import FormVariant
    from gik_rules.model import AnnualReport
    from gik_rules.narrative import Mismatch


def _quote(passage: Passage, start: int, end: int) -> str:
    return passage.folded.text[start:end]


def _figure_hit(mismatch: Mismatch, passage: Passage, variant: FormVariant) -> Hit:
    item = mismatch.statement
    what, what_en = name(item, mismatch.whole), name(item, mismatch.whole, english=True)
    text = _quote(passage, item.start, item.end)
    stated_value, table_value = number(mismatch.stated), number(mismatch.table)
    note = note_en = ""
    if mismatch.extended:
        own = mismatch.whole if item.columns and mismatch.whole else item
        g = grammar()
        own_categories = [g.category(c) for c in own.categories]
        extra = [g.category(e) for c in own_categories if c is not None for e in c.extends]
        named = [c for c in extra if c is not None]
        names = "、".join(c.name for c in named)
        names_en = ", ".join(c.name_en for c in named)
        note = f"；正文的数字等于表中数字加上{names}，似将其计入而未说明（如“含上年结转N件”）"
        note_en = f"; the text's figure is the table's with the {names_en} added, without saying so"
    if item.zero:
        message = f"正文称{what}为零（“{text}”），而{where(mismatch.cells, variant)}为{table_value}"
        message_en = (
            f"the text says there were no {what_en} ({text!r}); the table gives {table_value}"
        )
    else:
        message = (
            f"正文所述{what}（“{text}”）为{stated_value}，与{where(mismatch.cells, variant)}的"
            f"{table_value}不一致{note}"
        )
        message_en = (
            f"the text states {stated_value} {what_en} ({text!r}); the table gives "
            f"{table_value}{note_en}"
        )
    return Hit(
        message,
        message_en,
        passage.location(item.start, item.end),
        expected=table_value,
        actual=stated_value,
        cells=mismatch.cells,
    )


def _percent(value: Decimal, decimals: int) -> str:
    return f"{value:.{decimals}f}%"


def _share_hit(mismatch: Mismatch, passage: Passage, variant: FormVariant) -> Hit:
    item = mismatch.statement
    share = item.share
    assert share is not None and mismatch.base is not None
    decimals = share.decimals
    what, what_en = name(item), name(item, english=True)
    text = _quote(passage, item.start, share.end)
    table_share = _percent(mismatch.table, decimals)
    stated_share = _percent(mismatch.stated, decimals)
    figure = number(mismatch.table * mismatch.base / 100)
    base = number(mismatch.base)
    unit = f"{number(mismatch.tolerance)}个百分点"
    return Hit(
        f"正文所述{what}占比（“{text}”）为{stated_share}，按表中数字计算为{table_share}"
        f"（{figure}÷{base}，{base}为{where(mismatch.base_cells, variant)}；"
        f"按所写的{decimals}位小数取舍，相差不足{unit}即视为一致）",
        f"the text states a share of {stated_share} for {what_en} ({text!r}); the table gives "
        f"{table_share} ({figure} / {base}; taken as agreeing within {number(mismatch.tolerance)} "
        f"percentage points, one unit of the {decimals} decimal(s) written)",
        passage.location(item.start, share.end),
        expected=table_share,
        actual=stated_share,
        cells=(*mismatch.cells, *mismatch.base_cells),
    )


def _parts_hit(mismatch: Mismatch, passage: Passage) -> Hit:
    whole = mismatch.statement
    last = whole.parts[-1] if whole.parts else whole
    text = _quote(passage, whole.start, last.end)
    total, value = number(mismatch.stated), number(mismatch.table)
    what, what_en = name(whole), name(whole, english=True)
    if mismatch.complete:
        relation, relation_en = "应等于", "must equal"
    else:
        relation, relation_en = "不应超过", "cannot exceed"
    return Hit(
        f"正文所列{what}的各部分之和为{total}，{relation}所述总数{value}（“{text}”）",
        f"the parts the text lists of {what_en} add up to {total}, which {relation_en} the "
        f"whole it states, {value} ({text!r})",
        passage.location(whole.start, last.end),
        expected=value if mismatch.complete else f"≤ {value}",
        actual=total,
        cells=mismatch.cells,
    )


@implements("N401")
def narrative_table_mismatch(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    if variant is None:
        raise Skip("报告的表格格式不详，无从比较正文数字", "the form variant is unknown")
    compared = comparisons(report, variant, "count")
    for passage, outcome in compared:
        if not outcome.mismatches:  # most passages: nothing to import a kind for
            continue
        from gik_rules.narrative.compare import MismatchKind

        for mismatch in outcome.mismatches:
            if mismatch.kind is MismatchKind.FIGURE:
                yield _figure_hit(mismatch, passage, variant)
            elif mismatch.kind is MismatchKind.SHARE:
                yield _share_hit(mismatch, passage, variant)
    if any(c.stated for _, c in compared) and not any(c.compared for _, c in compared):
        raise Skip(
            "正文所述数字在表格中均无对应数字，无从比较",
            "no figure the text states has a figure in the tables to compare with",
        )


@implements("N402")
def narrative_parts_sum(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    if variant is None:
        raise Skip("报告的表格格式不详，无从判断各部分", "the form variant is unknown")
    from gik_rules.narrative.compare import parts

    on = resolver(variant)
    for passage, found in stated(report):
        for mismatch in parts(found, on, "count"):
            yield _parts_hit(mismatch, passage)
