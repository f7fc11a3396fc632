"""Plausibility of table 二 figures: amounts in 万元, stocks against this year's flow."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from gik_rules.forms.per_variant import per_variant
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, RuleContext, Skip, implements
from gik_rules.rules.locate import cell_label, cell_location


@per_variant
def _amounts(variant: FormVariant) -> tuple[str, ...]:
    """The variant's 万元 cells, in the form's order."""
    return tuple(cid for cid, spec in variant.cells.items() if spec.unit == "万元")


@per_variant
def _has_total_published(variant: FormVariant) -> bool:
    return any(c.endswith(".total_published") for c in variant.cells)


@implements("N304")
def amount_unit(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    if variant is None:
        return
    amounts = _amounts(variant)
    if not amounts:
        return  # a format without amounts (the rule's TOML keeps it to those that have them)
    limit = Decimal(str(ctx.params["max_amount"]))
    looked = False
    for cid in amounts:
        cell = report.cells.get(cid)
        if cell is None or cell.value is None:
            continue
        looked = True
        label = cell_label(cid, variant)
        raw = cell.raw.strip()
        if cell.unit == "元":
            in_wan = Decimal(cell.value) / 10000
            yield Hit(
                f"“{label}”填写“{raw}”，以元为单位；本栏单位为万元，应填{in_wan.normalize():f}",
                f"cell {cid} holds {raw!r}, in 元; the column is in 万元 ({in_wan.normalize():f})",
                cell_location(report, cid, variant),
                expected=f"{in_wan.normalize():f}",
                actual=raw,
                cells=(cid,),
            )
        elif cell.value > limit:
            yield Hit(
                f"“{label}”为{raw}万元（即{Decimal(cell.value) / 10000:f}亿元），超过{limit}万元，"
                "可能是按元而非万元填写",
                f"cell {cid} holds {raw} 万元, above {limit} 万元: probably written in 元, not 万元",
                cell_location(report, cid, variant),
                expected=f"≤ {limit}",
                actual=raw,
                cells=(cid,),
            )
    if not looked:  # blank amounts are blank-cell's to report
        raise Skip("本年收费金额栏没有数字", "no figure in the amounts (万元) of table t2")


@implements("N305")
def published_total_below_new(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    variant = ctx.variant_of(report)
    if variant is None or not _has_total_published(variant):
        return  # a format without 对外公开总数量 (the rule's TOML keeps it to the one that has it)
    compared = False
    for row in ("rules", "normative"):
        total_id, new_id = f"t2.{row}.total_published", f"t2.{row}.new_published"
        total, new = report.cell(total_id), report.cell(new_id)
        if total_id not in variant.cells:
            continue
        if total.value is None or new.value is None:
            continue
        compared = True
        if total.value >= new.value:
            continue
        yield Hit(
            f"“{cell_label(total_id, variant)}”为{total.value}，少于本年新公开数量{new.value}",
            f"{total_id} ({total.value}) is below this year's {new_id} ({new.value})",
            cell_location(report, total_id, variant),
            expected=f"≥ {new.value}",
            actual=total.value,
            cells=(total_id, new_id),
        )
    if not compared:
        raise Skip(
            "表二规章、规范性文件的公开数量未填写数字，无从比较",
            "table t2 gives no pair of published counts to compare",
        )
