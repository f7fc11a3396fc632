"""A dataset row's head (its metadata, variant and parse issues) worked out column by
column over a chunk (``ingest.dataset_chunks.heads``) is the head the row-by-row reader
gives (``ingest.dataset.read_dataset_rows``), whatever its metadata hold."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.host import default_host
from gik_rules.ingest.dataset import read_dataset_rows
from gik_rules.ingest.dataset_chunks import heads, read_dataset_columns
from gik_rules.ingest.dataset_columns import template_header

HOST = default_host()
HEADER = template_header({k: HOST.variants[k] for k in ("V2019", "V2021")})

# What a metadata column may hold: the usual, the odd, the unreadable and the blank.
META = {
    "organ": ["示例市第1局", "某县人民政府", " 某镇人民政府 ", "鄉人民政府", "", " "],
    "year": ["2021", "2022年", "2020年度", " 2023 ", "2021.0", "", "二〇二一", "x"],
    "variant": ["V2021", "2019", "v2021", " V2019 ", "", "V1999"],
    "level": ["", "部门", "政府", "government", " 街道 ", "township", "某级"],
    "region": ["", "示例市", " 某县 "],
    "published": ["", "2022-01-31", "2022/1/5", "2022年1月31日", "2022-13-40", "不久"],
    "organ_id": ["", "o1", " o2 "],
    "parent_id": ["", "o1"],
    "title": ["", "某县人民政府2022年政府信息公开工作年度报告"],
}


@st.composite
def datasets(draw: st.DrawFn) -> bytes:
    """A CSV of rows with drawn metadata (some columns left out), a row of a field past
    the limits, a row cut short, a blank line."""
    keys = [k for k in META if k in ("organ", "year") or draw(st.booleans())]
    cells = [h for h in HEADER if h not in META]
    if draw(st.booleans()):  # a table missing: P004 for every row of its variant
        cells = [c for c in cells if not c.startswith("t4.")]
    header = [*keys, *cells]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for _ in range(draw(st.integers(1, 12))):
        row = [draw(st.sampled_from(META[k])) for k in keys]
        row += ["0"] * len(cells)
        shape = draw(st.sampled_from(["plain"] * 6 + ["long", "short", "blank"]))
        if shape == "long":
            row[draw(st.integers(0, len(keys) - 1))] = "9" * 40
        elif shape == "short":
            row = row[: draw(st.integers(1, len(row) - 1))]
        elif shape == "blank":
            row = [""] * len(header)
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
@given(datasets(), st.sampled_from([1, 3, 64]))
def test_heads_are_the_row_by_row_heads(data: bytes, chunk: int) -> None:
    rows = [r.read for r in read_dataset_rows(data, "csv", "d.csv", HOST)]
    dataset = read_dataset_columns(data, "csv", "d.csv", HOST, chunk=chunk)
    got = []
    pending = dataset.pending
    for part in dataset.chunks:
        found, pending = heads(dataset, part, HOST.variants, pending)
        got.extend(found)
    assert [h.source for h in got] == [r.source for r in rows]
    for head, read in zip(got, rows, strict=True):
        assert head.issues == read.issues
        assert head.meta == (read.report.meta if read.report is not None else None)
        expected = read.report.meta.variant if read.report is not None else None
        assert (head.variant.id if head.variant else None) == expected
