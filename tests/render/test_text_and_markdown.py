"""Plain text in the layout of the seed (a .docx converted to text) and Markdown."""

from __future__ import annotations

from pathlib import Path

import attrs

from gik_rules.api import read
from gik_rules.ingest.tables import is_label
from gik_rules.render import render_report
from gik_rules.render.templates import md_escape
from tests.conftest import REPO

CLEAN_2019 = REPO / "examples" / "clean-2019.toml"


def _tables(text: str) -> list[list[list[str]]]:
    """The tables of a tab-indented text: a cell is a line that starts with a tab (a line
    without one continues it), rows end at blank lines, a paragraph line ends a table."""
    tables: list[list[list[str]]] = []
    rows: list[list[str]] = []
    row: list[str] = []
    for line in [*text.splitlines(), "end"]:
        if line.startswith("\t"):
            row.append(line[1:])
            continue
        if row and line.strip():
            row[-1] += "\n" + line
            continue
        if row:
            rows.append(row)
            row = []
        if line.strip() and rows:
            tables.append(rows)
            rows = []
    return tables


def test_text_tables_are_laid_out_like_the_seed(seed_path: Path) -> None:
    ours = _tables(render_report(read(CLEAN_2019), "txt").decode())
    seed = _tables(seed_path.read_text(encoding="utf-8"))
    assert len(ours) == len(seed) == 3
    for mine, theirs in zip(ours, seed, strict=True):
        # the same rows with the same number of cells: merged cells given once, the
        # continuation of a cell merged from above as an empty cell
        assert [len(r) for r in mine] == [len(r) for r in theirs]
        for row, other in zip(mine, theirs, strict=True):
            for text, cell in zip(row, other, strict=True):
                if not is_label(text):
                    continue
                assert "".join(text.split()) == "".join(cell.split()).replace("\n", "")


def test_text_starts_with_title_and_separates_tables() -> None:
    text = render_report(read(CLEAN_2019), "txt").decode()
    assert text.splitlines()[0] == read(CLEAN_2019).meta.title
    assert "\n\n\n三、收到和处理政府信息公开申请情况\n\t（本列数据" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


def test_organ_line_when_the_title_does_not_name_the_organ() -> None:
    report = read(CLEAN_2019)
    year = report.meta.year
    title = f"{year}年度政府信息公开工作年度报告"
    report = attrs.evolve(report, meta=attrs.evolve(report.meta, title=title))
    lines = render_report(report, "txt").decode().splitlines()
    assert lines[:2] == [report.meta.organ, title]
    # a title naming another year is written as it is (check reports it; render corrects nothing)
    wrong_year = attrs.evolve(
        report, meta=attrs.evolve(report.meta, title="2018年政府信息公开工作年度报告")
    )
    assert render_report(wrong_year, "txt").decode().splitlines()[:2] == [
        report.meta.organ,
        "2018年政府信息公开工作年度报告",
    ]
    untitled = attrs.evolve(report, meta=attrs.evolve(report.meta, title=""))
    assert render_report(untitled, "txt").decode().splitlines()[0] == (
        f"{report.meta.organ}{year}年政府信息公开工作年度报告"
    )  # no title at all: the template's


def test_markdown_escapes_what_it_must() -> None:
    assert md_escape("<script>") == "&lt;script&gt;"
    assert md_escape("a|b*c_d") == "a\\|b\\*c\\_d"
    assert md_escape("1. 不是列表") == "1\\. 不是列表"
    assert md_escape("- 不是列表") == "\\- 不是列表"
    assert md_escape("# 不是标题") == "\\# 不是标题"
    report = read(CLEAN_2019)
    report = attrs.evolve(report, preamble="<img src=x onerror=alert(1)> | **粗**")
    text = render_report(report, "md").decode()
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt; \\| \\*\\*粗\\*\\*" in text


def test_markdown_flattens_tables_to_one_header_row() -> None:
    text = render_report(read(CLEAN_2019), "md").decode()
    assert "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |" in text
    assert "| 三、本年度办理结果 / （六）其他处理 |" in text
    header4 = next(line for line in text.splitlines() if line.startswith("| 行政复议 / 结果维持"))
    assert header4.count("|") == 16
