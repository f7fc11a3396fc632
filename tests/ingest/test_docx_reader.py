"""The .docx reader: real Word tables with merged cells, built with python-docx."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml

from gik_rules.host import Host
from gik_rules.ingest.document import Paragraph, RawTable
from gik_rules.ingest.docx_reader import read_docx
from gik_rules.model.canonical import from_toml
from tests.ingest.conftest import GOLDEN, read_one
from tests.ingest.layouts import report_layout, to_docx, values_of


def _golden_values() -> dict[str, str]:
    report = from_toml((GOLDEN / "huaian-city-2024.toml").read_text(encoding="utf-8"))
    return values_of(report.cells)


@pytest.mark.parametrize("frame", [False, True])
@pytest.mark.parametrize(("variant", "year"), [("V2021", 2024), ("V2019", 2020)])
def test_every_cell_of_a_word_report(variant: str, year: int, frame: bool, host: Host) -> None:
    values = {cid: str(i) for i, cid in enumerate(host.variants[variant].cells)}
    data = to_docx(report_layout(host.variants[variant], values, year=year), frame=frame)
    result = read_one(data, "report.docx", host)
    report = result.report
    assert report is not None and result.issues == ()
    assert (report.meta.organ, report.meta.year, report.meta.variant) == (
        "淮安市示例区人民政府",
        year,
        variant,
    )
    assert {cid: c.raw for cid, c in report.cells.items()} == values
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_the_city_report_as_a_word_file_reads_the_same_cells(host: Host) -> None:
    values = _golden_values()
    data = to_docx(report_layout(host.variants["V2021"], values, organ="淮安市人民政府"))
    report = read_one(data, "city.docx", host).report
    assert report is not None
    assert {cid: c.raw for cid, c in report.cells.items()} == values


def test_merged_cells_are_given_once_with_grid_positions(host: Host) -> None:
    data = to_docx(report_layout(host.variants["V2021"], {}))
    tables = [b for b in read_docx(data, "x").blocks if isinstance(b, RawTable)]
    header = [[c.text for c in row] for row in tables[1].rows[:3]]
    assert header == [
        ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
    ]
    assert tables[1].rows[1][2].span.ref == "table 2, row 2, column 10"
    results_row = tables[1].rows[5]
    assert [c.text for c in results_row[:2]] == ["三、本年度办理结果", "（一）予以公开"]
    assert [c.text for c in tables[2].rows[0]] == ["行政复议", "行政诉讼"]


def _with_body(xml: str) -> bytes:
    document = docx.Document()
    body = document.element.body
    for element in parse_xml(
        '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        + xml
        + "</w:body>"
    ):
        body.insert(len(body) - 1, element)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_line_breaks_insertions_and_deletions() -> None:
    data = _with_body(
        "<w:p><w:r><w:t>淮安市人民政府</w:t><w:br/><w:t>2024年政府信息公开工作年度报告</w:t></w:r></w:p>"
        "<w:p><w:ins><w:r><w:t>一、总体</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>"
        "<w:r><w:t>情况</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>内容控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    paragraphs = [b for b in read_docx(data, "x").blocks if isinstance(b, Paragraph)]
    assert [(p.text, p.span.line) for p in paragraphs] == [
        ("淮安市人民政府", 1),
        ("2024年政府信息公开工作年度报告", 1),
        ("一、总体情况", 2),
        ("内容控件中的段落", 3),
    ]


def test_a_report_without_tables_reads_with_findings(host: Host) -> None:
    document = docx.Document()
    for text in ("示例县人民政府", "2024年政府信息公开工作年度报告", "一、总体情况", "正文。"):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    result = read_one(out.getvalue(), "x.docx", host)
    assert result.report is not None
    assert result.report.meta.organ == "示例县人民政府"
    assert {i.code for i in result.issues} == {"P004"}


def _corrupted_docx(host: Host) -> bytes:
    data = to_docx(report_layout(host.variants["V2021"], {}))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "word/document.xml":
                body = body[: len(body) // 2]  # the XML breaks off
            target.writestr(item, body)
    return out.getvalue()


@pytest.mark.parametrize("name", ["x.docx", "x"])
def test_truncated_and_corrupted_docx_never_crash(name: str, host: Host) -> None:
    data = to_docx(report_layout(host.variants["V2021"], {}))
    for damaged in (data[:100], data[: len(data) // 2], _corrupted_docx(host)):
        result = read_one(damaged, name, host)
        assert result.report is not None or [i.code for i in result.issues] == ["P001"]
    assert read_one(data[:100], name, host).report is None


@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.95])
def test_a_truncated_docx_gives_what_is_left(fraction: float, host: Host) -> None:
    values = {cid: str(i) for i, cid in enumerate(host.variants["V2021"].cells)}
    data = to_docx(report_layout(host.variants["V2021"], values))
    part = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    body = part.header_offset + 30 + len(part.filename)
    result = read_one(data[: body + int(part.compress_size * fraction)], "cut.docx", host)
    report = result.report
    assert report is not None
    assert "P009" in {i.code for i in result.issues}
    assert report.meta.organ == "淮安市示例区人民政府"
    assert report.cells and all(values[cid] == c.raw for cid, c in report.cells.items())
    if fraction > 0.9:
        assert len(report.cells) == len(values)
