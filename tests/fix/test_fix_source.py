"""``fix`` on a source document changes only what it fixes: a text file only on the fixed
lines, a .docx only in the runs of the fixed paragraphs and cells (every other part of the
package byte for byte); HTML is refused in place; ``--diff`` shows the change."""

from __future__ import annotations

import difflib
import io
import shutil
import zipfile
from pathlib import Path

import attrs
import docx
import pytest

from gik_rules.api import read
from gik_rules.cli.main import main
from gik_rules.fix.record import Edit
from gik_rules.fix.source import SourceEditError, apply_edits
from gik_rules.model import AnnualReport, CellState
from gik_rules.render import render_report
from tests.conftest import REPO

CLEAN = REPO / "examples" / "clean-2021.toml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _faulty() -> AnnualReport:
    """clean-2021 as a careless organ writes it: a sub-heading numbered （2） among （一）,
    the title of 五 reworded, no 六, and a blank total the identities determine."""
    report = read(CLEAN)
    sections = []
    for s in report.sections:
        if s.number == 1:
            s = attrs.evolve(s, text=s.text.replace("（二）", "（2）", 1))
        elif s.number == 5:
            s = attrs.evolve(s, title="存在的问题及改进情况", heading="五、存在的问题及改进情况")
        elif s.number == 6:
            continue
        sections.append(s)
    cells = dict(report.cells)
    cells["t3.new.tot"] = attrs.evolve(
        cells["t3.new.tot"], raw="", value=None, state=CellState.BLANK
    )
    return attrs.evolve(report, sections=tuple(sections), cells=cells)


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.split("\n"), after.split("\n")):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def test_a_fixed_text_file_differs_only_on_the_fixed_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes(render_report(_faulty(), "txt"))
    original = source.read_text("utf-8")
    fixed = tmp_path / "fixed.txt"
    code, out, _ = run(capsys, "fix", str(source), "-o", str(fixed))
    assert code in (0, 1), out
    removed, added = _changed_lines(original, fixed.read_text("utf-8"))
    assert sorted(removed) == sorted(["（2）" + removed[0][3:], "五、存在的问题及改进情况", "\t"])
    assert "（二）" + removed[0][3:] in added and "五、存在的主要问题及改进情况" in added
    assert "六、其他需要报告的事项" in added and "\t6" in added  # the blank total, filled
    assert len(added) == 4
    assert source.read_text("utf-8") == original  # the input is never changed
    back = read(fixed)
    assert back.cell("t3.new.tot").value == 6
    assert [s.number for s in back.sections] == [1, 2, 3, 4, 5, 6]


def test_the_seed_keeps_every_line_it_does_not_fix(
    seed_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Fixing one sub-heading number used to rewrite 440 lines of the seed."""
    source = tmp_path / seed_path.name
    shutil.copy(seed_path, source)
    code, _, _ = run(capsys, "fix", str(source), "--in-place")
    assert code in (0, 1)
    removed, added = _changed_lines(seed_path.read_text("utf-8"), source.read_text("utf-8"))
    assert removed == ["（4） 全面落实“五公开”工作机制", "五、存在的问题及改进情况"]
    assert added[:2] == ["（四） 全面落实“五公开”工作机制", "五、存在的主要问题及改进情况"]
    assert added[2] == "六、其他需要报告的事项" and len(added) <= 4


def _dressed_docx(report: AnnualReport) -> bytes:
    """A .docx as an office sends it: page header and footer, author and title, a bold
    title."""
    document = docx.Document(io.BytesIO(render_report(report, "docx")))
    document.sections[0].header.paragraphs[0].text = "示例县文化和旅游局 页眉"
    document.sections[0].footer.paragraphs[0].text = "第 1 页"
    document.core_properties.author = "县文旅局办公室"
    document.core_properties.title = "2021年度报告"
    for run_ in document.paragraphs[0].runs:
        run_.bold = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_fixed_docx_keeps_everything_it_does_not_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.docx"
    original = _dressed_docx(_faulty())
    source.write_bytes(original)
    code, out, _ = run(capsys, "fix", str(source), "--in-place")
    assert code in (0, 1), out
    fixed = source.read_bytes()
    with zipfile.ZipFile(io.BytesIO(original)) as a, zipfile.ZipFile(io.BytesIO(fixed)) as b:
        assert [i.filename for i in a.infolist()] == [i.filename for i in b.infolist()]
        changed = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert changed == ["word/document.xml"]  # headers, footers, styles, properties as they were
    document = docx.Document(io.BytesIO(fixed))
    assert document.core_properties.author == "县文旅局办公室"
    assert document.sections[0].header.paragraphs[0].text == "示例县文化和旅游局 页眉"
    assert all(r.bold for r in document.paragraphs[0].runs)
    before = [p.text for p in docx.Document(io.BytesIO(original)).paragraphs]
    removed, added = _changed_lines(
        "\n".join(before), "\n".join(p.text for p in document.paragraphs)
    )
    assert len(removed) == 2 and "五、存在的问题及改进情况" in removed
    assert "五、存在的主要问题及改进情况" in added and "六、其他需要报告的事项" in added
    back = read(source)
    assert back.cell("t3.new.tot").value == 6
    heading = next(p for p in document.paragraphs if p.text == "六、其他需要报告的事项")
    assert heading.style.name == "Heading 1"  # formatted as the headings around it


def test_html_is_not_edited_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "report.html"
    source.write_bytes(render_report(_faulty(), "html"))
    original = source.read_bytes()
    code, _, err = run(capsys, "fix", str(source), "--in-place")
    assert code == 2 and source.read_bytes() == original
    assert "an HTML page is not edited in place" in " ".join(err.split())
    code, _, _ = run(capsys, "fix", str(source), "-o", str(tmp_path / "fixed.toml"))
    assert code in (0, 1) and (tmp_path / "fixed.toml").is_file()


def test_diff_shows_the_change_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.txt"
    source.write_bytes(render_report(_faulty(), "txt"))
    original = source.read_bytes()
    code, out, err = run(capsys, "fix", str(source), "--diff")
    assert code in (0, 1) and source.read_bytes() == original
    assert out.startswith("--- a/report.txt\n+++ b/report.txt\n@@ ")
    assert "\n-五、存在的问题及改进情况\n+五、存在的主要问题及改进情况\n" in out
    assert "section-title" in err  # the fixes are listed on stderr
    assert run(capsys, "fix", str(source), "--diff", "--in-place")[0] == 2


def test_an_edit_that_does_not_find_its_text_is_refused() -> None:
    data = "一、总体情况\n（2）其他\n".encode()
    good = apply_edits(data, "text", "utf-8", [Edit(2, "（2）", "（二）")])
    assert good == "一、总体情况\n（二）其他\n".encode()
    with pytest.raises(SourceEditError, match="line 2"):
        apply_edits(data, "text", "utf-8", [Edit(2, "（3）", "（三）")])
    with pytest.raises(SourceEditError, match="column 1"):
        apply_edits(data, "text", "utf-8", [Edit(2, "x", "0", column=1)])


def test_line_endings_and_encoding_are_kept() -> None:
    data = "一、总体情况\r\n（2）其他\r\n".encode("gb18030")
    out = apply_edits(
        data, "text", "gb18030", [Edit(2, "（2）", "（二）"), Edit(2, "", "六、其他", insert=True)]
    )
    assert out.decode("gb18030") == "一、总体情况\r\n（二）其他\r\n六、其他\r\n"
