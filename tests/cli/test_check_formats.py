"""`gik-rules check --format …` for every CI format, to stdout, to a file and to `-o -`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO

FAULTY = str(REPO / "examples" / "faulty-2021.toml")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv])
    return code, capsys.readouterr().out


def test_sarif_to_stdout_names_every_finding(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, FAULTY, "--format", "sarif")
    assert code == 1  # the exit code does not depend on the format
    log = json.loads(out)
    assert log["version"] == "2.1.0"
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= {"N301", "N601"}
    rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in results} <= rules


def test_jsonl_to_dash_is_one_report_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, str(REPO / "examples"), "--format", "jsonl", "-o", "-")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["key"] for line in lines)


def test_junit_file_is_written_and_parses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "junit.xml"
    code, out = _run(capsys, FAULTY, "--format", "junit", "-o", str(target))
    assert code == 1 and out == ""
    root = ET.parse(target).getroot()
    # a testcase per rule that ran; one failing per rule with error findings (N101, N301, N601)
    assert root.tag == "testsuites" and root.get("failures") == "3"


@pytest.mark.parametrize("fmt", ["github", "gitlab"])
def test_ci_annotations(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, FAULTY, "--format", fmt, "--english")
    assert code == 1
    if fmt == "github":
        assert out.startswith("::") and "::error file=" in out and "title=N301" in out
    else:
        issues = json.loads(out)
        assert {i["check_name"] for i in issues} >= {"N301"}
        assert len({i["fingerprint"] for i in issues}) == len(issues)
