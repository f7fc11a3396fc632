"""Reports laid out as real portals and Word documents lay them out, for the reader tests.

A table is built as a grid of merged cells (the corner note over 3×3 cells, 申请人情况
across seven columns, 三、本年度办理结果 set down the rows it spans, the （三）… group cells
merged down their sub-items, table 四's two header levels) and written either as a Word
table with merged cells (python-docx) or as an HTML table with rowspan/colspan inside a
portal page (navigation, layout tables, footer).
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable, Mapping, Sequence

import attrs
import docx

from gik_rules.forms.variant import FormVariant, TableSpec

CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULTS = "三、本年度办理结果"


@attrs.frozen
class Merged:
    text: str
    rows: int = 1
    cols: int = 1


Grid = list[list[Merged]]


@attrs.frozen
class Layout:
    """A report as blocks: a str is a paragraph, a Grid a table."""

    blocks: tuple[str | Grid, ...]


def _t2(spec: TableSpec, values: Mapping[str, str]) -> Grid:
    grid: Grid = []
    for block in spec.blocks:
        width = len(block.columns)
        grid.append([Merged(block.label, cols=4)])
        header = [Merged("信息内容"), *(Merged(c.label) for c in block.columns)]
        header[-1] = Merged(header[-1].text, cols=4 - width)
        grid.append(header)
        for row in block.rows:
            cells = [Merged(values.get(f"t2.{row.id}.{c.id}", "0")) for c in block.columns]
            cells[-1] = Merged(cells[-1].text, cols=4 - width)
            grid.append([Merged(row.label), *cells])
    return grid


def _t3(spec: TableSpec, values: Mapping[str, str], relabel: Callable[[str], str]) -> Grid:
    block = spec.blocks[0]
    cols = block.columns
    grid: Grid = [
        [Merged(CORNER, rows=3, cols=3), Merged("申请人情况", cols=7)],
        [
            Merged(cols[0].label, rows=2),
            Merged("法人或其他组织", cols=5),
            Merged(cols[-1].label, rows=2),
        ],
        [Merged(c.label) for c in cols[1:-1]],
    ]
    under = [r for r in block.rows if r.group]
    for row in block.rows:
        figures = [Merged(values.get(f"t3.{row.id}.{c.id}", "0")) for c in cols]
        if not row.group:
            grid.append([Merged(relabel(row.label), cols=3), *figures])
            continue
        lead: list[Merged] = []
        if row is under[0]:
            lead.append(Merged(RESULTS, rows=len(under)))
        if row.group == RESULTS:
            grid.append([*lead, Merged(relabel(row.label), cols=2), *figures])
            continue
        group = [r for r in block.rows if r.group == row.group]
        if row is group[0]:
            lead.append(Merged(row.group, rows=len(group)))
        grid.append([*lead, Merged(relabel(row.label)), *figures])
    return grid


def _t4(spec: TableSpec, values: Mapping[str, str]) -> Grid:
    block = spec.blocks[0]
    review, direct, after = block.rows
    labels = [c.label for c in block.columns]
    return [
        [Merged(review.label, cols=5), Merged("行政诉讼", cols=10)],
        [
            *(Merged(x, rows=2) for x in labels),
            Merged(direct.label, cols=5),
            Merged(after.label, cols=5),
        ],
        [Merged(x) for x in labels * 2],
        [Merged(values.get(f"t4.{r.id}.{c.id}", "0")) for r in block.rows for c in block.columns],
    ]


def report_layout(
    variant: FormVariant,
    values: Mapping[str, str],
    *,
    organ: str = "淮安市示例区人民政府",
    year: int = 2024,
    sections: Mapping[int, str] | None = None,
    relabel: Callable[[str], str] = str,
) -> Layout:
    """Organ line, title, preamble, the six sections, and the three tables; ``relabel``
    rewrites the row labels of table 三 (as real reports vary them)."""
    texts = sections or {}
    blocks: list[str | Grid] = [
        organ,
        f"{year}年政府信息公开工作年度报告",
        f"本报告由{organ}办公室根据《中华人民共和国政府信息公开条例》编制。",
    ]
    builders: dict[int, Callable[[TableSpec, Mapping[str, str]], Grid]] = {
        2: _t2,
        3: lambda spec, values: _t3(spec, values, relabel),
        4: _t4,
    }
    for section in variant.sections:
        numeral = "一二三四五六"[section.number - 1]
        blocks.append(f"{numeral}、{section.label}")
        table = variant.table(f"t{section.number}")
        if table is not None:
            blocks.append(builders[section.number](table, values))
        blocks.append(texts.get(section.number, f"第{numeral}部分的说明。"))
    return Layout(tuple(blocks))


def _placed(grid: Grid) -> list[tuple[int, int, Merged]]:
    """(row, column, cell) of each merged cell, columns after the spans above them."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            taken.update((r + i, c + j) for i in range(cell.rows) for j in range(cell.cols))
            c += cell.cols
    return out


