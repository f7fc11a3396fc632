"""``families`` (N804's parents and children) indexes only the organs some report
names as parent: the same pairs, in the same order, as indexing every report."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from gik_rules.ingest.dataset import figure_of
from gik_rules.model import AnnualReport, ReportMeta
from gik_rules.rules.dataset import _completeness, families, natural, subject


def every_report_indexed(
    reports: Iterable[AnnualReport],
) -> Iterator[tuple[AnnualReport, list[AnnualReport]]]:
    """``families`` as it was: every report sorted and indexed as a parent."""
    reports = sorted(reports, key=lambda r: natural(subject(r)))
    parents: dict[tuple[str, int], AnnualReport] = {}
    for report in reports:
        if report.meta.organ_id and report.meta.year is not None:
            key = (report.meta.organ_id, report.meta.year)
            kept = parents.get(key)
            if kept is None or _completeness(report) > _completeness(kept):
                parents[key] = report
    children: dict[tuple[str, int], list[AnnualReport]] = {}
    for report in reports:
        meta = report.meta
        if meta.parent_id and meta.year is not None and meta.parent_id != meta.organ_id:
            children.setdefault((meta.parent_id, meta.year), []).append(report)
    for key in sorted(children):
        if key in parents:
            yield parents[key], children[key]


IDS = st.sampled_from(["", "A", "B", "C", "D"])


@st.composite
def reports(draw: st.DrawFn) -> AnnualReport:
    filled = draw(st.sampled_from(["", "t2.rules.issued", "t3.new.np"]))
    cells = {filled: figure_of("1").cell(None, "A2")} if filled else {}
    meta = ReportMeta(
        organ=draw(st.sampled_from(["甲局", "乙局"])),
        year=draw(st.sampled_from([None, 2022, 2023])),
        organ_id=draw(IDS) or None,
        parent_id=draw(IDS) or None,
        # equal subjects too, and numbers read in their natural order
        source=draw(st.sampled_from(["", "d.csv#row 2", "d.csv#row 10", "d.csv#row 9", "x"])),
    )
    return AnnualReport(meta=meta, cells=cells)


@settings(max_examples=200)
@given(st.lists(reports(), max_size=12))
def test_families_as_every_report_indexed(given_reports: list[AnnualReport]) -> None:
    def ids(pairs: Iterable[tuple[AnnualReport, list[AnnualReport]]]) -> list[object]:
        return [(id(p), [id(c) for c in cs]) for p, cs in pairs]

    assert ids(families(given_reports)) == ids(every_report_indexed(given_reports))
