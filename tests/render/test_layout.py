"""Tables laid out exactly as each variant prescribes (spec forms.md §1.3–1.5, §2.3–2.5)."""

from __future__ import annotations

import pytest

from gik_rules.forms.variant import FormVariant
from gik_rules.host import default_host
from gik_rules.render.grid import Grid, GridCell, GridError
from gik_rules.render.layout import TableLayout, lay_out
from gik_rules.render.templates import TemplateError, load_templates

VARIANTS = ("V2019", "V2021")


def _variant(vid: str) -> FormVariant:
    return default_host().variants[vid]


def _grid(vid: str, table: str) -> Grid:
    variant = _variant(vid)
    templates = load_templates(variant, "national", default_host().templates)
    return lay_out(variant, table, templates.layout(table), lambda cid: cid).grid


def _cell(grid: Grid, text: str) -> GridCell:
    return next(c for row in grid.rows for c in row if c.text == text)


@pytest.mark.parametrize("vid", VARIANTS)
def test_table_3_header_merges(vid: str) -> None:
    grid = _grid(vid, "t3")
    corner = grid.rows[0][0]
    assert corner.text.startswith("（本列数据的勾稽关系为")
    assert (corner.rowspan, corner.colspan) == (3, 3)
    assert (_cell(grid, "申请人情况").rowspan, _cell(grid, "申请人情况").colspan) == (1, 7)
    assert _cell(grid, "法人或其他组织").colspan == 5
    assert _cell(grid, "自然人").rowspan == 2 and _cell(grid, "总计").rowspan == 2
    assert [c.text for c in grid.rows[2]] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert grid.width == 10


@pytest.mark.parametrize(("vid", "outcomes"), [("V2019", 20), ("V2021", 22)])
def test_table_3_row_groups(vid: str, outcomes: int) -> None:
    grid = _grid(vid, "t3")
    assert _cell(grid, "三、本年度办理结果").rowspan == outcomes
    assert _cell(grid, "（三）不予公开").rowspan == 8
    assert _cell(grid, "（四）无法提供").rowspan == 3
    assert _cell(grid, "（五）不予处理").rowspan == 5
    assert _cell(grid, "一、本年新收政府信息公开申请数量").colspan == 3
    assert _cell(grid, "（一）予以公开").colspan == 2
    assert _cell(grid, "（七）总计").colspan == 2
    assert _cell(grid, "1.属于国家秘密").colspan == 1
    if vid == "V2021":
        assert _cell(grid, "（六）其他处理").rowspan == 3
    else:
        assert _cell(grid, "（六）其他处理").colspan == 2
    rows = list(grid.placed())
    assert len(rows) == 3 + len(_variant(vid).table("t3").blocks[0].rows)  # type: ignore[union-attr]
    for row in rows[3:]:
        assert sum(p.cell.colspan for p in row) == 10
        assert [p.cell.cell_id for p in row if p.cell.kind == "value"][-1].endswith(".tot")


@pytest.mark.parametrize("vid", VARIANTS)
def test_table_4_is_one_row_of_fifteen(vid: str) -> None:
    grid = _grid(vid, "t4")
    assert grid.width == 15
    assert [(c.text, c.colspan) for c in grid.rows[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    second = [(c.text, c.rowspan, c.colspan) for c in grid.rows[1]]
    assert second[:5] == [
        (t, 2, 1) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    ]
    assert second[5:] == [("未经复议直接起诉", 1, 5), ("复议后起诉", 1, 5)]
    assert len(grid.rows[2]) == 10
    figures = grid.rows[3]
    assert [c.cell_id for c in figures][:6] == [
        "t4.review.upheld",
        "t4.review.corrected",
        "t4.review.other",
        "t4.review.pending",
        "t4.review.total",
        "t4.suit_direct.upheld",
    ]


def test_table_2_blocks_share_one_grid() -> None:
    grid = _grid("V2021", "t2")
    assert grid.width == 4
    titles = [row[0] for row in grid.rows if row[0].kind == "title"]
    assert [t.text for t in titles] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert all(t.colspan == 4 for t in titles)
    licensing = next(row for row in grid.rows if row[0].text == "行政许可")
    assert [(c.cell_id, c.colspan) for c in licensing[1:]] == [("t2.licensing.decisions", 3)]
    v2019 = _grid("V2019", "t2")
    fees = next(row for row in v2019.rows if row[0].text == "行政事业性收费")
    assert [c.colspan for c in fees] == [1, 1, 2]


def test_a_layout_that_does_not_tile_is_an_error() -> None:
    variant = _variant("V2021")
    bad = {"kind": "single_row", "header": [[{"text": "行政复议", "colspan": 4}]]}
    with pytest.raises(TemplateError, match="t4"):
        lay_out(variant, "t4", bad, str)
    with pytest.raises(TemplateError, match="names nothing"):
        lay_out(variant, "t4", {"kind": "single_row", "header": [[{"column": "nope"}]]}, str)
    with pytest.raises(
        TemplateError, match=r"kind: expected one of .blocks., .grid., .single_row., not .pie."
    ):
        lay_out(variant, "t4", {"kind": "pie"}, str)


def test_grid_rejects_overlaps_and_gaps() -> None:
    with pytest.raises(GridError):
        Grid(
            "x", 2, ((GridCell("a", rowspan=2), GridCell("b")), (GridCell("c"), GridCell("d")))
        ).check()
    with pytest.raises(GridError):
        Grid("x", 2, ((GridCell("a"),),)).check()
    with pytest.raises(GridError):
        Grid("x", 1, ((GridCell("a", rowspan=2),),)).check()


def _counted(variant: FormVariant, table: str) -> tuple[TableLayout, list[str]]:
    """The table laid out, and the cell ids ``text_of`` was asked for, in order."""
    templates = load_templates(variant, "national", default_host().templates)
    calls: list[str] = []

    def text_of(cid: str) -> str:
        calls.append(cid)
        return f"<{cid}>"

    return lay_out(variant, table, templates.layout(table), text_of), calls


@pytest.mark.parametrize("vid", VARIANTS)
def test_each_figure_text_is_made_once(vid: str) -> None:
    """The grid and the flat (Markdown) tables show the same text, computed once."""
    variant = _variant(vid)
    for table in variant.tables:
        laid, calls = _counted(variant, table.id)
        assert sorted(calls) == sorted(set(calls))
        figures = [c.text for row in laid.grid.rows for c in row if c.kind == "value"]
        flat = [t for f in laid.flat for row in f.rows for t in row if t.startswith("<")]
        assert figures == flat == [f"<{cid}>" for cid in calls]
