"""Datasets: CSV and XLSX with one report per row."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.engine import check_read
from gik_rules.host import Host
from gik_rules.ingest.dataset_columns import template_header
from gik_rules.ingest.reader import read_bytes
from gik_rules.ingest.result import ReadResult
from gik_rules.model import CellState, OrganLevel
from gik_rules.ruleset import load_ruleset
from tests.conftest import REPO


def _header(host: Host) -> list[str]:
    return template_header({k: host.variants[k] for k in ("V2019", "V2021")})


def _row(host: Host, form: str = "V2021", **values: str) -> dict[str, str]:
    row = dict.fromkeys(_header(host), "")
    row.update({cid: "0" for cid in host.variants[form].cells})
    row.update(organ="淮安市洪泽区人民政府", year="2024", organ_id="320813", parent_id="320800")
    row.update(values)
    return row


def _csv(host: Host, rows: list[dict[str, str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(_header(host))
    writer.writerows([r.get(k, "") for k in _header(host)] for r in rows)
    return out.getvalue()


def _read(data: bytes, name: str, host: Host) -> list[ReadResult]:
    return list(read_bytes(data, name, host))


def test_the_template_is_the_documented_header(host: Host) -> None:
    template = (REPO / "examples" / "dataset-template.csv").read_text(encoding="utf-8")
    assert template.splitlines() == [",".join(_header(host))]
    assert _header(host)[:9] == [
        "organ",
        "year",
        "variant",
        "level",
        "region",
        "published",
        "organ_id",
        "parent_id",
        "title",
    ]
    assert (REPO / "docs" / "datasets.md").exists()


@pytest.mark.parametrize(
    ("codec", "recorded", "delimiter"),
    [
        ("utf-8", "utf-8", ","),
        ("utf-8-sig", "utf-8-sig", ","),
        ("gb18030", "gb18030", ","),
        ("gbk", "gb18030", ";"),
        ("utf-16", "utf-16", "\t"),
    ],
)
def test_csv_rows_are_reports(codec: str, recorded: str, delimiter: str, host: Host) -> None:
    rows = [
        _row(host, **{"t3.new.np": "９５", "published": "2025年1月20日", "level": "政府"}),
        _row(host, "V2019", organ="区商务局", year="2020", **{"t2.fees.change": "-2"}),
    ]
    results = _read(_csv(host, rows, delimiter).encode(codec), "d.csv", host)
    assert [r.source for r in results] == ["d.csv#row 2", "d.csv#row 3"]
    first, second = (r.report for r in results)
    assert first is not None and second is not None
    assert all(r.issues == () and not r.has_text for r in results)
    assert (first.meta.organ, first.meta.year, first.meta.variant) == (
        "淮安市洪泽区人民政府",
        2024,
        "V2021",
    )
    assert (first.meta.organ_id, first.meta.parent_id) == ("320813", "320800")
    assert first.meta.published == dt.date(2025, 1, 20)
    assert first.meta.level is OrganLevel.GOVERNMENT
    assert first.meta.encoding == recorded
    cell = first.cell("t3.new.np")
    assert (cell.value, cell.span and cell.span.ref) == (95, "T2")
    assert len(first.cells) == 200  # the 2019-only columns are empty and not read
    assert (second.meta.variant, second.cell("t2.fees.change").value) == ("V2019", -2)
    assert second.meta.level is OrganLevel.DEPARTMENT


def test_a_mixed_row_keeps_the_other_variants_filled_cells(host: Host) -> None:
    row = _row(host, **{f"t3.other.{c}": "1" for c in ("np", "tot")})
    (result,) = _read(_csv(host, [row]).encode(), "d.csv", host)
    assert result.report is not None
    assert result.report.cell("t3.other.np").value == 1
    assert "t3.other.ce" not in result.report.cells


def test_bad_rows_are_findings_of_their_own_row(host: Host) -> None:
    text = _csv(
        host,
        [
            _row(host, year="二〇二四"),
            _row(host, variant="V2030"),
            _row(host, published="昨天", level="省级"),
            _row(host, organ=""),
        ],
    )
    text += "淮安市,2024\r\n"  # a row cut short
    text += '"unterminated,2024\r\n'
    results = _read(text.encode(), "d.csv", host)
    issues = {r.source: [(i.code, i.location.ref) for i in r.issues] for r in results}
    assert issues == {
        "d.csv#row 2": [("P002", "B2")],
        "d.csv#row 3": [("P003", "C3")],
        "d.csv#row 4": [("P009", "F4"), ("P009", "D4")],
        "d.csv#row 5": [("P002", "A5")],
        "d.csv#row 6": [("P009", "row 6")],
        "d.csv#row 7": [("P009", "row 7")],
    }
    assert results[-1].report is None  # nothing of a broken row is read
    assert results[1].report is not None and results[1].report.meta.variant is None


def test_header_problems(host: Host) -> None:
    header = ["organ", "year", "备注", "t3.new.natural", *host.variants["V2021"].table_cells("t3")]
    body = "\n".join(
        [",".join(header), ",".join(["示例县人民政府", "2024", "x", "1"] + ["0"] * 175)]
    )
    results = _read((body + "\n" + body.splitlines()[1]).encode(), "d.csv", host)
    first = [(i.code, i.location.ref, i.location.table) for i in results[0].issues]
    assert ("P010", "C1", None) in first and ("P010", "D1", None) in first
    assert ("P004", "row 2", "t2") in first and ("P004", "row 2", "t4") in first
    assert {i.code for i in results[1].issues} == {"P004"}  # P010 once, with the first row


def test_missing_columns_are_reported_with_every_row_of_each_variant(host: Host) -> None:
    t3 = host.variants["V2021"].table_cells("t3")
    header = ["organ", "year", "variant", *t3[1:]]  # no column for the first cell of 表三
    lines = [",".join(header)] + [
        ",".join(["示例县人民政府", year, form] + ["0"] * (len(t3) - 1))
        for year, form in (("2024", "2021"), ("2023", "2021"), ("2019", "2019"))
    ]
    results = _read("\n".join(lines).encode(), "d.csv", host)

    def gaps(result: ReadResult) -> list[tuple[str, str | None, str | None, str | None]]:
        return [
            (i.code, i.location.ref, i.location.table, i.location.row)
            for i in result.issues
            if i.code in ("P004", "P005")
        ]

    row_of_first = t3[0].split(".")[1]
    for number in (2, 3):
        assert gaps(results[number - 2]) == [
            ("P004", f"row {number}", "t2", None),
            ("P005", f"row {number}", "t3", row_of_first),
            ("P004", f"row {number}", "t4", None),
        ]
    assert gaps(results[2]) == [  # V2019 has its own gaps: the header has no （六） row
        ("P004", "row 4", "t2", None),
        ("P005", "row 4", "t3", row_of_first),
        ("P005", "row 4", "t3", "other"),
        ("P004", "row 4", "t4", None),
    ]


def test_not_a_dataset_is_p001(host: Host) -> None:
    (result,) = _read("名称,数量\n甲,1\n".encode(), "d.csv", host)
    assert result.report is None and [i.code for i in result.issues] == ["P001"]


def _xlsx(host: Host, rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([])  # a title row left empty above the header
    sheet.append([*_header(host), "备注"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_rows_are_reports(host: Host) -> None:
    header = _header(host)
    values = _row(host)
    row: list[object] = [values[k] for k in header]
    row[header.index("year")] = 2024
    row[header.index("published")] = dt.datetime(2025, 1, 20)
    row[header.index("t3.new.np")] = 3
    row[header.index("t2.fees.amount")] = 12.5
    row[header.index("t3.new.tot")] = None
    results = _read(_xlsx(host, [row, [], row]), "d.xlsx", host)
    assert [r.source for r in results] == ["d.xlsx#row 3", "d.xlsx#row 5"]
    report = results[0].report
    assert report is not None
    assert [(i.code, i.location.ref) for i in results[0].issues] == [
        ("P010", f"{_col(len(header))}1")
    ]
    assert results[1].issues == ()
    assert (report.meta.year, report.meta.published) == (2024, dt.date(2025, 1, 20))
    assert report.cell("t3.new.np").value == 3
    assert report.cell("t2.fees.amount").value == Decimal("12.5")
    assert report.cell("t3.new.tot").state is CellState.BLANK


def _col(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def test_truncated_and_corrupted_datasets(host: Host) -> None:
    rows = [_row(host), _row(host)]
    data = _csv(host, rows).encode()
    cut = _read(data[: len(data) - 200], "d.csv", host)
    assert [r.source for r in cut] == ["d.csv#row 2", "d.csv#row 3"]
    assert cut[0].issues == ()
    assert [i.code for i in cut[1].issues] == ["P009"]
    book = _xlsx(host, [[_row(host)[k] for k in _header(host)]])
    for damaged in (book[: len(book) // 2], book[:10], b"PK\x03\x04" + bytes(100)):
        (result,) = _read(damaged, "d.xlsx", host)
        assert result.report is None and [i.code for i in result.issues] == ["P001"]


def test_dataset_rows_skip_the_rules_that_read_text(host: Host) -> None:
    row = _row(host, **{"t4.review.upheld": "1", "t4.review.total": "0"})
    (read,) = _read(_csv(host, [row]).encode(), "d.csv", host)
    result = check_read(read, load_ruleset("national", host.rules, host.rulesets), host)
    names = {f.name for f in result.findings}
    assert "section-missing" not in names
    mismatch = next(f for f in result.findings if f.name == "identity-mismatch")
    assert mismatch.location.cell == "t4.review.total"
    assert mismatch.location.ref == f"{_col(_header(host).index('t4.review.total'))}2"
    assert result.key == "d.csv#row 2"


@given(
    st.lists(st.integers(min_value=-(10**9), max_value=10**9), min_size=1, max_size=7),
    st.booleans(),
)
def test_numbers_round_trip(numbers: list[int], full_width: bool) -> None:
    from gik_rules.host import default_host

    host = default_host()
    ids = host.variants["V2021"].table_cells("t3")[: len(numbers)]
    width = str.maketrans("0123456789-", "０１２３４５６７８９－") if full_width else None
    texts = {
        cid: f"{n:,}".translate(width) if width else str(n)
        for cid, n in zip(ids, numbers, strict=True)
    }
    (result,) = _read(_csv(host, [_row(host, **texts)]).encode("gb18030"), "d.csv", host)
    assert result.report is not None
    assert [result.report.cell(cid).value for cid in ids] == numbers


def test_xlsx_is_parsed_without_entity_expansion() -> None:
    import openpyxl.xml

    # openpyxl uses defusedxml when it is installed; gik-rules depends on it for that.
    assert openpyxl.xml.DEFUSEDXML


def test_column_letters_are_openpyxls() -> None:
    """A dataset's column letters without openpyxl: the same as its get_column_letter,
    and the same error past XFD's three letters."""
    from openpyxl.utils import get_column_letter

    from gik_rules.ingest.dataset_columns import column_letter

    for index in range(18278):
        assert column_letter(index) == get_column_letter(index + 1)
    for index in (-1, 18278):
        with pytest.raises(ValueError):
            column_letter(index)
        with pytest.raises(ValueError):
            get_column_letter(index + 1)
