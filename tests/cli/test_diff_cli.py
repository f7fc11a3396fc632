"""``gik-rules diff OLD NEW``: text, json and a self-contained html page; inputs it cannot
compare are one-line usage errors (exit 2); it never writes over an input."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.cli.test_cli import EXAMPLES, run
from tests.conftest import CORPUS
from tests.output.test_html_format import HOSTILE_ORGAN


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The faulty example and a copy with one cell changed (本年新收 自然人 6 → 7)."""
    old = tmp_path / "old.toml"
    old.write_text((EXAMPLES / "faulty-2021.toml").read_text(encoding="utf-8"), encoding="utf-8")
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "new.toml"
    new.write_text(text.replace('"t3.new.np" = 6', '"t3.new.np" = 7', 1), encoding="utf-8")
    return old, new


def test_text_lists_the_changed_cells_and_the_findings(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    old, new = pair
    code, out, _ = run(capsys, "diff", str(old), str(new))
    assert code == 0
    assert f"OLD {old}" in out and f"NEW {new}" in out
    assert re.search(r"t3\.new\.np\s+6 → 7\s+\+1", out)
    assert "1 changed" in out
    assert re.search(r"findings: \d+ new, \d+ fixed, \d+ unchanged", out)
    assert "100% word for word" in out


def test_json_has_every_cell_and_the_findings_apart(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path]
) -> None:
    old, new = pair
    code, out, _ = run(capsys, "diff", str(old), str(new), "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["schema_version"] == 1
    cells = {c["cell"]: c for c in doc["cells"]}
    assert cells["t3.new.np"]["old"]["value"] == 6 and cells["t3.new.np"]["new"]["value"] == 7
    assert cells["t3.new.np"]["change"] == 1 and cells["t3.new.np"]["status"] == "changed"
    assert sum(c["status"] == "changed" for c in doc["cells"]) == 1
    found = doc["findings"]
    fixed_or_new = {f["code"] for f in found["new"] + found["fixed"]}
    assert fixed_or_new <= {"N301"} and found["unchanged"]
    assert {s["carried"] for s in doc["sections"]} == {1.0}
    second = run(capsys, "diff", str(old), str(new), "--format", "json")[1]
    assert second == out  # byte-identical


def test_html_is_one_escaped_page_without_script(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = pair
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(
        new.read_text(encoding="utf-8").replace(
            "示例县住房和城乡建设局", HOSTILE_ORGAN.replace('"', "'")
        ),
        encoding="utf-8",
    )
    page = tmp_path / "diff.html"
    code, _, err = run(capsys, "diff", str(old), str(hostile), "--format", "html", "-o", str(page))
    assert code == 0, err
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert "script-src 'none'" in html.unescape(text)
    assert "&lt;/script&gt;&lt;script&gt;window.pwned=1" in text
    assert 'data-cell="t3.new.np"' in text and '<span class="old">6</span>7' in text


def test_inputs_it_cannot_compare(
    capsys: pytest.CaptureFixture[str], pair: tuple[Path, Path], tmp_path: Path
) -> None:
    old, new = pair
    code, _, err = run(capsys, "diff", str(old), str(tmp_path / "missing.toml"))
    assert code == 2 and "no such file" in err
    rows = tmp_path / "rows.csv"
    rows.write_text("organ,year,t3.new.tot\n甲局,2021,3\n乙局,2021,4\n", encoding="utf-8")
    code, _, err = run(capsys, "diff", str(old), str(rows))
    assert code == 2 and "holds 2 reports" in err
    code, _, err = run(capsys, "diff", str(old), str(new), "-o", str(old))
    assert code == 2 and "never overwrites its input" in err
    assert old.read_text(encoding="utf-8") == (EXAMPLES / "faulty-2021.toml").read_text(
        encoding="utf-8"
    )
    code, _, err = run(capsys, "diff", str(old), str(new), "--ruleset", "no-such-ruleset")
    assert code == 2 and "no-such-ruleset" in err


@pytest.mark.skipif(not (CORPUS / "text").is_dir(), reason="the text corpus is not at ../shared")
def test_two_years_of_one_organ(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "diff",
        str(CORPUS / "text" / "pingtan-2022.txt"),
        str(CORPUS / "text" / "pingtan-2024.txt"),
        "--format",
        "json",
    )
    doc = json.loads(out)
    cells = {c["cell"]: c for c in doc["cells"]}
    assert code == 0
    assert (doc["old"]["year"], doc["new"]["year"]) == (2022, 2024)
    assert (cells["t3.new.tot"]["old"]["value"], cells["t3.new.tot"]["new"]["value"]) == (74, 218)
    assert cells["t3.new.tot"]["change"] == 144
    # the 2022 report's narrative faults are gone in 2024
    assert "N401" in {f["code"] for f in doc["findings"]["fixed"]}