def to_docx(layout: Layout, *, frame: bool = False) -> bytes:
    """A Word document; ``frame`` puts the whole report into a one-cell layout table."""
    document = docx.Document()
    container = document.add_table(rows=1, cols=1).cell(0, 0) if frame else document
    for block in layout.blocks:
        if isinstance(block, str):
            container.add_paragraph(block)
            continue
        width = sum(c.cols for c in block[0])
        table = container.add_table(rows=len(block), cols=width)
        for r, c, cell in _placed(block):
            target = table.cell(r, c)
            if cell.rows > 1 or cell.cols > 1:
                target = target.merge(table.cell(r + cell.rows - 1, c + cell.cols - 1))
            target.text = cell.text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _html_table(grid: Grid) -> str:
    rows = []
    for row in grid:
        cells = []
        for cell in row:
            spans = (f' rowspan="{cell.rows}"' if cell.rows > 1 else "") + (
                f' colspan="{cell.cols}"' if cell.cols > 1 else ""
            )
            text = "<br>".join(html.escape(x) for x in cell.text.split("\n"))
            cells.append(f'<td{spans} style="border:1px solid">&nbsp;{text}&nbsp;</td>')
        rows.append("<tr>\n  " + "\n  ".join(cells) + "\n</tr>")
    return (
        '<table class="MsoNormalTable" border="1">\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def to_html(layout: Layout, *, charset: str = "utf-8") -> str:
    """A portal page: navigation, the report inside layout tables, the site footer."""
    body: list[str] = []
    for block in layout.blocks:
        if isinstance(block, str):
            body.append(f'<p style="text-indent:2em">{html.escape(block)}</p>')
        else:
            body.append(_html_table(block))
    title = html.escape(str(layout.blocks[1]))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政府信息公开</title>
<script>var nav = "一、总体情况"; document.write("<p>x</p>");</script>
<style>p {{ margin: 0 }}</style></head>
<body>
<div class="nav">首页&nbsp;&gt;&nbsp;政务公开&nbsp;&gt;&nbsp;政府信息公开年报</div>
<div style="display:none">2019年政府信息公开工作年度报告</div>
<table width="100%"><tr><td>
  <table width="1000"><tr><td class="left-menu"><ul><li>政府信息公开指南</li><li>政府信息公开制度</li></ul></td></tr>
  <tr><td class="content">
    <h1>{title}</h1>
    <div class="info">发布时间：2025-01-20&nbsp;&nbsp;来源：政府办公室</div>
    <div class="TRS_Editor">
{chr(10).join(body)}
    </div>
  </td></tr></table>
</td></tr></table>
<div class="share">【打印本页】【关闭窗口】</div>
<div class="footer">版权所有：示例市人民政府&nbsp;&nbsp;网站标识码：3208000001&nbsp;苏ICP备05000000号</div>
</body></html>
"""


def values_of(report_cells: Mapping[str, object]) -> dict[str, str]:
    """The raw text of every cell of a report, for laying it out again."""
    return {cid: str(getattr(cell, "raw", cell)) for cid, cell in report_cells.items()}


def grid_texts(grid: Sequence[Sequence[Merged]]) -> list[list[str]]:
    return [[c.text for c in row] for row in grid]
