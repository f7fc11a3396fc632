"""``check`` on hostile input: every file past a limit, special or unreadable gets its
one finding, the good files beside it are checked, and the run exits 2; the limits come
from the configuration's ``[limits]``, reach the worker processes and key the cache."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO
from tests.fuzz import inputs

MiB = 1024 * 1024


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, list[str]], str]:
    code = main(["check", *argv, "--no-cache", "--format", "jsonl", "-q"])
    out, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    found: dict[str, list[str]] = {}
    for row in rows:
        found.setdefault(row["key"], []).extend(
            f"{f['code']} {f['message_en']}" for f in row["findings"]
        )
    return code, found, err


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder of the issue's hostile files beside a good report."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(REPO / "examples" / "clean-2021.toml", folder / "good.toml")
    files = {
        "wide.csv": inputs.csv_of([row + ["x"] * 18_279 for row in inputs.dataset_rows(1)]),
        "digits.txt": inputs.with_number("text", 4_400),
        "digits.csv": inputs.with_number("csv", 4_400),
        "digits.toml": inputs.with_number("toml", 4_400),
        "deep.toml": inputs.deep("toml", 5_000),
        "deep.json": inputs.deep("json", 100_000),
        "deep.html": inputs.deep("html", 300),
        "bomb.docx": inputs.zip_bomb(100 * MiB),
        "stream.pdf": inputs.pdf_with_stream(40 * MiB),
        "noise.pdf": bytes(range(256)) * 40,
        "noise.docx": bytes(range(255, -1, -1)) * 40,
        "noise.xlsx": bytes(range(256)) * 40,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_each_hostile_file_is_one_finding_and_the_good_one_is_checked(
    capsys: pytest.CaptureFixture[str], hostile: Path
) -> None:
    code, found, _ = _check(capsys, str(hostile), "--isolated")
    assert code == 2
    assert found.pop(str(hostile / "good.toml")) == []
    why = {Path(key).name: messages for key, messages in found.items()}
    assert why.pop("digits.csv#row 2")[0].startswith("P014 reading stopped at a limit: digits")
    expected = {
        "wide.csv": "P014 reading stopped at a limit: dataset columns 18,483",
        "digits.txt": "P014 reading stopped at a limit: digits of one number 4,400",
        "digits.toml": "P014 reading stopped at a limit: digits of one number 4,400",
        "deep.toml": "P014 reading stopped at a limit: nesting depth 201",
        "deep.json": "P014 reading stopped at a limit: nesting depth 201",
        "deep.html": "P014 reading stopped at a limit: nesting depth at least 256",
        "bomb.docx": "P014 reading stopped at a limit: inflated bytes of one archive member",
        "stream.pdf": "P014 reading stopped at a limit: decoded bytes of one PDF stream",
        "noise.pdf": "P001 cannot read the file: not a PDF file",
        "noise.docx": "P001 cannot read the file: not a .docx file",
        "noise.xlsx": "P001 cannot read the file: not an XLSX workbook",
    }
    assert {name: len(messages) for name, messages in why.items()} == dict.fromkeys(expected, 1)
    for name, start in expected.items():
        assert why[name][0].startswith(start), (name, why[name])


def test_special_files_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    special = inputs.write_special(tmp_path)
    good = tmp_path / "good.toml"
    shutil.copy(REPO / "examples" / "clean-2021.toml", good)
    paths = [*(str(p) for k, p in special.items() if k != "folder"), "/dev/zero", str(good)]
    code, found, _ = _check(capsys, *paths, "--isolated")
    assert code == 2 and found.pop(str(good)) == []
    for path in paths[:-1]:
        assert found[path] == [found[path][0]] and "not a regular file" in found[path][0]


def test_standard_input_is_read_to_the_limit_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "gik-rules.toml").write_text("[limits]\nfile-bytes = 1000\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    endless = io.TextIOWrapper(io.BytesIO(b"\0" * 50_000))  # as /dev/zero, but ends
    monkeypatch.setattr(sys, "stdin", endless)
    code, found, _ = _check(capsys, "-")
    assert code == 2
    assert endless.buffer.tell() == 1001
    assert found["-"] == [
        "P014 reading stopped at a limit: file size in bytes at least 1,001 is above the limit "
        "of 1,000 (file-bytes in the configuration's [limits])"
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_configured_limits_reach_every_worker(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, jobs: str
) -> None:
    (tmp_path / "gik-rules.toml").write_text("[limits]\ndigits = 3\n", "utf-8")
    for name in ("a.toml", "b.toml", "c.toml"):
        shutil.copy(REPO / "examples" / "faulty-2021.toml", tmp_path / name)
    code, found, _ = _check(capsys, str(tmp_path), "-j", jobs)
    assert code == 2
    assert {key: messages[0][:40] for key, messages in found.items()} == dict.fromkeys(
        (str(tmp_path / n) for n in ("a.toml", "b.toml", "c.toml")),
        "P014 reading stopped at a limit: digits ",
    )


def test_the_limits_key_the_cache(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "gik-rules.toml"
    report = tmp_path / "r.toml"
    shutil.copy(REPO / "examples" / "faulty-2021.toml", report)
    argv = ["check", str(report), "--format", "jsonl", "--cache-dir", str(tmp_path / "c"), "-q"]
    outcomes = []
    for digits in (3, 30, 3):
        config.write_text(f"[limits]\ndigits = {digits}\n", "utf-8")
        main(argv)
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        outcomes.append(rows[0]["findings"][0]["code"])
    assert outcomes[0] == outcomes[2] == "P014" != outcomes[1]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("limits = 3", "limits: expected a table, not 3"),
        ("[limits]\nrows = 10\nbogus = 1", "limits: unknown key 'bogus' (known: file-bytes,"),
        ("[limits]\ndepth = true", "limits.depth: expected an integer, not true"),
        ("[limits]\ndigits = 0", "limits: digits: expected a positive integer, not 0"),
        ("[limits]\ndigits = 5000", "limits: digits: at most 4300"),
    ],
)
def test_a_wrong_limits_table_names_the_file_and_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, table: str, message: str
) -> None:
    config = tmp_path / "gik-rules.toml"
    config.write_text(table + "\n", "utf-8")
    shutil.copy(REPO / "examples" / "clean-2021.toml", tmp_path / "r.toml")
    code = main(["check", str(tmp_path / "r.toml")])
    err = capsys.readouterr().err
    assert code == 2 and f"error: {config}: {message}" in " ".join(err.split())


def test_show_settings_lists_the_limits_changed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "gik-rules.toml").write_text("[limits]\nrows = 10\ndepth = 20\n", "utf-8")
    shutil.copy(REPO / "examples" / "clean-2021.toml", tmp_path / "r.toml")
    assert main(["check", "--show-settings", str(tmp_path / "r.toml")]) == 0
    assert "limits: rows=10 depth=20\n" in capsys.readouterr().out


@pytest.mark.parametrize(
    "selection",
    [("--select", "N3", "--ignore", "blank-cell"), ("--ignore", "P014"), ("--select", "N301")],
)
def test_no_selection_hides_a_file_past_a_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, selection: tuple[str, ...]
) -> None:
    (tmp_path / "deep.json").write_bytes(inputs.deep("json", 1000))
    (tmp_path / "gik-rules.toml").write_text("ignore = ['P014']\n", "utf-8")
    code, found, _ = _check(capsys, str(tmp_path), *selection)
    assert code == 2
    assert [m[:4] for m in found[str(tmp_path / "deep.json")]] == ["P014"]


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "{report}"],
        ["fix", "{report}", "-o", "{out}"],
        ["render", "{report}", "-o", "{out}"],
        ["diff", "{report}", "{report}"],
    ],
    ids=["parse", "fix", "render", "diff"],
)
def test_every_command_that_reads_a_report_holds_it_to_the_configured_limits(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str]
) -> None:
    report = tmp_path / "r.toml"
    shutil.copy(REPO / "examples" / "faulty-2021.toml", report)
    args = [a.format(report=report, out=tmp_path / "out.md") for a in argv]
    assert main(args) != 2  # within the default limits
    capsys.readouterr()
    (tmp_path / "gik-rules.toml").write_text("[limits]\ndigits = 3\n", "utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "[limits]" in err  # the configured limit, named
