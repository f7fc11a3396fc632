"""The columnar engine gives a dataset exactly what the per-report engine gives: N301
evaluated column-wise, the rules that are quiet on the rows meeting none of their
``quiet_unless`` conditions not called on those."""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gik_rules.api import load_ruleset
from gik_rules.engine import check_read
from gik_rules.engine.columnar import (
    ABSENT,
    BLANK,
    EXACT,
    INVALID,
    NUMBER,
    check_path,
    is_columnar,
    parse_column,
)
from gik_rules.engine.result import ReportResult
from gik_rules.host import Host, default_host
from gik_rules.ingest.dataset_columns import template_header
from gik_rules.ingest.reader import read_path
from gik_rules.model import AnnualReport, Cell, CellState
from gik_rules.model.cell_text import parse_cell_text
from gik_rules.ruleset import Ruleset
from gik_rules.testing import consistent_reports

HOST = default_host()
HEADER = template_header({k: HOST.variants[k] for k in ("V2019", "V2021")})
NATIONAL = load_ruleset("national", host=HOST)

# Texts a spreadsheet cell may hold, by what they do to an identity.
ODD_TEXTS = {
    "blank": ["", " ", "\u3000"],
    "placeholder": ["/", "—", "不适用", "-", " / ", "N/A"],
    "invalid": ["若干", "约10", "x", "1.2.3", "\x00"],
    "exact": ["3.0", "12.5", "1000000000000", "0.5万元"],
    "negative": ["-3", "－1", "-0"],
}


def _variant_text(value: int, how: str) -> str:
    """``value`` written as a spreadsheet might: plain, full-width, signed, with commas."""
    if how == "full":
        return str(value).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if how == "signed":
        return f"+{value}"
    if how == "commas":
        return f"{value:,}"
    if how == "unit":
        return f"{value}件"
    if how == "spaced":
        return f" {value}\xa0"
    return str(value)


@st.composite
def rows(draw: st.DrawFn, report: AnnualReport) -> dict[str, str]:
    """A report as a dataset row, with odd cells and arithmetic faults among its
    identity cells."""
    variant = HOST.variants[report.meta.variant or ""]
    row = {cid: str(cell.value) for cid, cell in report.cells.items()}
    used = sorted({c for i in variant.identities for c in i.cells})
    if draw(st.booleans()):  # any cell: table 二's amounts and counts too
        used = sorted(variant.cells)
    if draw(st.integers(0, 5)) == 0:  # a cell of the other variant filled in
        other = sorted(c for v in HOST.variants.values() for c in v.cells if c not in variant.cells)
        row[draw(st.sampled_from(other))] = "1"
    count = draw(st.sampled_from([0, 0, 1, 1, 2, 4]))
    for cid in draw(st.lists(st.sampled_from(used), min_size=count, max_size=count, unique=True)):
        kind = draw(st.sampled_from(["fault", "format", *ODD_TEXTS]))
        value = int(Decimal(row[cid]))
        if kind == "fault":
            row[cid] = str(value + draw(st.sampled_from([1, -1, 7])) if value else 3)
        elif kind == "format":
            how = draw(st.sampled_from(["full", "signed", "commas", "unit", "spaced"]))
            row[cid] = _variant_text(value, how)
        else:
            row[cid] = draw(st.sampled_from(ODD_TEXTS[kind]))
    row.update(
        organ=report.meta.organ,
        year=str(report.meta.year),
        variant=draw(st.sampled_from([report.meta.variant or "", ""])),
        organ_id=f"o{draw(st.integers(0, 3))}",
    )
    return row


