"""The HTML reader on pages laid out as government portals publish reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gik_rules.host import Host
from gik_rules.ingest.document import Paragraph, RawTable
from gik_rules.ingest.html_reader import read_html
from gik_rules.model import CellState
from tests.ingest.conftest import read_one
from tests.ingest.layouts import report_layout, to_html


@pytest.mark.parametrize(("variant", "year"), [("V2021", 2023), ("V2019", 2019)])
def test_every_cell_of_a_portal_page(variant: str, year: int, host: Host) -> None:
    values = {cid: str(i) for i, cid in enumerate(host.variants[variant].cells)}
    page = to_html(report_layout(host.variants[variant], values, year=year))
    result = read_one(page.encode("utf-8"), "report.html", host)
    report = result.report
    assert report is not None and result.issues == ()
    assert (report.meta.organ, report.meta.year, report.meta.variant) == (
        "淮安市示例区人民政府",
        year,
        variant,
    )
    # &nbsp; around every figure is kept in the raw text and ignored in the value.
    assert {cid: c.raw.strip("\xa0") for cid, c in report.cells.items()} == values
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_navigation_scripts_and_footer_are_not_the_report(host: Host) -> None:
    document = read_html(to_html(report_layout(host.variants["V2021"], {})).encode(), "x")
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts[:2] == ["淮安市示例区人民政府", "2024年政府信息公开工作年度报告"]
    assert texts[-1] == "第六部分的说明。"
    joined = "\n".join(texts)
    for noise in ("首页", "document.write", "政府信息公开指南", "2019年", "版权所有", "打印本页"):
        assert noise not in joined
    tables = [b for b in document.blocks if isinstance(b, RawTable)]
    assert len(tables) == 3  # the layout tables around the report are not tables
    cell = tables[1].rows[3][1]
    assert (cell.text, cell.span.ref) == ("\xa00\xa0", "table 2, row 4, column 4")
    assert cell.span.line is not None and cell.span.line > 20


def test_title_only_in_the_page_heading(host: Host) -> None:
    page = """<html><body><div class="crumb">当前位置：首页 &gt; 政府信息公开年报</div>
    <h1>淮安市洪泽区人民政府2024年政府信息公开工作年度报告</h1>
    <div class="info">发布日期：2025-01-20</div>
    <div class="content"><p>一、总体情况</p><p>正文。</p>
    <p>二、主动公开政府信息情况</p><p>五、存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p>
    <p>无。</p></div><div>上一篇：2023年报告</div></body></html>"""
    report = read_one(page.encode(), "p.html", host).report
    assert report is not None
    assert (report.meta.organ, report.meta.year) == ("淮安市洪泽区人民政府", 2024)
    six = report.section(6)
    assert six is not None and six.text == "无。"


def test_a_paragraph_that_starts_with_a_line_break_has_its_own_line() -> None:
    page = """<html><body>
    <h1>示例县人民政府2024年政府信息公开工作年度报告</h1>
    <p>一、总体情况</p>
    <p>第一段。</p>
    <p><br>第二段。</p>
    <p>第三段。<br>第四段。</p>
    </body></html>"""
    document = read_html(page.encode(), "p.html")
    lines = {b.text: b.span.line for b in document.blocks if isinstance(b, Paragraph)}
    assert [lines[t] for t in ("第一段。", "第二段。", "第三段。", "第四段。")] == [4, 5, 6, 6]


def test_entities_are_not_expanded_and_nothing_is_fetched(tmp_path: Path, host: Host) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    page = f"""<?xml version="1.0"?>
<!DOCTYPE html [
  <!ENTITY xxe SYSTEM "file://{secret}">
  <!ENTITY net SYSTEM "http://127.0.0.1:9/evil.dtd">
  <!ENTITY lol "lol">
]>
<html><body><p>示例县人民政府</p><p>2024年政府信息公开工作年度报告</p>
<p>一、总体情况</p><p>A&xxe;B&net;C&lol;D&nbsp;E</p></body></html>"""
    document = read_html(page.encode(), "x")
    text = "\n".join(b.text for b in document.blocks if isinstance(b, Paragraph))
    assert "TOP-SECRET" not in text
    assert "lollol" not in text
    assert "A&xxe;B" in text
    assert "D\xa0E" in text
    first = next(b for b in document.blocks if isinstance(b, Paragraph))
    assert first.span.line == 7  # source lines stay right after the DOCTYPE is cut


@pytest.mark.parametrize(
    ("codec", "charset", "recorded"),
    [
        ("utf-8", "utf-8", "utf-8"),
        ("utf-8-sig", "utf-8", "utf-8-sig"),
        ("gb18030", "gb2312", "gb18030"),
        ("gbk", "gbk", "gb18030"),
        ("utf-16", "utf-16", "utf-16"),
    ],
)
def test_encodings(codec: str, charset: str, recorded: str, host: Host) -> None:
    values = {"t3.new.np": "95", "t4.review.total": "2"}
    page = to_html(report_layout(host.variants["V2021"], values), charset=charset)
    result = read_one(page.encode(codec), "page.htm", host)
    assert result.report is not None
    assert result.report.meta.encoding == recorded
    assert result.report.meta.organ == "淮安市示例区人民政府"
    assert result.report.cell("t3.new.np").value == 95


def test_cell_texts_as_written(host: Host) -> None:
    """Full-width digits and commas, signed changes, units in cells, spaced and half-width
    labels, ASCII quotes, 规范性文件 for 行政规范性文件, a title variant of section 四."""
    rows = [
        ("第二十条第（一）项", ""),
        ("信息内容", "<td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td>"),
        ("规范性文件", "<td>１，２３４</td><td>０</td><td>12</td>"),
        ("第二十条第（五）项", ""),
        ("信息内容", "<td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td>"),
        ("行政许可", "<td>10</td><td>＋3</td><td>5</td>"),
        ("其他对外管理服务事项", "<td>4</td><td>－2</td><td>/</td>"),
        ("第二十条第（九）项", ""),
        ("信息内容", "<td>采购项目数量</td><td colspan=2>采购总金额</td>"),
        ("政府集中采购", "<td>3</td><td colspan=2>251000元</td>"),
    ]
    t2 = "".join(
        f"<tr><td colspan=4>{label}</td></tr>" if not cells else f"<tr><td>{label}</td>{cells}</tr>"
        for label, cells in rows
    )
    t3 = "<tr><td colspan=3>(七)总 计</td>" + "<td>1</td>" * 7 + "</tr>"
    t3 += '<tr><td>3.危及"三安全一稳定"</td>' + "<td>2</td>" * 7 + "</tr>"
    page = f"""<html><body><p>示例县商务局</p><p>2020年政府信息公开工作年度报告</p>
    <p>一、总体情况</p><p>二、主动公开政府信息情况</p><table>{t2}</table>
    <p>三、收到和处理政府信息公开申请情况</p><table>{t3}</table>
    <p>四、因政府信息公开工作被申请行政复议和提起行政诉讼情况</p>
    <table><tr><td colspan=5>行政复议</td><td colspan=10>行政诉讼</td></tr>
    <tr>{"<td>12.5万元</td>" + "<td>0</td>" * 14}</tr></table>
    <p>五、政府信息公开工作存在的主要问题及改进情况</p><p>六、其他需要报告的事项</p></body></html>"""
    report = read_one(page.encode("gb18030"), "v2019.html", host).report
    assert report is not None and report.meta.variant == "V2019"
    cell = report.cell
    assert cell("t2.normative.new_made").value == 1234
    assert cell("t2.normative.new_published").value == 0
    assert (cell("t2.licensing.change").value, cell("t2.other_services.change").value) == (3, -2)
    assert cell("t2.other_services.decisions").state is CellState.PLACEHOLDER
    assert (cell("t2.procurement.amount").value, cell("t2.procurement.amount").unit) == (
        251000,
        "元",
    )
    assert cell("t3.total.tot").value == 1
    assert cell("t3.deny_safety.np").value == 2
    assert str(cell("t4.review.upheld").value) == "12.5"
    assert cell("t4.review.upheld").unit == "万元"
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.tables["t4"].span is not None


def test_truncated_pages_give_what_could_be_read(host: Host) -> None:
    values = {cid: "145" for cid in host.variants["V2021"].cells}
    data = to_html(report_layout(host.variants["V2021"], values)).encode()
    for cut in range(len(data) // 5, len(data), len(data) // 37):
        result = read_one(data[:cut], "cut.html", host)
        assert result.report is not None
        codes = {i.code for i in result.issues}
        assert codes, cut
        # A figure cut in two ("14" of "145") is never read: its row is dropped.
        assert all(c.value == 145 for c in result.report.cells.values() if c.is_number), cut
        if any("inside a table" in i.message_en for i in result.issues):
            # the rows or tables lost are reported: missing (P004, P005) or without figures (P007)
            assert {"P004", "P005", "P007"} & codes


@pytest.mark.parametrize(
    "data",
    [
        b"<html>" + bytes(range(256)) * 8,
        b"<table><tr><td rowspan=999999999 colspan=-3>x</td></tr></table>",
        b"<html><body><table></table></body></html>",
        "<html>\ufeff<body>".encode("utf-16-le"),
        b"<html><body>" + "一、总体情况".encode() + b"<p>\xff\xfe damaged</p></body></html>",
    ],
)
def test_corrupted_pages_never_crash(data: bytes, host: Host) -> None:
    result = read_one(data, "bad.html", host)
    # a report, or one finding that says why there is none: unreadable, past a limit (the
    # garbage as an organ name of 1,464 characters), or no report at all
    codes = [i.code for i in result.issues if i.code != "P009"]
    assert result.report is not None or codes in (["P001"], ["P013"], ["P014"])


_WIDTH = str.maketrans("0123456789.()", "０１２３４５６７８９．（）")
_HALF = str.maketrans("（）“”，、", '()"",,')


def _variants_of(label: str, how: int) -> str:
    """A row label as real reports vary it: full or half width, spaced, other quotes."""
    if how == 1:
        return label.translate(_WIDTH)
    if how == 2:
        return label.translate(_HALF)
    if how == 3:
        return " ".join(label[:4]) + label[4:]
    return label


@given(
    figures=st.lists(st.integers(min_value=0, max_value=10**6), min_size=175, max_size=175),
    how=st.integers(min_value=0, max_value=3),
    full_width=st.booleans(),
)
def test_any_figures_under_any_label_spelling(
    figures: list[int], how: int, full_width: bool
) -> None:
    from gik_rules.host import default_host

    host = default_host()
    ids = host.variants["V2021"].table_cells("t3")
    texts = [f"{n:,}".translate(_WIDTH) if full_width else str(n) for n in figures]
    layout = report_layout(
        host.variants["V2021"],
        dict(zip(ids, texts, strict=True)),
        relabel=lambda label: _variants_of(label, how),
    )
    report = read_one(to_html(layout).encode("gb18030"), "p.html", host).report
    assert report is not None
    assert [report.cell(cid).value for cid in ids] == figures


def test_a_page_that_is_no_current_report_gets_one_finding(host: Host) -> None:
    old = (
        "<html><body><p>示例县统计局2017年政府信息公开工作年度报告</p><p>一、概述</p>"
        "<table><tr><td>指标名称</td><td>计量单位</td><td>统计数</td></tr>"
        "<tr><td>主动公开政府信息数</td><td>条</td><td>100</td></tr></table></body></html>"
    )
    result = read_one(old.encode(), "old.html", host)
    assert result.report is None and [i.code for i in result.issues] == ["P012"]
    other = "<html><body><h1>通知</h1><p>明天下午三点开会。</p></body></html>"
    result = read_one(other.encode(), "notice.html", host)
    assert result.report is None and [i.code for i in result.issues] == ["P013"]
