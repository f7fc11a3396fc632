"""``gik-rules check`` under the project configuration: discovery, overrides, --isolated,
--config, --exit-zero, --show-settings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO

FAULTY = REPO / "examples" / "faulty-2021.toml"  # N301 (error) among its findings


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def codes(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, set[str]]:
    """Each report's finding codes, by file name."""
    _, out, _ = run(capsys, "check", "--format", "json", *argv)
    return {
        Path(name).name: {f["code"] for f in report["findings"]}
        for name, report in json.loads(out)["reports"].items()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(FAULTY, tmp_path / "a.toml")
    (tmp_path / "old").mkdir()
    shutil.copy(FAULTY, tmp_path / "old" / "b.toml")
    return tmp_path


def test_the_configuration_is_used(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "N301" in codes(capsys, str(project))["a.toml"]
    (project / "gik-rules.toml").write_text("ignore = ['N301']\n", encoding="utf-8")
    assert "N301" not in codes(capsys, str(project))["a.toml"]


def test_pyproject_table(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "pyproject.toml").write_text("[tool.gik-rules]\nselect = ['N301']\n", "utf-8")
    assert codes(capsys, str(project)) == {"a.toml": {"N301"}, "b.toml": {"N301"}}


def test_per_file_ignores(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "gik-rules.toml").write_text(
        "per-file-ignores = { 'old/*.toml' = ['N3'] }\n", encoding="utf-8"
    )
    found = codes(capsys, str(project))
    assert "N301" in found["a.toml"] and not any(c.startswith("N3") for c in found["b.toml"])


def test_nearest_configuration_wins(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "gik-rules.toml").write_text("select = ['N301']\n", encoding="utf-8")
    (project / "old" / "gik-rules.toml").write_text("select = ['N401']\n", encoding="utf-8")
    assert codes(capsys, str(project)) == {"a.toml": {"N301"}, "b.toml": {"N401"}}


def test_the_command_line_overrides_the_configuration(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "gik-rules.toml").write_text(
        "select = ['N301']\nper-file-ignores = { 'old/*' = ['N401'] }\n", encoding="utf-8"
    )
    found = codes(capsys, str(project), "--select", "N401,N302")
    # --select replaces the configuration's; per-file-ignores still have the last word
    assert found == {"a.toml": {"N401", "N302"}, "b.toml": {"N302"}}
    assert codes(capsys, str(project), "--extend-select", "N401", "--ignore", "N301") == {
        "a.toml": {"N401"},
        "b.toml": set(),
    }


def test_isolated_ignores_all_configuration(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "gik-rules.toml").write_text("select = ['N301']\nbogus = 1\n", encoding="utf-8")
    found = codes(capsys, "--isolated", str(project))
    assert {"N301", "N401"} <= found["a.toml"]


def test_config_names_one_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "gik-rules.toml").write_text("select = ['N301']\n", encoding="utf-8")
    other = project.parent / f"{project.name}-other.toml"
    other.write_text("select = ['N401']\n", encoding="utf-8")
    assert codes(capsys, "--config", str(other), str(project)) == {
        "a.toml": {"N401"},
        "b.toml": {"N401"},
    }


def test_unknown_key_is_a_one_line_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = project / "gik-rules.toml"
    config.write_text("extend-selekt = ['N301']\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(project))
    assert code == 2
    assert str(config) in " ".join(err.split()) and "extend-selekt" in err
    config.write_text("ignore = ['NO-SUCH-RULE']\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(project))
    assert code == 2 and "ignore: unknown rule selector" in " ".join(err.split())


def test_the_configuration_ruleset_is_relative_to_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "rules").mkdir()
    (project / "rules" / "mine.toml").write_text(
        "[ruleset]\nextends = ['national']\nselect = ['N302']\n", encoding="utf-8"
    )
    (project / "gik-rules.toml").write_text(
        "ruleset = 'rules/mine.toml'\nextend-exclude = ['rules']\n", encoding="utf-8"
    )
    assert codes(capsys, str(project)) == {"a.toml": {"N302"}, "b.toml": {"N302"}}


def test_exit_zero(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(project / "a.toml"))[0] == 1
    assert run(capsys, "check", "--exit-zero", str(project / "a.toml"))[0] == 0
    # still 2 for a usage error
    assert run(capsys, "check", "--exit-zero", str(project / "nope.toml"))[0] == 2


def test_an_excluded_file_named_is_checked(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "gik-rules.toml").write_text("extend-exclude = ['old']\n", encoding="utf-8")
    assert set(codes(capsys, str(project))) == {"a.toml"}
    assert set(codes(capsys, str(project / "old" / "b.toml"))) == {"b.toml"}
    code, _, err = run(capsys, "check", "--force-exclude", str(project / "old" / "b.toml"))
    assert code == 2 and "no report files found" in err


def test_show_settings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "gik-rules.toml").write_text(
        "select = ['N301', 'N401']\nper-file-ignores = { 'old/*' = ['N401'] }\n", "utf-8"
    )
    code, out, _ = run(capsys, "check", "--show-settings", str(project / "old" / "b.toml"))
    assert code == 0
    assert f"config: {project / 'gik-rules.toml'}" in out
    assert (
        "ruleset: national" in out and "rules (5): N301 P001 P008 P014 X002" in out
    )  # what reads nothing is always reported
    assert "per-file-ignores: ignore=['N401']" in out


def test_files_of_two_rulesets_in_turn_are_two_datasets_written_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Files whose settings alternate between two rulesets: each ruleset's reports are a
    dataset of their own (one copy of the report is a duplicate in each, N805), and every
    report is written once, in the order of the files."""
    for n in range(1, 5):
        shutil.copy(FAULTY, tmp_path / f"{n}.toml")
    (tmp_path / "gik-rules.toml").write_text(
        "per-file-ignores = { '[24].toml' = ['N301'] }\n", encoding="utf-8"
    )
    _, out, _ = run(capsys, "check", "--format", "jsonl", str(tmp_path))
    lines = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["key"]).name for r in lines] == ["1.toml", "2.toml", "3.toml", "4.toml"]
    found = {Path(r["key"]).name: {f["code"] for f in r["findings"]} for r in lines}
    assert [("N805" in found[n], "N301" in found[n]) for n in sorted(found)] == [
        (False, True),
        (False, False),
        (True, True),
        (True, False),
    ]


def test_the_files_of_a_configuration_share_its_ruleset(project: Path) -> None:
    """A configuration without per-file-ignores gives each of its files the ruleset its
    first file's settings resolved to; one with them, each file its own."""
    from gik_rules.cli.check import Settings
    from gik_rules.config import Discovery, Layer
    from gik_rules.host import default_host

    (project / "gik-rules.toml").write_text("select = ['N301', 'N401']\n", encoding="utf-8")
    (project / "old" / "gik-rules.toml").write_text(
        "per-file-ignores = { 'c.toml' = ['N3'] }\n", encoding="utf-8"
    )
    shutil.copy(FAULTY, project / "c.toml")
    shutil.copy(FAULTY, project / "old" / "c.toml")
    files = sorted(project.rglob("*.toml"))
    settings = Settings(default_host(), Discovery(), Layer("command line"), None)
    fresh = Settings(default_host(), Discovery(), Layer("command line"), None)
    for file in files:
        assert settings.of(file) == fresh.ruleset_for(fresh.settings(file))
    by_file = {f.relative_to(project).as_posix(): settings.of(f).codes for f in files}
    assert by_file["a.toml"] == by_file["c.toml"]
    assert {"N301", "N401"} <= set(by_file["a.toml"]) and "N101" not in by_file["a.toml"]
    assert "N301" in by_file["old/b.toml"] and "N301" not in by_file["old/c.toml"]
