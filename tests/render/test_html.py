"""HTML: tables with rowspan/colspan as the form has them, every report field escaped."""

from __future__ import annotations

import attrs
import lxml.html

from gik_rules.api import read
from gik_rules.model import Cell, CellState, Section
from gik_rules.render import render_report
from tests.conftest import REPO
from tests.render.helpers import read_back

SCRIPT = '<script>alert("x")</script>'


def _clean():  # type: ignore[no-untyped-def]
    return read(REPO / "examples" / "clean-2021.toml")


def _spans(page: lxml.html.HtmlElement, table: str) -> list[tuple[str, int, int]]:
    cells = page.xpath(f'//table[@id="{table}"]//th | //table[@id="{table}"]//td')
    return [(c.text_content(), int(c.get("rowspan", 1)), int(c.get("colspan", 1))) for c in cells]


def test_tables_have_the_forms_merged_cells() -> None:
    page = lxml.html.fromstring(render_report(_clean(), "html"))
    t3 = _spans(page, "t3")
    assert t3[0][1:] == (3, 3) and t3[0][0].startswith("（本列数据")
    assert ("申请人情况", 1, 7) in t3
    assert ("法人或其他组织", 1, 5) in t3
    assert ("三、本年度办理结果", 22, 1) in t3
    t4 = _spans(page, "t4")
    assert t4[:2] == [("行政复议", 1, 5), ("行政诉讼", 1, 10)]
    assert ("未经复议直接起诉", 1, 5) in t4 and ("复议后起诉", 1, 5) in t4
    assert len(page.xpath('//table[@id="t4"]//td[@data-cell]')) == 15
    assert page.xpath("//h2")[0].text_content() == "一、总体情况"
    assert len(page.xpath("//h2")) == 6


def test_every_report_field_is_escaped() -> None:
    report = _clean()
    sections = [attrs.evolve(s, text=s.text + "\n" + SCRIPT) for s in report.sections]
    sections[1] = Section(2, SCRIPT, heading=SCRIPT, text="a & b <b>bold</b>")
    report = attrs.evolve(
        report,
        meta=attrs.evolve(
            report.meta, organ=SCRIPT + "局", title=SCRIPT + "2021年政府信息公开工作年度报告"
        ),
        preamble=SCRIPT,
        sections=tuple(sections),
        cells={**report.cells, "t3.new.np": Cell(raw=SCRIPT, state=CellState.INVALID)},
    )
    html = render_report(report, "html").decode()
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert "<b>bold</b>" not in html and "a &amp; b" in html
    page = lxml.html.fromstring(html)
    assert page.xpath("//script") == []
    assert SCRIPT in page.xpath("//h1")[0].text_content()
    back = read_back(html.encode(), "html").report
    assert back is not None and SCRIPT in back.preamble


def test_output_is_deterministic() -> None:
    assert render_report(_clean(), "html") == render_report(_clean(), "html")