@st.composite
def datasets(draw: st.DrawFn) -> bytes:
    """A CSV dataset of a few generated reports of both variants, sometimes without some
    columns, with a row cut short or a row of no figures at all."""
    reports = draw(
        st.lists(
            st.sampled_from(["V2019", "V2021"]).flatmap(consistent_reports),
            min_size=1,
            max_size=5,
        )
    )
    body = [draw(rows(r)) for r in reports]
    if draw(st.booleans()):
        body.append({"organ": "空白机关", "year": "2023", "variant": "V2021"})
    dropped: set[str] = set()
    gap = draw(st.sampled_from(["none", "none", "none", "cells", "row", "table"]))
    if gap == "cells":
        dropped.update(draw(st.lists(st.sampled_from(HEADER[9:]), max_size=5)))
    elif gap != "none":  # a row of table 四 (its identity unread), or a whole table
        prefix = draw(st.sampled_from(["t3.", "t4."] if gap == "table" else ["t4.review."]))
        dropped.update(h for h in HEADER if h.startswith(prefix))
    header = [h for h in HEADER if h not in dropped]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in body:
        fields = [row.get(h, "") for h in header]
        if draw(st.integers(0, 8)) == 0:
            fields = fields[: draw(st.integers(1, len(fields)))]
        writer.writerow(fields)
    return out.getvalue().encode("utf-8")


def _both(data: bytes, ruleset: Ruleset) -> tuple[list[ReportResult], list[ReportResult]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.csv"
        path.write_bytes(data)
        columnar = list(check_path(path, ruleset, HOST, None))
        per_report = [check_read(read, ruleset, HOST) for read in read_path(path, HOST)]
    return columnar, per_report


def _same(columnar: list[ReportResult], per_report: list[ReportResult]) -> None:
    assert [r.key for r in columnar] == [r.key for r in per_report]
    for a, b in zip(columnar, per_report, strict=True):
        assert a.findings == b.findings
        assert list(a.statuses.items()) == list(b.statuses.items())
        assert a.skipped == b.skipped
        assert a == b


@settings(max_examples=60, suppress_health_check=list(HealthCheck))
@given(datasets())
def test_columnar_n301_is_the_per_report_n301(data: bytes) -> None:
    _same(*_both(data, NATIONAL))


@settings(max_examples=30, suppress_health_check=list(HealthCheck))
@given(datasets())
def test_rows_evaluated_in_slices_find_what_the_whole_chunk_finds(data: bytes) -> None:
    """A variant's rows cut into slices of two (the identities' matrices are made a
    slice at a time) still give each row its own findings, in order."""
    from gik_rules.engine.columnar import identities

    kept = identities.ROWS
    identities.ROWS = 2
    try:
        _same(*_both(data, NATIONAL))
    finally:
        identities.ROWS = kept


@settings(max_examples=30, suppress_health_check=list(HealthCheck))
@given(datasets())
def test_the_cell_ids_told_from_the_columns_are_the_cells_a_row_makes(data: bytes) -> None:
    """What ``RowCells`` answers before it parses a cell (its keys, the tables read) is
    what parsing the row gives."""
    from gik_rules.engine.columnar import _dataset
    from gik_rules.engine.columnar.frame import ChunkFrame, row_keys
    from gik_rules.ingest.dataset import row_cells
    from gik_rules.ingest.dataset_chunks import heads

    dataset = _dataset(data, "csv", "d.csv", HOST, 3)
    if dataset is None:
        return
    pending = dataset.pending
    for chunk in dataset.chunks:
        row_heads, pending = heads(dataset, chunk, HOST.variants, pending)
        variants = [h.variant for h in row_heads]
        rows = [h.index for h in row_heads if h.meta is not None]
        keys = row_keys(ChunkFrame(chunk), variants, rows)
        for r in rows:
            made = row_cells(
                chunk.texts(r), variants[r], chunk.numbers[r], chunk.lines[r], dataset.letters
            )
            assert keys[r][0] == tuple(made)


def test_a_faulty_dataset_has_the_same_n301_findings_both_ways(host: Host) -> None:
    """A fixed case that does find something (the property may draw few faults)."""
    variant = host.variants["V2021"]
    row = dict.fromkeys(HEADER, "")
    row.update({cid: "0" for cid in variant.cells})
    row.update(organ="示例县人民政府", year="2023", variant="V2021")
    row.update({"t4.review.upheld": "３", "t4.review.total": "2", "t3.new.np": "1,000"})
    row["t3.total.ce"] = "/"
    row["t3.open.ce"] = "4"
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, [row[h] for h in HEADER]])
    columnar, per_report = _both(out.getvalue().encode(), NATIONAL)
    _same(columnar, per_report)
    codes = [f.location.ref for f in columnar[0].findings if f.code == "N301"]
    assert len(codes) >= 3 and all(ref and ref.endswith("2") for ref in codes)


