"""Unreadable input is never hidden: a missing path is a finding for that path and the
other files are checked; no selection turns an unreadable file into "no findings"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO


def _check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, list[str]]]:
    code = main(["check", *argv, "--isolated", "--no-cache", "--format", "jsonl"])
    out = capsys.readouterr().out
    rows = [json.loads(line) for line in out.splitlines()]
    return code, {row["key"]: [f["code"] for f in row["findings"]] for row in rows}


def test_a_missing_path_is_a_finding_and_the_others_are_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = tmp_path / "faulty-2021.toml"
    shutil.copy(REPO / "examples" / "faulty-2021.toml", good)
    missing = tmp_path / "missing.txt"
    code, found = _check(capsys, str(good), str(missing))
    assert code == 2  # unreadable input
    assert found[str(missing)] == ["P001"]
    assert "N301" in found[str(good)]  # the good file was checked all the same


def test_a_file_that_vanishes_after_the_walk_is_a_finding(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the walk found (and told the settings' discovery of) but gone when it is
    read: P001 at the file, under the folder's settings; the others are checked."""
    from gik_rules.cli import check, inputs

    (tmp_path / "gik-rules.toml").write_text("ignore = ['N8']\n", encoding="utf-8")
    for name in ("a.toml", "b.toml"):
        shutil.copy(REPO / "examples" / "faulty-2021.toml", tmp_path / name)
    walked = inputs.expand

    def vanishing(*args: Any, **kwargs: Any) -> list[Path]:
        found = walked(*args, **kwargs)
        (tmp_path / "a.toml").unlink()
        return found

    monkeypatch.setattr(check, "expand", vanishing)
    code = main(["check", str(tmp_path), "--no-cache", "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    found = {Path(row["key"]).name: [f["code"] for f in row["findings"]] for row in rows}
    assert code == 2 and found["a.toml"] == ["P001"]
    assert "N301" in found["b.toml"] and not any(c.startswith("N8") for c in found["b.toml"])


@pytest.mark.parametrize(
    "selection",
    [
        ("--select", "N3", "--ignore", "blank-cell"),  # the README's narrowing
        ("--select", "N301"),
        ("--ignore", "P001", "--ignore", "P008"),  # asked outright: still reported
    ],
)
def test_no_selection_hides_an_unreadable_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, selection: tuple[str, ...]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "noise.pdf").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "broken.json").write_text('{"schema_version": 1, "cells": 3}', encoding="utf-8")
    code, found = _check(capsys, str(tmp_path), *selection)
    assert code == 2
    assert found == {
        str(tmp_path / "broken.json"): ["P008"],
        str(tmp_path / "empty.txt"): ["P001"],
        str(tmp_path / "noise.pdf"): ["P001"],
    }
