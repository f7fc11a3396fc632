"""The gik-rules command: exit codes, output formats, rule docs, plugins."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO

EXAMPLES = REPO / "examples"
FOUNDATION = {
    "section-missing",
    "section-order",
    "form-variant-mismatch",
    "blank-cell",
    "invalid-number",
    "identity-mismatch",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_reports_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "check", str(EXAMPLES / "clean-2021.toml"), str(EXAMPLES / "clean-2019.toml")
    )
    assert code == 0
    assert "no findings" in out


def test_error_findings_exit_1_with_located_messages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES / "faulty-2021.toml"))
    assert code == 1
    assert "N301" in out and "identity-mismatch" in out and "t4.review.total" in out


def test_json_output_groups_findings_under_each_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(EXAMPLES), "--format", "json")
    doc = json.loads(out)
    assert code == 1
    faulty = doc["reports"][str(EXAMPLES / "faulty-2021.toml")]
    for finding in faulty["findings"]:
        assert {"code", "name", "severity", "message", "message_en", "location"} <= set(finding)
    mismatch = next(
        f
        for f in faulty["findings"]
        if f["name"] == "identity-mismatch" and "A6" in f["message_en"]
    )
    assert mismatch["expected"] == 1 and mismatch["actual"] == 0
    assert mismatch["location"]["cell"] == "t4.review.total"
    assert "t4.review.upheld" in mismatch["cells"]
    assert doc["summary"]["reports"] == 3
    assert faulty["statuses"]["N301"] == "findings"


def test_json_output_is_byte_identical_between_runs(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "check", str(EXAMPLES), "--format", "json")[1]
    assert run(capsys, "check", str(EXAMPLES), "--format", "json")[1] == first


def test_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "check",
        str(EXAMPLES / "faulty-2021.toml"),
        "--format",
        "json",
        "--select",
        "N3",
        "--ignore",
        "identity-mismatch",
    )
    names = {f["name"] for r in json.loads(out)["reports"].values() for f in r["findings"]}
    assert names == {"blank-cell"}
    assert code == 0  # a warning alone does not fail the run


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "examples", "--select", "N999"], "unknown rule selector 'N999'"),
        (["check", "examples", "--ruleset", "atlantis"], "unknown ruleset 'atlantis'"),
        (["rule", "no-such-rule"], "no rule 'no-such-rule'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(REPO)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert "Traceback" not in err


def test_unreadable_input_exits_2_and_the_others_are_still_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "a-broken.toml").write_text("schema_version = 7\n", encoding="utf-8")
    (tmp_path / "b-empty.txt").write_bytes(b"")
    (tmp_path / "c.toml").write_bytes((EXAMPLES / "faulty-2021.toml").read_bytes())
    code, out, _ = run(capsys, "check", str(tmp_path), "--format", "json")
    reports = json.loads(out)["reports"]
    assert code == 2
    assert [f["code"] for f in reports[str(tmp_path / "a-broken.toml")]["findings"]] == ["P008"]
    assert [f["code"] for f in reports[str(tmp_path / "b-empty.txt")]["findings"]] == ["P001"]
    assert any(f["code"] == "N301" for f in reports[str(tmp_path / "c.toml")]["findings"])


def test_rules_json_lists_the_foundation_rules_with_docs(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    rules = {r["name"]: r for r in json.loads(out)}
    assert code == 0
    assert set(rules) >= FOUNDATION
    for name in FOUNDATION:
        doc = rules[name]["doc"]
        assert doc["what"] and doc["why"] and doc["bad"] and doc["good"], name
        assert rules[name]["code"].startswith("N")


def test_rule_explains_by_code_or_name(capsys: pytest.CaptureFixture[str]) -> None:
    by_name = run(capsys, "rule", "identity-mismatch")[1]
    by_code = run(capsys, "rule", "N301")[1]
    assert by_name == by_code
    for heading in (
        "# N301 identity-mismatch",
        "## What it checks",
        "## Why",
        "## Example",
        "## Legal source",
    ):
        assert heading in by_name


def test_plugins_lists_both_plugins_with_versions(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(run(capsys, "plugins", "--format", "json")[1])
    by_name = {r["name"]: r for r in rows}
    assert by_name["national"]["status"] == "loaded" and by_name["national"]["version"] == "0.1.0"
    assert by_name["shandong"]["distribution"] == "gik-rules-shandong"
    assert by_name["national"]["variants"] == ["V2019", "V2021"]
    text = run(capsys, "plugins")[1]
    assert "national" in text and "shandong" in text


def test_parse_prints_the_canonical_form(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    code, out, _ = run(capsys, "parse", str(seed_path), "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert doc["meta"]["year"] == 2020 and doc["meta"]["variant"] == "V2019"
    schema = json.loads(run(capsys, "schema")[1])
    jsonschema.validate(doc, schema)
    code, toml_text, _ = run(capsys, "parse", str(seed_path))
    assert toml_text.startswith("schema_version = 1")


def test_the_installed_console_script(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("gik-rules")
    done = subprocess.run(
        [str(exe), "check", str(EXAMPLES / "faulty-2021.toml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "identity-mismatch" in done.stdout


def _dataset(tmp_path: Path) -> Path:
    header = (EXAMPLES / "dataset-template.csv").read_text(encoding="utf-8").strip().split(",")
    rows = []
    for organ, year in (("示例市商务局", "2022"), ("示例市教育局", "2023")):
        row = dict.fromkeys(header, "0")
        row.update(organ=organ, year=year, variant="V2021", level="department", region="示例市")
        row.update(published="", organ_id="", parent_id="", title="")
        rows.append(",".join(row[h] for h in header))
    path = tmp_path / "reports.csv"
    path.write_text("\n".join([",".join(header), *rows]) + "\n", encoding="utf-8")
    return path


def test_parse_a_dataset_as_json_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "parse", str(_dataset(tmp_path)), "--format", "json")
    docs = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [d["meta"]["organ"] for d in docs] == ["示例市商务局", "示例市教育局"]


def test_parse_a_dataset_refuses_toml_run_together(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "parse", str(_dataset(tmp_path)))
    assert code == 2 and out == ""
    assert "holds 2 reports" in err and "-o DIR" in err


def test_parse_a_dataset_into_a_directory(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = _dataset(tmp_path)
    before = source.read_bytes()
    code, _, err = run(capsys, "parse", str(source), "-o", str(tmp_path / "out"))
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert code == 0 and "wrote 2 report(s)" in err
    assert written == ["reports.row-2.toml", "reports.row-3.toml"]
    assert source.read_bytes() == before


def test_rules_text_never_cuts_a_code_or_name() -> None:
    import io

    from rich.console import Console

    from gik_rules.cli import commands
    from gik_rules.host import default_host

    stream = io.StringIO()
    commands.list_rules("text", Console(file=stream, width=80))
    text = stream.getvalue()
    for rule in default_host().rules.values():
        assert rule.name in text, rule.name
