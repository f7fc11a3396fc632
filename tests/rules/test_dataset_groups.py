"""``grouped`` holds an organ's reports by id and by folded name apart, a single report
alone: the same mapping, in the same order, as a dict of tuples by ``organ_key``."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules.dataset import _in_year_order, grouped, organ_key, series, shared_series


def by_organ_key(reports: Iterable[AnnualReport]) -> dict[str, tuple[AnnualReport, ...]]:
    """``grouped`` as it was: a dict of tuples by ``organ_key``."""
    found: dict[str, list[AnnualReport]] = {}
    for report in reports:
        key = organ_key(report)
        if key and report.meta.year is not None:
            found.setdefault(key, []).append(report)
    return {k: tuple(_in_year_order(found[k])) for k in sorted(found)}


@st.composite
def reports(draw: st.DrawFn) -> AnnualReport:
    meta = ReportMeta(
        organ=draw(st.sampled_from(["", " ", "甲局", "甲 局", "ＡＢ局", "AB局", "乙局"])),
        year=draw(st.sampled_from([None, 2022, 2023])),
        organ_id=draw(st.sampled_from(["", "a", "b", "id:x", "name:y"])) or None,
        source=draw(st.sampled_from(["", "d.csv#row 2", "d.csv#row 10", "x"])),
    )
    return AnnualReport(meta=meta)


KEYS = ["", "id:", "id:a", "id:b", "id:id:x", "name:甲局", "name:ab局", "name:", "a", "x", 3]


@settings(max_examples=200)
@given(st.lists(reports(), max_size=12))
def test_groups_as_a_dict_by_organ_key(given_reports: list[AnnualReport]) -> None:
    expected = by_organ_key(given_reports)
    with shared_series():
        groups = grouped(given_reports)
        assert grouped(given_reports) is groups or not given_reports  # shared while open
    assert list(groups.items()) == list(expected.items())
    assert list(groups) == list(expected)
    assert list(groups.values()) == list(expected.values())
    assert len(groups) == len(expected)
    assert series(given_reports) == {k: list(v) for k, v in expected.items()}
    for key in [*expected, *KEYS]:
        assert (key in groups) == (key in expected)
        assert groups.get(key) == expected.get(key)  # type: ignore[call-overload]
        if key in expected:
            assert groups[key] == expected[key]
        else:
            with pytest.raises(KeyError):
                groups[key]  # type: ignore[index]
