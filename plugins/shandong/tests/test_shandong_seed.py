"""Golden test on the seed, a real 2020 report of a Shandong district bureau: under the
shandong ruleset it gets every national finding and, beside them, outdated-basis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gik_rules
from gik_rules.cli.main import main

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seeds" / "000_e77c82452743db18.txt"


@pytest.fixture(scope="module")
def seed() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed report is not at {SEED}")
    return SEED


def _findings(path: Path, ruleset: str) -> list[tuple[str, str, str, int | None]]:
    (result,) = gik_rules.check(path, ruleset)
    return [(f.code, f.severity.value, f.message, f.location.line) for f in result.findings]


def test_shandong_adds_outdated_basis_to_the_national_findings(seed: Path) -> None:
    national = _findings(seed, "national")
    shandong = _findings(seed, "shandong")
    assert national, "the seed has national findings (section 六 is missing)"
    assert [f for f in shandong if f not in national] == [
        (
            "SD201",
            "info",
            "2020年度报告引用了《山东省政府信息公开办法》：该办法2010年依据旧条例制定，"
            "2019年新修订的《中华人民共和国政府信息公开条例》施行后，山东年报一般不再以其为依据"
            "（其现行效力未经证实）",
            402,
        )
    ]
    assert [f for f in national if f not in shandong] == []


def test_the_command_line_reports_it_in_json(
    seed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(seed), "--ruleset", "shandong", "--format", "json"])
    (report,) = json.loads(capsys.readouterr().out)["reports"].values()
    assert code == 1  # the national error N101 (section 六 missing) stands
    by_name = {f["name"]: f for f in report["findings"]}
    assert by_name["outdated-basis"]["severity"] == "info"
    assert by_name["outdated-basis"]["location"]["section"] == 5
    assert by_name["outdated-basis"]["actual"] == "《山东省政府信息公开办法》"
    assert by_name["section-missing"]["severity"] == "error"
