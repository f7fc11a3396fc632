"""Output never destroys and nothing gets in: ``-o`` writes into a device, a pipe or
standard output and replaces a link's target (never the link, never /dev/null), is
checked before any work, and a run ended by a signal leaves neither a partial output nor
a temporary file; report text and file names reach a terminal with their control
characters shown, never obeyed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO

EXAMPLES = REPO / "examples"
PAYLOAD = "\x1b]0;pwned\x07\x1b[2J"  # sets the window title, clears the screen


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "r.toml"
    shutil.copy(EXAMPLES / "faulty-2021.toml", path)
    return path


def _check_json(report: Path, output: str) -> int:
    return main(["check", str(report), "--format", "json", "-q", "--no-cache", "-o", output])


def _is_device(path: str) -> bool:
    return os.path.exists(path) and stat.S_ISCHR(os.stat(path).st_mode)


@pytest.mark.skipif(
    not _is_device("/dev/null"), reason="this machine's /dev/null is no device (replaced before)"
)
def test_dev_null_is_written_into_not_replaced(report: Path) -> None:
    before = os.stat("/dev/null")
    assert _check_json(report, "/dev/null") == 1
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_symlink_stays_a_link_and_its_target_is_replaced(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "findings.json"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(target.name)
    assert _check_json(report, str(link)) == 1
    assert link.is_symlink() and os.readlink(link) == target.name
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.json", "latest.json", "r.toml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_written_into(report: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()), daemon=True)
    reader.start()
    assert _check_json(report, str(pipe)) == 1
    reader.join(timeout=60)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert got and got[0].startswith(b"{")


def test_dev_stdout_is_standard_output(report: Path, capfd: pytest.CaptureFixture[str]) -> None:
    assert _check_json(report, "/dev/stdout") == 1
    assert capfd.readouterr().out.startswith("{")


@pytest.mark.parametrize(
    ("argv", "why"),
    [
        (["check", "{report}", "-o", "{tmp}/missing/out.json"], "no folder"),
        (["check", "{report}", "-o", "{tmp}"], "it is a folder"),
        (["render", "{report}", "-o", "{tmp}/missing/r.md"], "no folder"),
        (["fix", "{report}", "-o", "{tmp}/missing/r.toml"], "no folder"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused_before_any_work(
    report: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    why: str,
) -> None:
    def no_work(*_: object, **__: object) -> None:
        raise AssertionError("the work started")

    monkeypatch.setattr("gik_rules.ingest.reader.read_bytes", no_work)
    monkeypatch.setattr("gik_rules.engine.file_job._check", no_work)
    filled = [a.format(report=report, tmp=tmp_path) for a in argv]
    assert main(filled) == 2
    err = capsys.readouterr().err
    assert f"error: cannot write {filled[-1]}: {why}" in " ".join(err.split())


_TERMINATED = """
import os, signal, sys
import gik_rules.cli.check as check
real = check.iter_job
calls = []
def killing(job, host):
    calls.append(job)
    if len(calls) == 2:  # the output's temporary file is open by now
        os.kill(os.getpid(), signal.SIGTERM)
    return real(job, host)
check.iter_job = killing
from gik_rules.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not hasattr(os, "kill") or os.name != "posix", reason="POSIX signals")
def test_a_run_ended_by_sigterm_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("clean-2021.toml", "faulty-2021.toml", "clean-2019.toml"):
        shutil.copy(EXAMPLES / name, reports / name)
    output = tmp_path / "findings.jsonl"
    output.write_text("yesterday's findings\n", encoding="utf-8")
    argv = ["check", str(reports), "--format", "jsonl", "--no-cache", "-o", str(output)]
    done = subprocess.run(
        [sys.executable, "-c", _TERMINATED, *argv], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 128 + 15, done.stderr  # -15 would be a kill without cleanup
    assert output.read_text(encoding="utf-8") == "yesterday's findings\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.jsonl", "reports"]


def _on_a_terminal(argv: list[str], cwd: Path) -> bytes:
    """What ``gik-rules`` writes to a terminal (a pseudo-terminal, both streams)."""
    import pty  # noqa: F401  (POSIX only: the test is skipped elsewhere)

    main_fd, child_fd = os.openpty()
    command = [sys.executable, "-m", "gik_rules.cli.main", *argv]
    process = subprocess.Popen(command, stdin=child_fd, stdout=child_fd, stderr=child_fd, cwd=cwd)
    os.close(child_fd)
    out = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=300)
    os.close(main_fd)
    return out


@pytest.mark.skipif(os.name != "posix", reason="a pseudo-terminal")
def test_control_characters_reach_a_terminal_shown_not_obeyed(tmp_path: Path) -> None:
    text = (EXAMPLES / "faulty-2021.toml").read_text(encoding="utf-8")
    organ = "示例县住房和城乡建设局"
    escaped = PAYLOAD.encode("unicode_escape").decode("ascii").replace("\\x", "\\u00")
    (tmp_path / "r.toml").write_text(text.replace(organ, f"示例县{escaped}建设局"), "utf-8")
    (tmp_path / f"name{PAYLOAD}.toml").write_text(text, "utf-8")
    runs = [
        ["check", "--isolated", "--no-cache", "r.toml", f"name{PAYLOAD}.toml", f"gone{PAYLOAD}"],
        ["render", "r.toml", "--to", "txt"],
        ["render", f"missing{PAYLOAD}.toml", "--to", "txt"],
    ]
    for argv in runs:
        shown = _on_a_terminal(argv, tmp_path)
        assert shown, argv
        assert b"\x1b]0;" not in shown and b"\x1b[2J" not in shown and b"\x07" not in shown, argv
        assert b"\\x1b]0;pwned\\x07\\x1b[2J" in shown, (argv, shown[-400:])
