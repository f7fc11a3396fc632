"""A dataset's indicator values read without the objects (``indicator_values``, what N808
compares) are the values and denominators ``compute`` gives report by report."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.forms.derive import figures_sum
from gik_rules.host import default_host
from gik_rules.indicators import indicator_values, indicators_of, outliers, previous_reports
from gik_rules.indicators.compute import figure
from gik_rules.model import AnnualReport, Cell
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


def _outliers_one_by_one(
    values: list[float | None], groups: list[int], min_peers: int
) -> list[tuple[int, float, float, int, float | None]]:
    """``outliers`` as it was written first: each group's values looked up by index."""
    import statistics

    members_of: dict[int, list[int]] = {}
    for i, value in enumerate(values):
        if value is not None:
            members_of.setdefault(groups[i], []).append(i)
    found = []
    for members in members_of.values():
        if len(members) < min_peers:
            continue
        numbers = [v for i in members if (v := values[i]) is not None]
        median = statistics.median(numbers)
        mad = statistics.median(abs(v - median) for v in numbers) * 1.4826
        for i in members:
            value = values[i]
            assert value is not None
            if abs(value - median) < 0.05:
                continue
            distance = abs(value - median) / mad if mad else None
            if distance is None or distance > 3.0:
                found.append((i, value, median, len(members), distance))
    return sorted(found)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.none() | st.sampled_from([0.0, 0.1, 0.5, 0.9, 1.0, 2.5]), st.integers(0, 2))
    ),
    st.integers(1, 4),
)
def test_outliers_are_those_found_one_by_one(
    given_values: list[tuple[float | None, int]], min_peers: int
) -> None:
    values = [v for v, _ in given_values]
    groups = [g for _, g in given_values]
    found = outliers(values, groups.__getitem__, threshold=3.0, min_gap=0.05, min_peers=min_peers)
    assert [
        (o.index, o.value, o.median, o.peers, o.distance) for o in found
    ] == _outliers_one_by_one(values, groups, min_peers)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e"]), cells(), max_size=5),
    st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=4).map(tuple),
)
def test_a_figure_is_the_derived_sum(given_cells: dict[str, Cell], ids: tuple[str, ...]) -> None:
    """Every cell a figure or not: the sum is ``figures_sum``'s (a blank ``a`` taken
    from ``b`` and ``c``)."""
    sums = {"a": ("b", "c")}
    total = figures_sum(given_cells, ids, sums)[0]
    expected = None if total is None else Decimal(total)
    got = figure(given_cells, ids, sums)
    assert (got, str(got)) == (expected, str(expected))


RATIO = next(i for v in VARIANTS.values() for i in v.indicators if i.kind == "ratio")


@settings(max_examples=300, deadline=None)
@given(
    st.integers(-(2**53) + 1, 2**53 - 1) | st.integers(-10_000, 10_000),
    st.integers(-(10**11) + 1, 10**11 - 1) | st.integers(-10_000, 10_000),
)
def test_a_ratio_of_ints_is_the_ratio_of_their_decimals(numerator: int, denominator: int) -> None:
    """Two ints divided as floats (``_ratio``, N808's values) give what their Decimals
    give (``fraction``), rounded alike."""
    from gik_rules.indicators.compute import fraction
    from gik_rules.indicators.dataset import _ratio

    expected = fraction(RATIO, Decimal(numerator), Decimal(denominator))
    assert _ratio(RATIO, numerator, denominator) == expected
