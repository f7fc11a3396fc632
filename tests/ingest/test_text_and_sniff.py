"""Plain text in every encoding, damaged text, and choosing the reader by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from gik_rules.host import Host
from gik_rules.ingest.reader import read_bytes
from gik_rules.ingest.sniff import sniff
from gik_rules.model import Provenance
from gik_rules.model.canonical import from_toml
from tests.ingest.conftest import GOLDEN, corpus_file, differences, read_one
from tests.ingest.layouts import report_layout, to_docx, to_html


@pytest.mark.parametrize(
    ("codec", "recorded"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
    ],
)
def test_the_seed_in_every_encoding(codec: str, recorded: str, seed_path: Path, host: Host) -> None:
    text = seed_path.read_text(encoding="utf-8")
    result = read_one(text.encode(codec), seed_path.name, host)
    assert result.report is not None and result.issues == ()
    assert result.report.meta.encoding == recorded
    golden = from_toml((GOLDEN / f"seed-{seed_path.stem}.toml").read_text(encoding="utf-8"))
    assert [
        d for d in differences(result.report, golden) if not d.startswith("meta.encoding")
    ] == []


def test_the_seed_in_gbk(seed_path: Path, host: Host) -> None:
    # GBK has no no-break space; a GBK file has plain spaces where the seed has them.
    text = seed_path.read_text(encoding="utf-8").replace("\xa0", " ")
    result = read_one(text.encode("gbk"), seed_path.name, host)
    assert result.report is not None and result.issues == ()
    assert result.report.meta.encoding == "gb18030"
    assert result.report.meta.organ == "区商务局"
    assert len(result.report.cells) == 198


def test_truncated_text_gives_what_could_be_read(seed_path: Path, host: Host) -> None:
    data = seed_path.read_bytes()
    golden = from_toml((GOLDEN / f"seed-{seed_path.stem}.toml").read_text(encoding="utf-8"))
    for cut in range(len(data) // 20, len(data), len(data) // 41):
        result = read_one(data[:cut], seed_path.name, host)
        assert result.report is not None
        assert result.report.meta.encoding == "utf-8"  # a character cut in two is still UTF-8
        if len(result.report.cells) < len(golden.cells):  # what is missing is reported
            # a table or row not there (P004, P005), a row cut short (P007), the cut (P009)
            assert {"P004", "P005", "P007"} & {i.code for i in result.issues}, cut
        # Whatever was read is what the whole file says: no figure cut in two.
        # (A row cut short is unread: its cells are marked so, with no figure.)
        for cid, cell in result.report.cells.items():
            if cell.provenance is Provenance.UNREAD:
                assert cell.value is None, (cut, cid)
                continue
            assert cell.raw == golden.cells[cid].raw, (cut, cid)


def test_text_cut_in_a_table_right_under_its_heading_keeps_the_sections(
    seed_path: Path, host: Host
) -> None:
    # Line 20 is the first row of 表二, which follows its heading with no blank line.
    data = seed_path.read_bytes()
    start = sum(len(line) + 1 for line in data.split(b"\n")[:19])
    cut = start + len("\t第二十条第（一".encode())
    result = read_one(data[:cut], seed_path.name, host)
    assert result.report is not None
    assert [s.number for s in result.report.sections] == [1, 2]
    assert result.report.meta.organ == "区商务局"
    assert [(i.code, i.location.line) for i in result.issues if i.code == "P009"] == [("P009", 20)]
    # 表二 lost its only row with the cut: it is reported as missing too
    assert [i.location.table for i in result.issues if i.code == "P004"] == ["t2", "t3", "t4"]


def test_text_without_blank_lines_cut_in_a_table_keeps_what_came_before(host: Host) -> None:
    text = (
        "区商务局\n2021年度政府信息公开年度报告\n一、总体情况\n正文。\n"
        "二、主动公开政府信息情况\n\t第二十条第（一）项\n\t信息内容\n\t本年新"
    )
    result = read_one(text.encode(), "cut.txt", host)
    assert result.report is not None
    assert (result.report.meta.organ, result.report.meta.year) == ("区商务局", 2021)
    assert [s.number for s in result.report.sections] == [1, 2]
    assert result.report.sections[0].text == "正文。"
    assert [(i.code, i.location.line) for i in result.issues if i.code == "P009"] == [("P009", 6)]


def test_damaged_bytes_are_a_finding(seed_path: Path, host: Host) -> None:
    data = bytearray(seed_path.read_bytes())
    data[200:203] = b"\xff\xfe\xfd"
    result = read_one(bytes(data), seed_path.name, host)
    assert result.report is not None
    assert result.report.meta.organ == "区商务局"  # not garbled as GB18030
    line = data[:200].count(b"\n") + 1
    assert [(i.code, i.location.line) for i in result.issues] == [("P009", line)]


def test_binary_junk_is_p001(host: Host) -> None:
    result = read_one(bytes(range(128, 256)) * 3 + b"\x00\x81" * 50, "junk.txt", host)
    assert [i.code for i in result.issues] == ["P001"] or result.report is not None


def test_empty_file_is_p001(host: Host) -> None:
    result = read_one(b"  \n", "empty.txt", host)
    assert result.report is None and [i.code for i in result.issues] == ["P001"]


def test_the_reader_is_chosen_by_content(host: Host) -> None:
    layout = report_layout(host.variants["V2021"], {"t3.new.np": "7"})
    pdf = corpus_file("huaian-hongze-district-2024.pdf").read_bytes()
    for data, name, fmt in (
        (to_docx(layout), "report.txt", "docx"),
        (to_docx(layout), "report", "docx"),
        (to_html(layout).encode(), "report.txt", "html"),
        (to_html(layout).encode("utf-16"), "report", "html"),
        (pdf, "report.docx", "pdf"),
    ):
        assert sniff(data, name) == fmt
        result = read_one(data, name, host)
        assert result.format == fmt and result.report is not None
        assert result.report.cell("t3.new.np").value == (95 if fmt == "pdf" else 7)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_sniffed_like_it_is_decoded(codec: str, host: Host) -> None:
    from tests.conftest import REPO

    layout = report_layout(host.variants["V2021"], {"t3.new.np": "7"})
    page = to_html(layout).encode(codec)
    assert sniff(page, "report") == "html"
    result = read_one(page, "report", host)
    assert result.format == "html" and result.report is not None
    assert result.report.meta.encoding == codec
    assert result.report.cell("t3.new.np").value == 7

    header = (REPO / "examples" / "dataset-template.csv").read_text(encoding="utf-8").strip()
    data = (header + "\n示例县人民政府,2024\n").encode(codec)
    assert sniff(data, "export.txt") == "csv"
    assert [r.format for r in read_bytes(data, "export.txt", host)] == ["csv"]


def test_a_dataset_is_known_by_its_header(host: Host) -> None:
    from tests.conftest import REPO

    header = (REPO / "examples" / "dataset-template.csv").read_text(encoding="utf-8").strip()
    data = (header + "\n示例县人民政府,2024\n").encode("utf-16")
    assert sniff(data, "export.txt") == "csv"
    assert sniff(data, "export") == "csv"
    results = list(read_bytes(data, "export.txt", host))
    assert [r.format for r in results] == ["csv"]
