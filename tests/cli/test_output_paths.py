"""Where the commands write with -o: never over an input, and a path that cannot be
written is a one-line error with exit code 2, never a traceback."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import attrs
import docx
import pytest

from gik_rules.cli import commands
from gik_rules.cli.inputs import expand
from gik_rules.cli.main import main
from gik_rules.model.canonical import from_toml, to_toml
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    shutil.copy(EXAMPLES / "clean-2021.toml", path)
    return path


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_never_overwrites_a_report_it_checks(
    capsys: pytest.CaptureFixture[str], report: Path, fmt: str
) -> None:
    before = report.read_bytes()
    for argv in (
        [str(report), "-o", str(report)],
        [str(report.parent), "-o", str(report)],  # found in the directory
        [str(report), "-o", str(report.parent / "." / report.name)],  # another spelling
    ):
        code, _, err = run(capsys, "check", *argv, "--format", fmt)
        assert code == 2 and "never overwrites its input" in err
        assert report.read_bytes() == before


def test_check_never_overwrites_a_report_through_a_link(
    capsys: pytest.CaptureFixture[str], report: Path, tmp_path: Path
) -> None:
    """An output path that is a link to a report, or another name of it, is the report."""
    before = report.read_bytes()
    elsewhere = tmp_path / "out"
    elsewhere.mkdir()
    (elsewhere / "soft.out").symlink_to(report)
    (elsewhere / "hard.out").hardlink_to(report)
    for name in ("soft.out", "hard.out"):  # no report files themselves
        code, _, err = run(capsys, "check", str(report.parent), "-o", str(elsewhere / name))
        assert code == 2 and f"never overwrites its input {report}" in err
        assert report.read_bytes() == before


def test_check_never_overwrites_its_manifest(
    capsys: pytest.CaptureFixture[str], report: Path
) -> None:
    manifest = report.parent / "gik-dataset.toml"
    manifest.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "check", str(report.parent), "-o", str(manifest))
    assert code == 2 and "never overwrites" in err and manifest.read_text(encoding="utf-8") == ""


def test_check_writes_its_listing_to_a_file(
    capsys: pytest.CaptureFixture[str], report: Path
) -> None:
    out = report.parent / "listing.txt"
    code, stdout, _ = run(capsys, "check", str(report), "-o", str(out))
    assert code == 0 and stdout == ""
    assert "no findings" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in report.parent.iterdir()) == ["listing.txt", "r.toml"]


def test_parse_never_overwrites_its_input(capsys: pytest.CaptureFixture[str], report: Path) -> None:
    before = report.read_bytes()
    for output in (report, report.parent):  # the directory: r.toml is written there
        code, _, err = run(capsys, "parse", str(report), "-o", str(output))
        assert code == 2 and "parse never overwrites its input" in err
        assert report.read_bytes() == before


@pytest.mark.parametrize(
    "command",
    [
        ["check", "{report}"],
        ["check", "{report}", "--format", "json"],
        ["parse", "{report}"],
        ["render", "{report}", "--to", "md"],
        ["render", "{report}", "--to", "docx"],
        ["new", "--organ", "示例市商务局", "--year", "2024", "--level", "department"],
        ["fix", "{report}"],
    ],
)
def test_output_into_a_missing_directory_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], report: Path, command: list[str]
) -> None:
    output = report.parent / "missing" / ("out.docx" if "docx" in command else "out.toml")
    argv = [a.format(report=report) for a in command]
    code, _, err = run(capsys, *argv, "-o", str(output))
    assert code == 2 and " ".join(err.split()) == (
        f"error: cannot write {output}: no folder {output.parent}"
    )
    assert sorted(p.name for p in report.parent.iterdir()) == ["r.toml"]


def test_an_os_error_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(fmt: str, out: object) -> int:
        raise PermissionError(13, "Permission denied", "/somewhere/rules.json")

    monkeypatch.setattr(commands, "list_rules", broken)
    code, _, err = run(capsys, "rules")
    assert code == 2
    assert err.strip() == "error: /somewhere/rules.json: Permission denied"


@pytest.mark.parametrize(("year", "stamped"), [(2021, 2022), (9999, 2000), (1, 2000)])
def test_render_docx_of_any_year_without_a_publication_date(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, year: int, stamped: int
) -> None:
    clean = from_toml((EXAMPLES / "clean-2021.toml").read_text(encoding="utf-8"))
    meta = attrs.evolve(clean.meta, year=year, published=None)
    source = tmp_path / "r.toml"
    source.write_text(to_toml(attrs.evolve(clean, meta=meta)), encoding="utf-8")
    out = tmp_path / "r.docx"
    code, _, err = run(capsys, "render", str(source), "-o", str(out))
    assert code == 0, err
    created = docx.Document(io.BytesIO(out.read_bytes())).core_properties.created
    assert created is not None and created.year == stamped


def test_a_usage_error_is_printed_as_given_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / ("long-" * 20) / "missing[/abc][red].toml"  # no markup, no wrapping
    code, _, err = run(capsys, "render", str(missing), "--to", "md")
    assert code == 2 and err == f"error: no such file: {missing}\n"


def test_a_report_given_twice_is_checked_once(
    capsys: pytest.CaptureFixture[str], report: Path
) -> None:
    other = report.parent / "other.toml"
    shutil.copy(EXAMPLES / "faulty-2021.toml", other)
    given = [str(report), str(report.parent), str(report.parent / "." / "r.toml"), str(report)]
    assert expand(given) == [report, other]  # each where it first comes
    code, out, _ = run(capsys, "check", *given, "--format", "json")
    assert code == 1 and sorted(json.loads(out)["reports"]) == [str(other), str(report)]