@pytest.mark.parametrize("select", [["identity-mismatch"], ["blank-cell", "invalid-number"]])
def test_selected_rules_alone(select: list[str]) -> None:
    ruleset = load_ruleset("national", select=select, host=HOST)
    body = ",".join(HEADER) + "\n" + ",".join(["甲机关", "2023", "V2021"]) + "\n"
    _same(*_both(body.encode(), ruleset))


def test_only_the_national_implementation_is_replaced() -> None:
    config = NATIONAL.config("N301")
    assert config is not None and is_columnar(config.rule)
    other = NATIONAL.config("N302")
    assert other is not None and not is_columnar(other.rule)


_CHARS = st.sampled_from(list("0123456789０１２３４５６７８９ ,.+-－/—元件万x\u3000\xa0²٣"))


def _expected(cell: Cell) -> tuple[int, float]:
    """The state and figure the columnar engine must give a cell as parsed."""
    if cell.state is CellState.INVALID:
        return INVALID, 0.0
    if cell.value is None:
        return BLANK, 0.0
    if isinstance(cell.value, int) and abs(cell.value) < 10**12:
        return NUMBER, float(cell.value)
    return EXACT, 0.0


@given(st.lists(st.one_of(st.none(), st.text(_CHARS, max_size=16)), min_size=1, max_size=40))
def test_column_parsing_is_parse_cell_text(texts: list[str | None]) -> None:
    states, values = parse_column(texts)
    for text, state, value in zip(texts, states, values, strict=True):
        expected = (ABSENT, 0.0) if text is None else _expected(parse_cell_text(text))
        assert (int(state), float(value)) == expected, text


@settings(max_examples=25, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.one_of(st.none(), st.text(max_size=3), st.integers(0, 40_000).map(str)),
        min_size=1,
        max_size=400,
    )
)
def test_a_compacted_chunk_holds_the_same_texts(texts: list[str | None]) -> None:
    """Rows kept for the dataset rules read their texts from the compacted chunk: the
    same texts (blanks and missing fields too), whatever the number of distinct ones,
    and the same figures, whether a row's cell is made or its figure read alone."""
    import pyarrow as pa

    from gik_rules.forms.derive import derived_sum
    from gik_rules.ingest import dataset_chunks
    from gik_rules.ingest.dataset_chunks import Chunk, RowCells, compacted

    n = len(texts)
    figures = pa.array([str(i % 7) for i in range(n)], pa.string())
    chunk = Chunk(
        range(n),
        [None] * n,
        [None] * n,
        [2] * n,
        {},
        {},
        {"b": figures, "a": pa.array(texts, pa.string())},  # "b" first: the order kept
    )
    kept = dataset_chunks._CODED_MAX
    dataset_chunks._CODED_MAX = 7  # "b" parsed (its 7 texts), "a" of more kept as Arrow's
    try:
        small = compacted(chunk)
    finally:
        dataset_chunks._CODED_MAX = kept
    # in the columns' order: a row's cells, made again from them, are in that order
    assert [list(small.texts(i).items()) for i in range(n)] == [
        list(chunk.texts(i).items()) for i in range(n)
    ]
    letters = {"a": "A", "b": "B"}
    for i in range(n):
        row = RowCells(chunk, i, None, letters)
        made = dict(row.items())  # its keys known from now on
        row.release()
        row.move(small)
        assert {cid: row[cid] for cid in row} == made
        assert list(row.items()) == list(made.items())
        seen = row.figures()
        assert [(seen[c].value, seen[c].state) for c in seen] == [
            (cell.value, cell.state) for cell in made.values()
        ]
        assert derived_sum(row, ["a", "b"], None) == derived_sum(made, ["a", "b"], None)
    if n > 100:  # a column of a few small figures takes a fraction of the memory
        coded = small.coded["b"].index
        assert len(coded) * coded.itemsize * 2 < figures.nbytes  # type: ignore[attr-defined]
