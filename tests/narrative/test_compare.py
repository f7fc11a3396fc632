"""Statements against a report's cells: figures, the categories a figure may include,
shares to the decimals written, blank totals read from their row, parts against their
whole, amounts in other units. A small grammar of its own over the 2021 form's cells."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gik_rules
from gik_rules.host import Host
from gik_rules.model import AnnualReport, Cell
from gik_rules.narrative import (
    Grammar,
    MismatchKind,
    Resolver,
    compare,
    grammar_from_dict,
    parts,
    statements,
)
from gik_rules.narrative.compare import _stated
from gik_rules.narrative.grammar import Unit
from gik_rules.narrative.parse import Statement
from tests.conftest import REPO

GRAMMAR: Grammar = grammar_from_dict(
    {
        "unit": [
            {"words": ["件"]},
            {"words": ["元"], "measure": "amount"},
            {"words": ["万元"], "measure": "amount", "scale": 10000},
        ],
        "words": {"connectors": ["及"], "parts": ["其中"], "include": ["含"], "share": ["占"]},
        "category": [
            {
                "id": "new",
                "name": "新收",
                "name_en": "new",
                "terms": ["收到"],
                "table": "t3",
                "rows": ["new"],
                "column": "tot",
                "extends": ["carried"],
            },
            {
                "id": "carried",
                "name": "结转",
                "name_en": "carried",
                "terms": ["上年结转"],
                "table": "t3",
                "rows": ["carried"],
                "column": "tot",
            },
            {
                "id": "open",
                "name": "公开",
                "name_en": "open",
                "terms": ["予以公开"],
                "table": "t3",
                "rows": ["open"],
                "column": "tot",
                "share_of": ["total"],
            },
            {
                "id": "partial",
                "name": "部分",
                "name_en": "partial",
                "terms": ["部分公开"],
                "table": "t3",
                "rows": ["partial"],
                "column": "tot",
                "share_of": ["total"],
            },
            {
                "id": "held",
                "name": "不掌握",
                "name_en": "not held",
                "terms": ["不掌握"],
                "table": "t3",
                "rows": ["none_held"],
                "column": "tot",
            },
            {
                "id": "repeat",
                "name": "重复",
                "name_en": "repeat",
                "terms": ["重复申请"],
                "table": "t3",
                "rows": ["reject_repeat"],
                "column": "tot",
            },
            {
                "id": "total",
                "name": "办结",
                "name_en": "answered",
                "terms": ["办结"],
                "table": "t3",
                "rows": ["total"],
                "column": "tot",
                "made_of": ["open", "partial", "held", "repeat"],
            },
            {
                "id": "fees",
                "name": "收费",
                "name_en": "fees",
                "terms": ["行政事业性收费"],
                "table": "t2",
                "rows": ["fees"],
                "column": "amount",
                "measure": "amount",
            },
        ],
        "column": [
            {
                "id": "np",
                "name": "自然人",
                "name_en": "persons",
                "terms": ["自然人"],
                "table": "t3",
                "columns": ["np"],
            },
        ],
    }
)


@pytest.fixture
def report() -> AnnualReport:
    """The clean example: 新收 6, 上年结转 1, 予以公开 3, 部分公开 1, 不掌握 2, 重复 1, 办结 7."""
    return gik_rules.read(REPO / "examples" / "clean-2021.toml")


def _compare(text: str, report: AnnualReport, host: Host, measure: str = "count") -> list:
    resolver = Resolver(GRAMMAR, host.variants["V2021"])
    return list(compare(statements(text, GRAMMAR), report.cells, resolver, measure).mismatches)


def test_a_figure_agrees_or_names_its_cells(report: AnnualReport, host: Host) -> None:
    assert _compare("收到6件。予以公开及部分公开4件。", report, host) == []
    (wrong,) = _compare("予以公开及部分公开3件。", report, host)
    assert (wrong.kind, wrong.stated, wrong.table) == (MismatchKind.FIGURE, 3, 4)
    assert wrong.cells == ("t3.open.tot", "t3.partial.tot")


def test_a_figure_that_counts_what_it_may_include(report: AnnualReport, host: Host) -> None:
    assert _compare("收到7件(含上年结转1件)。", report, host) == []  # said: 6 + 1
    (unsaid,) = _compare("收到7件。", report, host)
    assert unsaid.extended and (unsaid.stated, unsaid.table) == (7, 6)


def test_a_share_to_the_decimals_written(report: AnnualReport, host: Host) -> None:
    # 予以公开 3 of 办结 7 is 42.857…%
    for agreeing in ("42.9%", "42.8%", "43%"):
        assert _compare(f"予以公开3件,占{agreeing}。", report, host) == []
    (share,) = _compare("予以公开3件,占40%。", report, host)
    assert share.kind is MismatchKind.SHARE and share.tolerance == 1
    assert round(share.table, 3) == Decimal("42.857") and share.base == 7
    # a wrong figure is reported as such, not its share too
    assert [m.kind for m in _compare("予以公开5件,占40%。", report, host)] == [MismatchKind.FIGURE]


def test_a_blank_total_is_its_rows_sum(report: AnnualReport, host: Host) -> None:
    cells = {**report.cells, "t3.open.tot": Cell()}
    blank = AnnualReport(report.meta, report.sections, report.tables, cells, report.preamble)
    (wrong,) = _compare("予以公开4件。", blank, host)
    assert wrong.table == 3 and "t3.open.np" in wrong.cells


def test_a_part_by_column_of_the_wholes_rows(report: AnnualReport, host: Host) -> None:
    (wrong,) = _compare("收到7件(含上年结转1件),其中自然人6件。", report, host)
    assert (wrong.stated, wrong.table) == (6, 7)  # 新收 + 上年结转 of 自然人
    assert wrong.cells == ("t3.new.np", "t3.carried.np")


def test_parts_against_their_whole(report: AnnualReport, host: Host) -> None:
    resolver = Resolver(GRAMMAR, host.variants["V2021"])

    def faults(text: str) -> list[tuple[Decimal, Decimal, bool]]:
        found = parts(statements(text, GRAMMAR), resolver, "count")
        return [(m.stated, m.table, m.complete) for m in found]

    assert faults("办结7件,其中予以公开3件。") == []
    assert faults("办结7件,其中予以公开3件、部分公开1件、不掌握2件、重复申请2件。") == [
        (8, 7, True)
    ]
    assert faults("办结7件,其中予以公开9件。") == [(9, 7, False)]


def test_amounts_in_other_units(report: AnnualReport, host: Host) -> None:
    cells = {**report.cells, "t2.fees.amount": Cell.of(Decimal("12.5"))}
    charged = AnnualReport(report.meta, report.sections, report.tables, cells, report.preamble)
    assert _compare("行政事业性收费125000元。", charged, host, "amount") == []
    assert _compare("行政事业性收费12.5万元。", charged, host, "amount") == []
    (wrong,) = _compare("行政事业性收费1.25万元。", charged, host, "amount")
    assert (wrong.stated, wrong.table) == (12500, 125000)  # in 元
    assert _compare("收到6件。", charged, host, "amount") == []  # another measure


_PART_TERMS = ["予以公开", "部分公开", "不掌握", "重复申请", "自然人"]
#: the clean example's figures, and others written with decimals near them
_FIGURES = st.sampled_from(["0", "1", "2", "3", "6", "7", "7.0", "6.9", "7.4", "7.45", "9"])
_LISTS = st.lists(
    st.tuples(
        st.sampled_from(["办结", "收到", "收到（含上年结转1件）"]),
        _FIGURES,
        st.lists(st.tuples(st.sampled_from(_PART_TERMS), _FIGURES), max_size=4),
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_LISTS)
def test_what_a_resolver_keeps_gives_what_a_new_one_works_out(
    report: AnnualReport, host: Host, lists: list[tuple[str, str, list[tuple[str, str]]]]
) -> None:
    """The resolver keeps whether parts are complete and each figure's scale by their
    shapes: a resolver that has read other lists gives what a new one gives."""
    texts = [
        f"{whole}{n}件" + ("，其中" + "、".join(f"{t}{k}件" for t, k in ps) if ps else "") + "。"
        for whole, n, ps in lists
    ]
    kept = Resolver(GRAMMAR, host.variants["V2021"])
    for text in texts:
        found = statements(text, GRAMMAR)
        new = Resolver(GRAMMAR, host.variants["V2021"])
        assert parts(found, kept, "count") == parts(found, new, "count")
        assert compare(found, report.cells, kept, "count") == compare(
            found, report.cells, Resolver(GRAMMAR, host.variants["V2021"]), "count"
        )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(-(10**6), 10**6, places=3),
            st.integers(0, 4),
            st.sampled_from([None, 1, 10000, 100000000]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_a_figure_in_its_smallest_unit_and_its_half_unit(
    figures: list[tuple[Decimal, int, int | None]],
) -> None:
    """Each figure's scale and half a unit of its last digit, as worked out for it alone
    (they are kept by decimals and unit)."""
    for value, decimals, scale in figures:
        unit = Unit(("单位",), "amount", scale) if scale is not None else None
        statement = Statement(("fees",), value, unit, 0, 1, decimals)
        times = Decimal(scale) if scale is not None else Decimal(1)
        assert _stated(statement) == (
            value * times,
            Decimal(5) * Decimal(10) ** (-decimals - 1) * times,
        )
