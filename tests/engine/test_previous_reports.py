"""The report of the year before, looked for within each organ's series, is the one a
look-up over the whole dataset finds (the first by subject, then the first given)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.indicators import previous_reports
from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules.dataset import organ_key, shared_series, subject


def _whole_dataset(reports: Sequence[AnnualReport]) -> list[AnnualReport | None]:
    """Every report indexed by organ and year (how it was found before)."""
    by_year: dict[tuple[str, int], AnnualReport] = {}
    for report in sorted(reports, key=subject):
        key, year = organ_key(report), report.meta.year
        if key and year is not None:
            by_year.setdefault((key, year), report)
    return [
        by_year.get((key, r.meta.year - 1)) if (key := organ_key(r)) and r.meta.year else None
        for r in reports
    ]


META = st.builds(
    ReportMeta,
    organ=st.sampled_from(["", "甲局", "乙局", "丙 局"]),
    organ_id=st.sampled_from([None, "a", "b"]),
    year=st.sampled_from([None, 2021, 2022, 2023]),
    source=st.sampled_from([None, "x.toml", "y.toml", "z.toml"]),  # ties of subject
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.builds(AnnualReport, meta=META), max_size=12), st.data())
def test_the_year_before_is_the_whole_datasets(
    reports: list[AnnualReport], data: st.DataObject
) -> None:
    if reports:  # the same report given twice
        reports.append(data.draw(st.sampled_from(reports)))
    expected = _whole_dataset(reports)
    assert list(map(id, previous_reports(reports))) == list(map(id, expected))
    with shared_series():  # as in a run, the series shared
        assert list(map(id, previous_reports(reports))) == list(map(id, expected))
