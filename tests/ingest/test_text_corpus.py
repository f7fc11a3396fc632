"""Golden tests: the real text reports of ../shared/corpus/text/, in every layout they
reached users in (pipe rows, archive dumps on one line, one cell a line, flipbook pages,
traditional-character mirrors, injected spam, OCR Markdown).

Each file is read and compared field by field with its canonical TOML under
tests/golden/text/ (made with ``gik-rules parse``, every figure then checked by hand
against the file), and its parse findings with the list beside it. The figures the corpus
README gives (expected-cells.json: the decoded flattened tables, the Shanghai page, the
first rows of the OCR Markdown) are asserted directly, independently of the golden files.
Set ``GIK_UPDATE_GOLDEN=1`` to rewrite the golden files after a deliberate change, then
review the diff.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

from gik_rules.host import Host
from gik_rules.ingest.result import ReadResult
from gik_rules.model import CellState, Provenance
from gik_rules.model.canonical import from_toml, to_toml
from tests.conftest import CORPUS
from tests.ingest.conftest import GOLDEN, differences, read_one

TEXT = CORPUS / "text"
NAMES = (
    "excerpt-changchun-erdao-2022.txt",
    "excerpt-mayang-banlishuxiang-2022-traditional.txt",
    "excerpt-shandong-jiguanshiwuju-2022-traditional.txt",
    "excerpt-shandong-sthjt-2024-spam.txt",
    "excerpt-shijiazhuang-jiaoyuju-2021.txt",
    "excerpt-wendeng-xinfangju-2022-page8.txt",
    "excerpt-zibo-zhongbuzhen-2020.txt",
    "ocr-shanghai-kewei-2024.md",
    "pingtan-2019.txt",
    "pingtan-2022.txt",
    "pingtan-2024.txt",
    "shanghai-govoffice-2019.txt",
)
UPDATE = bool(os.environ.get("GIK_UPDATE_GOLDEN"))


def _read(name: str, host: Host) -> ReadResult:
    path = TEXT / name
    if not path.exists():
        pytest.skip(
            f"the text corpus is not at {TEXT} (../shared/corpus/text beside the repository)"
        )
    return read_one(path.read_bytes(), str(Path("corpus") / "text" / name), host)


def _issues(result: ReadResult) -> list[list[str | None]]:
    return [[i.code, i.location.table, i.location.row] for i in result.issues]


@pytest.mark.parametrize("name", NAMES)
def test_text_report_reads_as_its_golden_file(name: str, host: Host) -> None:
    result = _read(name, host)
    assert result.report is not None
    stem = Path(name).stem
    golden, issues = GOLDEN / "text" / f"{stem}.toml", GOLDEN / "text" / f"{stem}.issues.json"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(to_toml(result.report), encoding="utf-8")
        issues.write_text(json.dumps(_issues(result), ensure_ascii=False, indent=1) + "\n")
    expected = from_toml(golden.read_text(encoding="utf-8"))
    assert differences(result.report, expected) == []
    assert _issues(result) == json.loads(issues.read_text(encoding="utf-8"))


EXPECTED = (
    "ocr-shanghai-kewei-2024.md",
    "pingtan-2019.txt",
    "pingtan-2022.txt",
    "pingtan-2024.txt",
    "shanghai-govoffice-2019.txt",
)


@pytest.mark.parametrize("name", EXPECTED)
def test_figures_of_the_corpus_readme_are_recovered(name: str, host: Host) -> None:
    path = TEXT / "expected-cells.json"
    if not path.exists():
        pytest.skip(f"{path} is not there (../shared/corpus/text beside the repository)")
    want = json.loads(path.read_text(encoding="utf-8"))[name]
    report = _read(name, host).report
    assert report is not None
    got = {cid: report.cells[cid].value if cid in report.cells else None for cid in want}
    assert got == want
    if name.startswith("pingtan"):
        # Decoded from the runs of figures, and marked so.
        decoded = {c for c, cell in report.cells.items() if cell.provenance is Provenance.DECODED}
        assert decoded and decoded <= set(report.cells)
    if name.startswith("shanghai"):
        # Every other cell of 表三 and 表四 is printed empty: blank, not read as a figure.
        others = [c for c in report.cells if c[:2] in ("t3", "t4") and c not in want]
        assert others and all(report.cells[c].state is CellState.BLANK for c in others)


def _cells(name: str, host: Host) -> dict[str, object]:
    report = _read(name, host).report
    assert report is not None
    return {cid: cell.value for cid, cell in report.cells.items()}


def test_one_cell_a_line_with_pipe_fillers(host: Host) -> None:
    cells = _cells("excerpt-changchun-erdao-2022.txt", host)
    assert cells["t3.new.np"] == cells["t3.new.tot"] == 56
    assert cells["t3.open.np"] == 18 and cells["t3.open.tot"] is None  # blank, not 0
    assert cells["t3.new.ce"] is None
    # the source's own typos still match: 只计这一情况, 5.属于三类内容事务信息
    assert "t3.partial.np" in cells and "t3.deny_internal.np" in cells


def test_markdown_like_pipes_with_padding(host: Host) -> None:
    cells = _cells("excerpt-shijiazhuang-jiaoyuju-2021.txt", host)
    issued, repealed, in_force = (
        cells[f"t2.normative.{c}"] for c in ("issued", "repealed", "in_force")
    )
    assert (issued, repealed, in_force) == (2, 0, 8)
    assert cells["t2.penalty.decisions"] == 2
    assert cells["t2.fees.amount"] == 172


def test_flipbook_page_with_table_four_on_one_line(host: Host) -> None:
    result = _read("excerpt-wendeng-xinfangju-2022-page8.txt", host)
    assert result.report is not None
    t4 = {c: v.value for c, v in result.report.cells.items() if c.startswith("t4.")}
    assert len(t4) == 15 and set(t4.values()) == {0}
    assert [s.number for s in result.report.sections] == [4, 5]  # the older 四 wording


def test_traditional_mirror_one_cell_a_line_with_stray_pipes(host: Host) -> None:
    result = _read("excerpt-mayang-banlishuxiang-2022-traditional.txt", host)
    assert result.report is not None
    cells = {c: v.value for c, v in result.report.cells.items()}
    assert cells["t2.licensing.decisions"] == 4
    assert all(
        cells[f"t3.{row}.{col}"] == 0
        for row in ("new", "carried", "open")
        for col in ("np", "ce", "ri", "sw", "ls", "ot", "tot")
    )
    # 二、上年結轉… is a table row, not a section heading
    assert [s.number for s in result.report.sections] == [1, 2, 3]


def test_furniture_before_the_title_and_cells_one_a_line(host: Host) -> None:
    result = _read("excerpt-zibo-zhongbuzhen-2020.txt", host)
    assert result.report is not None
    assert (result.report.meta.organ, result.report.meta.year) == ("中埠镇人民政府", 2020)
    t2 = {c: v.value for c, v in result.report.cells.items() if c.startswith("t2.")}
    assert len(t2) == 18 and set(t2.values()) == {0}


def test_ocr_markdown_takes_no_figure_it_cannot_place(host: Host) -> None:
    result = _read("ocr-shanghai-kewei-2024.md", host)
    assert result.report is not None
    cells = result.report.cells
    assert cells["t2.normative.issued"].value == 13 and cells["t2.normative.in_force"].value == 55
    assert cells["t3.total.tot"].value == 35 and cells["t4.review.upheld"].value == 1
    # 本机关不掌握… lost its figures to another line in the OCR: reported, never guessed
    assert cells["t3.none_held.np"].provenance is Provenance.UNREAD
    assert any(i.code == "P007" and i.location.row == "none_held" for i in result.issues)
    assert any(i.code == "P006" for i in result.issues)  # rows of figures with no label


def test_flattened_table_two_is_reported_not_guessed(host: Host) -> None:
    result = _read("pingtan-2022.txt", host)
    assert result.report is not None
    ambiguous = [i for i in result.issues if i.code == "P011"]
    assert [(i.location.table, i.location.row) for i in ambiguous] == [("t2", "normative")]
    assert "8855698" in ambiguous[0].message
    cell = result.report.cells["t2.normative.issued"]
    assert cell.value is None and cell.provenance is Provenance.UNREAD
    # single-column rows have one split only
    assert result.report.cells["t2.fees.amount"].value == Decimal("9116.36")
