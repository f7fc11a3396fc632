"""A dataset's indicator values read without the objects (``indicator_values``, what N808
compares) are the values and denominators ``compute`` gives report by report."""

from __future__ import annotations

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.indicators import indicator_values, indicators_of, previous_reports
from gik_rules.model import AnnualReport
from gik_rules.testing import consistent_reports
from gik_rules.testing.strategies import cells

VARIANTS = default_host().variants
#: the indicators' cells and the parts a blank total is taken from, in every variant
TOUCHED = sorted(
    {
        cid
        for variant in VARIANTS.values()
        for indicator in variant.indicators
        for cid in indicator.cells
    }
    | {
        part
        for variant in VARIANTS.values()
        for identity in variant.identities
        if len(identity.lhs) == 1
        for indicator in variant.indicators
        if identity.lhs[0] in indicator.cells
        for part in identity.rhs
    }
)
IDS = [*sorted({i.id for v in VARIANTS.values() for i in v.indicators}), "no_such", "open_rate"]


@st.composite
def reports(draw: st.DrawFn) -> AnnualReport:
    """A report of either variant, of one of a few organs and years, whose indicators'
    cells are blank, zero, not numbers, missing or any figure."""
    base = draw(consistent_reports(draw(st.sampled_from(["V2019", "V2021"]))))
    new = dict(base.cells)
    for cid in draw(st.lists(st.sampled_from(TOUCHED), unique=True)):
        if draw(st.booleans()):
            new.pop(cid, None)
        else:
            new[cid] = draw(cells())
    organ = draw(st.sampled_from(["甲局", "乙局"]))
    year = draw(st.sampled_from([2020, 2021, 2022]))
    variant = draw(st.sampled_from([base.meta.variant, base.meta.variant, "unknown"]))
    meta = attrs.evolve(base.meta, organ=organ, organ_id=None, year=year, variant=variant)
    return attrs.evolve(base, meta=meta, cells=new)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(reports(), min_size=1, max_size=6))
def test_values_are_computes(given_reports: list[AnnualReport]) -> None:
    before = previous_reports(given_reports)
    values = indicator_values(given_reports, VARIANTS, IDS, before)
    indicators = indicators_of(given_reports, VARIANTS)
    for i in range(len(given_reports)):
        found = {}
        for item in indicators(i):
            found.setdefault(item.id, item)
        expected = [
            (item.value, item.denominator) if (item := found.get(x)) else (None, None) for x in IDS
        ]
        got = values(i)
        assert got == expected
        # equal Decimals of other exponents would write other figures
        assert [str(d) for _, d in got] == [str(d) for _, d in expected]
