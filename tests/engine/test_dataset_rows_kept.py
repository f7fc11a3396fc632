"""The rows a dataset check keeps for its dataset rules (compacted once their report rules
have run: cells dictionary-encoded, the metadata lists of the chunk let go, equal texts
shared) still give the dataset rules every fact they read: organ, year, identity and
parent, the cells they compare, how completely each row was read."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.api import load_ruleset
from gik_rules.engine import check_read, with_dataset_findings
from gik_rules.engine.columnar import check_path
from gik_rules.host import default_host
from gik_rules.ingest import dataset_chunks
from gik_rules.ingest.dataset_columns import template_header
from gik_rules.ingest.reader import read_path
from gik_rules.model import AnnualReport
from gik_rules.testing import consistent_reports

HOST = default_host()
HEADER = template_header({k: HOST.variants[k] for k in ("V2019", "V2021")})
NATIONAL = load_ruleset("national", host=HOST)


@st.composite
def series(draw: st.DrawFn) -> bytes:
    """A CSV of a few organs under one government over consecutive years: carry-overs
    that do not follow, a year missing, a report given twice (once cut short)."""
    report: AnnualReport = draw(consistent_reports("V2021"))
    cells = {cid: str(cell.value) for cid, cell in report.cells.items()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    organs = draw(st.integers(2, 4))
    for organ in range(organs):
        for year in range(2021, 2021 + draw(st.integers(1, 3))):
            if organ and draw(st.integers(0, 4)) == 0:
                continue  # a year missing (N806)
            row = dict(cells)
            if draw(st.booleans()):  # 上年结转 not last year's 结转下年度 (N801)
                row["t3.carried.tot"] = str(int(row["t3.carried.tot"]) + 1)
            row.update(
                organ=f"示例市第{organ}局" if organ else "示例市人民政府",
                year=str(year),
                organ_id=f"o{organ}",
                parent_id="" if organ == 0 else "o0",
            )
            copies = 2 if draw(st.integers(0, 5)) == 0 else 1  # a duplicate (N805)
            for copy in range(copies):
                fields = [row.get(h, "") for h in HEADER]
                if copy:  # the second copy read less completely: the first is kept
                    fields = [f if i < 40 else "" for i, f in enumerate(fields)]
                writer.writerow(fields)
    return out.getvalue().encode("utf-8")


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=series())
def test_rows_kept_across_chunks_give_the_dataset_rules_what_reports_give(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("rows") / "d.csv"
    path.write_bytes(data)
    with pytest.MonkeyPatch.context() as patch:  # a few rows a chunk: most kept compacted
        patch.setattr(dataset_chunks, "_BLOCK", 4096)
        columnar = list(check_path(path, NATIONAL, HOST, None))
    per_report = [check_read(read, NATIONAL, HOST) for read in read_path(path, HOST)]
    kept = with_dataset_findings(columnar, NATIONAL, HOST.variants)
    expected = with_dataset_findings(per_report, NATIONAL, HOST.variants)
    assert [r.findings for r in kept] == [r.findings for r in expected]
    assert [dict(r.statuses) for r in kept] == [dict(r.statuses) for r in expected]


@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(report=consistent_reports("V2021"))
def test_the_faults_put_into_rows_kept_are_found(
    report: AnnualReport, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The dataset rules find, in rows kept compacted, the faults put into them."""
    cells = {cid: str(cell.value) for cid, cell in report.cells.items()}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for organ, year, carried in (
        (0, 2021, None),
        (0, 2022, None),
        (1, 2021, None),
        (1, 2022, "+1"),
        (2, 2021, None),
        (2, 2021, None),
    ):
        row = dict(cells)
        if carried:
            row["t3.carried.tot"] = str(int(cells["t3.carry_next.tot"]) + 1)
        row.update(organ=f"示例市第{organ}局", year=str(year), organ_id=f"o{organ}", parent_id="p")
        writer.writerow([row.get(h, "") for h in HEADER])
    path = tmp_path_factory.mktemp("rows") / "d.csv"
    path.write_bytes(out.getvalue().encode("utf-8"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(dataset_chunks, "_BLOCK", 4096)
        columnar = list(check_path(path, NATIONAL, HOST, None))
    kept = with_dataset_findings(columnar, NATIONAL, HOST.variants)
    codes = {(r.key.rpartition("#")[2], f.code) for r in kept for f in r.findings}
    assert ("row 5", "N801") in codes  # organ 1's 2022 carry-over
    assert ("row 7", "N805") in codes  # organ 2's 2021 report twice
    assert ("row 6", "N806") in codes or ("row 7", "N806") in codes  # organ 2 has no 2022
