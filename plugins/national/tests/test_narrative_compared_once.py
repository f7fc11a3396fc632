"""The statements of every measure in a report are compared with its tables once, for
the rules of each measure (narrative-table-mismatch: counts; fee-statement-table:
amounts): each rule gets what comparing its measure's statements alone gives."""

from __future__ import annotations

import importlib
from unittest import mock

import attrs
from gik_rules_national.grammar import comparisons, resolver, stated
from gik_rules_national.rules.fees import fee_statement_table
from gik_rules_national.rules.narrative import narrative_table_mismatch
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.model import AnnualReport
from gik_rules.narrative.compare import NOTHING, compare_all
from gik_rules.rules import RuleContext
from gik_rules.testing import consistent_reports

VARIANTS = default_host().variants
compare_module = importlib.import_module("gik_rules.narrative.compare")
_SAID = st.sampled_from(
    [
        "全年共受理政府信息公开申请{0}件，其中予以公开{1}件，占{2}%。",
        "收取信息处理费{0}元，行政事业性收费{1}万元。",
        "办结{0}件，其中自然人{1}件。未收取信息处理费。",
        "不予公开{2}件，另有{1}件申请顺延到下年度答复。",
    ]
)


def _with_text(report: AnnualReport, data: st.DataObject) -> AnnualReport:
    figures = data.draw(st.lists(st.integers(0, 40), min_size=3, max_size=3))
    texts = data.draw(st.lists(_SAID, min_size=1, max_size=3))
    sections = tuple(
        attrs.evolve(s, text=texts[k % len(texts)].format(*figures))
        for k, s in enumerate(report.sections)
    )
    return attrs.evolve(report, sections=sections)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted(VARIANTS)).flatmap(consistent_reports), st.data())
def test_each_measure_gets_what_comparing_its_statements_alone_gives(
    report: AnnualReport, data: st.DataObject
) -> None:
    report = _with_text(report, data)
    variant = VARIANTS[report.meta.variant or "V2021"]
    on = resolver(variant)
    for measure in ("count", "amount"):
        alone = [[s for s in found if on.measure(s) == measure] for _, found in stated(report)]
        expected = [compare_all(a, report.cells, on).get(measure, NOTHING) for a in alone]
        assert [c for _, c in comparisons(report, variant, measure)] == expected


def test_the_rules_of_both_measures_compare_a_report_once() -> None:
    report = next(iter(_reports()))
    ctx = RuleContext(variants=VARIANTS)
    with mock.patch.object(compare_module, "compare_all", wraps=compare_all) as counted:
        list(narrative_table_mismatch(report, ctx))
        list(fee_statement_table(report, ctx))
    assert counted.call_count == len(stated(report)) > 0


def _reports() -> list[AnnualReport]:
    found: list[AnnualReport] = []

    @settings(max_examples=1, database=None, derandomize=True)
    @given(consistent_reports("V2021"), st.data())
    def draw(report: AnnualReport, data: st.DataObject) -> None:
        found.append(_with_text(report, data))

    draw()
    return found
