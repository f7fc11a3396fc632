"""A whole figure of scale 1 is found to agree with the tables by comparing ints where
its cells hold whole numbers: the comparison is the one made in Decimals for every
figure, mismatches, shares and what could be compared alike."""

from __future__ import annotations

import importlib
from unittest import mock

import attrs
from gik_rules_national.grammar import grammar, resolver
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.model import AnnualReport, Cell
from gik_rules.narrative import statements
from gik_rules.narrative.compare import compare
from gik_rules.narrative.resolve import Resolver
from gik_rules.testing import consistent_reports

VARIANTS = default_host().variants
#: the module (the package names its function ``compare``)
compare_module = importlib.import_module("gik_rules.narrative.compare")
#: how a figure is written: as it is, with a decimal, in 万, another number
_WRITTEN = st.sampled_from(["{}", "{}", "{}", "{}.0", "{}.4", "{}万", "0.{}万", "1{}"])
#: and one off or not
_OFF = st.sampled_from([0, 0, 0, 1, -1])
_TEXT = (
    "全年共受理政府信息公开申请{new}件（含上年结转{carried}件），其中，予以公开{open}件，"
    "占{share}%；部分公开{partial}件。办结{total}件，另有{next}件申请顺延到下年度答复。"
    "收取信息处理费{fee}元。收取行政事业性收费{fees}元。"
)


def _text(report: AnnualReport, data: st.DataObject) -> str:
    def figure(*cids: str) -> str:
        value = sum(int(report.cell(c).number_or_zero()) for c in cids) + data.draw(_OFF)
        return data.draw(_WRITTEN).format(value)

    total = int(report.cell("t3.total.tot").number_or_zero()) or 1
    opened = int(report.cell("t3.open.tot").number_or_zero())
    return _TEXT.format(
        new=figure("t3.new.tot", "t3.carried.tot"),
        carried=figure("t3.carried.tot"),
        open=figure("t3.open.tot"),
        share=data.draw(st.sampled_from([round(100 * opened / total, 1), 12.5, 0])),
        partial=figure("t3.partial.tot"),
        total=figure("t3.total.tot"),
        next=figure("t3.carry_next.tot"),
        fee=figure("t2.fees.amount"),
        fees=figure("t2.fees.amount"),
    )


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(VARIANTS)).flatmap(consistent_reports), st.data())
def test_whole_figures_compare_as_in_decimals(report: AnnualReport, data: st.DataObject) -> None:
    variant = VARIANTS[report.meta.variant or "V2021"]
    if "t2.fees.amount" in report.cells:  # a whole amount, as a form in 元 would hold
        fees = Cell.of(data.draw(st.integers(0, 99)))
        report = attrs.evolve(report, cells={**report.cells, "t2.fees.amount": fees})
    found = statements(_text(report, data), grammar())
    # and as if every cell held a unit of scale 1 (元, not the form's 万元 for fees)
    in_yuan = Resolver(grammar(), variant)
    in_yuan.unit_cells = frozenset(variant.cells)
    for on in (resolver(variant), in_yuan):
        for measure in ("count", "amount"):
            fast = compare(found, report.cells, on, measure)
            with mock.patch.object(compare_module, "_agreeing_whole", lambda *_: None):
                assert fast == compare(found, report.cells, on, measure)
