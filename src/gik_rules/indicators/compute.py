"""The figures evaluators compute from a report's tables (公开率, 纠错率 …): the form
variant's indicators (``forms.indicators``) evaluated on one report, and the year-on-year
changes where the organ's report of the year before is at hand.

A value is a fraction (0.35 for 35%), or None with the reason it cannot be had: a cell
not read or not a number, a denominator of 0, no report of the year before.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from gik_rules.forms.derive import CellFigure, figures_of, figures_sum, identity_sums
from gik_rules.forms.indicators import Indicator
from gik_rules.forms.variant import FormVariant
from gik_rules.model import AnnualReport, Number

#: digits a value keeps: enough for a percentage to two decimals, stable in JSON
PLACES = 6


@attrs.frozen(slots=True)
class IndicatorValue:
    """One indicator of one report: ``value`` (a fraction) from ``numerator`` over
    ``denominator`` (for a change: this year's figure and last year's), or None and
    ``reason`` (``reason_en``)."""

    id: str
    name: str
    name_en: str
    value: float | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    reason: str = ""
    reason_en: str = ""


def figure(
    cells: Mapping[str, CellFigure], ids: tuple[str, ...], sums: Mapping[str, tuple[str, ...]]
) -> Decimal | None:
    """The cells' sum, a blank total taken from its row as the identities give it
    (``cells`` as ``figures_of`` gives them, ``sums`` the variant's ``identity_sums``)."""
    total: Number = 0
    for cid in ids:  # every cell a figure, as mostly: their sum, as figures_sum has it
        cell = cells.get(cid)
        if cell is None or (value := cell.value) is None:
            derived = figures_sum(cells, ids, sums)[0]
            return None if derived is None else Decimal(derived)
        total += value
    return Decimal(total) if ids else None


def evaluate(
    indicator: Indicator,
    numerator: Decimal | None,
    denominator: Decimal | None,
    *,
    previous: bool = True,
) -> IndicatorValue:
    """An indicator from its two figures (for a change: this year's and last year's);
    ``previous`` False: there is no report of the year before to take last year's from."""
    value: float | None = None
    reason = ("", "")
    if indicator.kind == "change" and not previous:
        reason = ("没有同一机关上一年度的报告", "no report of the same organ for the year before")
    elif numerator is None or denominator is None:
        reason = ("表格中没有所需的数字", "the cells it needs were not read or hold no number")
    elif denominator == 0:
        reason = (
            ("分母为0", "the denominator is 0")
            if indicator.kind == "ratio"
            else ("上年数字为0", "last year's figure is 0")
        )
    else:
        value = fraction(indicator, numerator, denominator)
    return IndicatorValue(
        indicator.id, indicator.name, indicator.name_en, value, numerator, denominator, *reason
    )


def fraction(
    indicator: Indicator, numerator: Decimal | None, denominator: Decimal | None
) -> float | None:
    """``evaluate``'s value alone (a change's ``denominator`` None where there is no
    report of the year before), without the object: for a reader of many reports'."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    if indicator.kind == "change":
        return round(float((numerator - denominator) / denominator), PLACES)
    return round(float(numerator / denominator), PLACES)


def figures(
    indicator: Indicator,
    cells: Mapping[str, CellFigure],
    sums: Mapping[str, tuple[str, ...]],
    before: tuple[Mapping[str, CellFigure], FormVariant] | None,
) -> tuple[Decimal | None, Decimal | None]:
    """The numerator and denominator of ``indicator`` on a report's ``cells`` (as
    ``figures_of`` gives them, ``sums`` its variant's ``identity_sums``); a change's
    denominator from ``before``, the cells and variant of the report of the year before
    (None: there is none)."""
    numerator = figure(cells, indicator.numerator, sums)
    if indicator.kind != "change":
        return numerator, figure(cells, indicator.denominator, sums)
    if before is None:
        return numerator, None
    before_cells, before_variant = before
    same = next((i for i in before_variant.indicators if i.id == indicator.id), indicator)
    return numerator, figure(before_cells, same.numerator, identity_sums(before_variant))


def compute(
    report: AnnualReport,
    variant: FormVariant | None,
    previous: AnnualReport | None = None,
    previous_variant: FormVariant | None = None,
) -> tuple[IndicatorValue, ...]:
    """Every indicator of ``variant`` on ``report``; a change needs ``previous`` (the same
    organ's report of the year before, in ``previous_variant``, else ``variant``)."""
    if variant is None:
        return ()
    cells, sums = figures_of(report.cells), identity_sums(variant)
    before = None
    if previous is not None:
        before = (figures_of(previous.cells), previous_variant or variant)
    return tuple(
        evaluate(indicator, *figures(indicator, cells, sums, before), previous=before is not None)
        for indicator in variant.indicators
    )
