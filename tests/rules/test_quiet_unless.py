"""A rule's ``quiet_unless`` is a promise: on a report that meets none of the conditions
its check finds nothing and does not skip itself (the dataset engine leaves it uncalled
on such rows)."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.rules import RuleContext, Skip
from gik_rules.rules.conditions import cell_conditions
from gik_rules.rules.rule import Rule
from gik_rules.testing import any_reports, consistent_reports

HOST = default_host()
QUIET = sorted((r for r in HOST.rules.values() if r.quiet_unless), key=lambda r: r.code)
VARIANTS = sorted(HOST.variants)


def test_the_national_table_rules_say_when_they_are_quiet() -> None:
    assert {r.name for r in QUIET} >= {"blank-cell", "invalid-number", "mixed-signature"}


def _quiet(rule: Rule, report: AnnualReport) -> bool:
    ctx = RuleContext(params=rule.default_params(), variants=HOST.variants)
    try:
        return list(rule.check(report, ctx)) == []  # type: ignore[arg-type]
    except Skip:
        return False


@st.composite
def reports(draw: st.DrawFn) -> AnnualReport:
    """Reports of every kind, most of them meeting few conditions."""
    variant = draw(st.sampled_from(VARIANTS))
    report = draw(st.one_of(consistent_reports(variant), any_reports(variant)))
    if draw(st.booleans()):
        cid = draw(st.sampled_from(sorted(report.cells) or ["t3.new.np"]))
        cell = draw(
            st.sampled_from(
                [
                    Cell.of(Decimal("2.5")),
                    Cell.of(Decimal("3.0")),
                    Cell.of(-2),
                    Cell(raw="/", state=CellState.PLACEHOLDER),
                    Cell(raw="x", state=CellState.INVALID),
                ]
            )
        )
        report = attrs.evolve(report, cells={**report.cells, cid: cell})
    if draw(st.integers(0, 6)) == 0:
        report = attrs.evolve(report, meta=attrs.evolve(report.meta, variant=None))
    return report


@pytest.mark.parametrize("rule", QUIET, ids=lambda r: r.code)
@given(report=reports())
def test_a_rule_is_quiet_on_a_report_meeting_none_of_its_conditions(
    rule: Rule, report: AnnualReport
) -> None:
    if not cell_conditions(report, HOST.variants) & set(rule.quiet_unless):
        assert _quiet(rule, report)


def test_the_conditions_a_report_meets() -> None:
    base = AnnualReport(cells={"t3.new.np": Cell.of(3)})
    v2021 = attrs.evolve(base, meta=attrs.evolve(base.meta, variant="V2021"))
    assert cell_conditions(v2021, HOST.variants) == frozenset()
    assert cell_conditions(base, HOST.variants) == {"foreign"}  # the variant is not known
    cells = {
        "t3.new.np": Cell.of(-1),
        "t3.new.ce": Cell.of(Decimal("0.5")),
        "t3.new.ri": Cell(raw="/", state=CellState.PLACEHOLDER),
        "t9.x.y": Cell(raw="?", state=CellState.INVALID),
    }
    odd = attrs.evolve(v2021, cells=cells)
    assert cell_conditions(odd, HOST.variants) == {
        "negative",
        "fraction",
        "blank",
        "invalid",
        "foreign",
    }
    amount = attrs.evolve(v2021, cells={"t2.fees.amount": Cell.of(Decimal("0.5"))})
    assert cell_conditions(amount, HOST.variants) == frozenset()  # an amount may be a fraction
    empty = attrs.evolve(v2021, cells={"t3.new.np": Cell()})
    assert cell_conditions(empty, HOST.variants) == {"blank", "no-figure"}
