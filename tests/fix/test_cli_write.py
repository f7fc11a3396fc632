"""gik-rules render, new and fix on the command line: outputs, exit codes, safety."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import pytest

from gik_rules.cli.main import main
from gik_rules.host import default_host
from gik_rules.model import CellState
from gik_rules.model.canonical import from_toml, to_toml
from tests.conftest import REPO
from tests.render.test_unplaced import with_other_rows

EXAMPLES = REPO / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "docx"])
def test_render_writes_each_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    code, _, _ = run(
        capsys, "render", str(EXAMPLES / "clean-2021.toml"), "--to", fmt, "-o", str(out)
    )
    assert code == 0 and out.stat().st_size > 1000
    if fmt == "docx":
        assert len(docx.Document(io.BytesIO(out.read_bytes())).tables) == 3


def test_render_infers_the_format_and_prints_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(
        capsys, "render", str(EXAMPLES / "clean-2019.toml"), "-o", str(tmp_path / "r.html")
    )
    assert code == 0 and (tmp_path / "r.html").read_text(encoding="utf-8").startswith(
        "<!DOCTYPE html>"
    )
    code, out, _ = run(capsys, "render", str(EXAMPLES / "clean-2019.toml"), "--to", "md")
    assert code == 0 and out.startswith("# 示例")


def test_render_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    report = str(EXAMPLES / "clean-2021.toml")
    assert run(capsys, "render", report)[0] == 2  # no format
    assert run(capsys, "render", report, "-o", str(tmp_path / "r.pdf"))[0] == 2
    assert run(capsys, "render", report, "--to", "docx")[0] == 2  # binary to a terminal
    assert run(capsys, "render", str(tmp_path / "missing.toml"), "--to", "md")[0] == 2
    copy = tmp_path / "r.txt"
    copy.write_text("x", encoding="utf-8")
    assert run(capsys, "render", report, "--to", "txt", "-o", report)[0] == 2
    code, _, err = run(capsys, "render", report, "--to", "txt", "--jurisdiction", "atlantis")
    assert code == 2 and "atlantis" in err


def test_render_warns_about_missing_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "render", str(EXAMPLES / "faulty-2021.toml"), "--to", "txt")
    assert code == 0 and "no section 6" in " ".join(err.split())
    assert "六、" not in out  # written as it is: no heading of a section the report lacks


def test_new_writes_a_blank_skeleton(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "new.toml"
    argv = ["new", "--organ", "示例市人民政府", "--year", "2020", "--level", "政府", "-o", str(out)]
    assert run(capsys, *argv)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert '"t3.new.np" = ""  # 一、本年新收政府信息公开申请数量 / 自然人' in text
    report = from_toml(text)
    assert report.meta.variant == "V2019" and report.meta.level.value == "government"
    assert report.meta.title == "示例市人民政府2020年政府信息公开工作年度报告"
    assert report.meta.region == "示例市"
    assert [s.heading for s in report.sections][4] == "五、存在的主要问题及改进情况"
    assert "责任追究" in report.sections[0].text  # 各级人民政府 report on it (forms.md §2.1)
    assert set(report.cells) == set(default_host().variants["V2019"].cells) and all(
        c.state is CellState.BLANK for c in report.cells.values()
    )
    assert run(capsys, *argv)[0] == 2  # never overwrites
    assert run(capsys, *argv, "--force")[0] == 0
    code, output, _ = run(capsys, "check", str(out), "--format", "json")
    errors = {
        f["name"]
        for r in json.loads(output)["reports"].values()
        for f in r["findings"]
        if f["severity"] == "error"
    }
    assert code == 1 and errors == {"template-text-unfilled"}  # blanks alone are warnings


def test_new_json_and_the_2021_variant(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "new",
        "--organ",
        "示例县示例镇人民政府",
        "--year",
        "2023",
        "--level",
        "township",
        "--format",
        "json",
    )
    doc = json.loads(out)
    assert code == 0 and doc["meta"]["variant"] == "V2021" and "t3.other_other.tot" in doc["cells"]


def test_fix_never_touches_its_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "faulty.toml"
    shutil.copy(EXAMPLES / "faulty-2021.toml", source)
    before = (source.read_bytes(), source.stat().st_mtime_ns)
    out = tmp_path / "fixed.toml"
    code, listing, _ = run(capsys, "fix", str(source), "-o", str(out))
    assert code == 1  # the wrong totals of the example are errors no safe fix can settle
    assert "N101 section-missing" in listing and "findings remain" in listing
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    assert from_toml(out.read_text(encoding="utf-8")).section(6) is not None
    assert run(capsys, "fix", str(source), "-o", str(source))[0] == 2
    assert run(capsys, "fix", str(source), "-o", str(tmp_path / "x.pdf"))[0] == 2
    code, listing, _ = run(capsys, "fix", str(source))
    assert "nothing written" in listing and source.read_bytes() == before[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["faulty.toml", "fixed.toml"]


def test_fix_in_place_is_atomic_and_idempotent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "faulty.toml"
    shutil.copy(EXAMPLES / "faulty-2021.toml", source)
    run(capsys, "fix", str(source), "--in-place")
    first = source.read_bytes()
    assert from_toml(first.decode()).section(6) is not None
    stamp = source.stat().st_mtime_ns
    code, listing, _ = run(capsys, "fix", str(source), "--in-place", "--format", "json")
    doc = json.loads(listing)
    assert code == 1
    assert doc["fixes"] == [] and doc["output"] is None and doc["remaining"]["errors"] >= 1
    assert source.stat().st_mtime_ns == stamp and source.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir()] == ["faulty.toml"]


def test_fix_a_document_to_any_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_path: Path
) -> None:
    out = tmp_path / "fixed.docx"
    code, listing, _ = run(capsys, "fix", str(seed_path), "-o", str(out), "--format", "json")
    doc = json.loads(listing)
    assert {f["code"] for f in doc["fixes"]} >= {"N101", "N103", "N105"}
    assert all(f["code"] and f["message_en"] for f in doc["fixes"])
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "（四）全面落实" in text and "五、存在的主要问题及改进情况" in text
    assert code in (0, 1)


def test_render_and_fix_name_the_cells_a_rendered_report_leaves_out(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "mixed.toml"
    report = with_other_rows(from_toml((EXAMPLES / "clean-2021.toml").read_text("utf-8")))
    source.write_text(to_toml(report), encoding="utf-8")
    named = "t3.other.ls, t3.other.np, t3.other.tot"
    code, _, err = run(capsys, "render", str(source), "--to", "txt")
    assert code == 0 and named in " ".join(err.split()) and "t3.other.ce" not in err
    for suffix in ("txt", "docx"):
        out = tmp_path / f"fixed.{suffix}"
        code, listing, err = run(capsys, "fix", str(source), "-o", str(out), "--format", "json")
        assert json.loads(listing)["left_out"] == ["t3.other.ls", "t3.other.np", "t3.other.tot"]
        assert named in " ".join(err.split())
    code, listing, err = run(capsys, "fix", str(source), "-o", str(tmp_path / "f.toml"))
    assert "t3.other" not in err  # the canonical form keeps every cell
    assert from_toml((tmp_path / "f.toml").read_text("utf-8")).cells["t3.other.np"].value == 2
    code, _, err = run(capsys, "render", str(EXAMPLES / "clean-2021.toml"), "--to", "md")
    assert code == 0 and "left out" not in err


def test_fix_with_an_unknown_ruleset_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "fixed.toml"
    code, _, err = run(
        capsys, "fix", str(EXAMPLES / "clean-2021.toml"), "--ruleset", "atlantis", "-o", str(out)
    )
    assert code == 2 and err.startswith("error: unknown ruleset 'atlantis'")
    assert not out.exists()
