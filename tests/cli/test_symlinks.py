"""Symlinks are not followed out of a checked folder, or out of the folder a pattern
searches, unless asked (``--follow-symlinks``); a link back into the tree never loops."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from gik_rules.cli.main import main
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """``top/`` with a report, a link to a file outside, a link to a folder outside, and
    a link back to ``top`` itself; ``outside/`` holds a report of its own."""
    top, outside = tmp_path / "top", tmp_path / "outside"
    (top / "sub").mkdir(parents=True)
    outside.mkdir()
    shutil.copy(REPO / "examples" / "clean-2021.toml", top / "a.toml")
    shutil.copy(REPO / "examples" / "faulty-2021.toml", outside / "secret.toml")
    (top / "leak.toml").symlink_to(outside / "secret.toml")
    (top / "sub" / "outdir").symlink_to(outside, target_is_directory=True)
    (top / "sub" / "loop").symlink_to(top, target_is_directory=True)
    return tmp_path


def _keys(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    main(["check", *argv, "--isolated", "--no-cache", "--format", "jsonl", "-q"])
    return [json.loads(line)["key"] for line in capsys.readouterr().out.splitlines()]


def test_a_folder_is_never_left_through_a_link(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    assert _keys(capsys, str(tree / "top")) == [str(tree / "top" / "a.toml")]


def test_nor_is_the_folder_a_pattern_searches(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    assert _keys(capsys, str(tree / "top" / "**" / "*.toml")) == [str(tree / "top" / "a.toml")]


@pytest.mark.parametrize("pattern", [False, True])
def test_follow_symlinks_follows_them_once(
    capsys: pytest.CaptureFixture[str], tree: Path, pattern: bool
) -> None:
    given = str(tree / "top" / "**" / "*.toml") if pattern else str(tree / "top")
    keys = _keys(capsys, given, "--follow-symlinks")
    # the outside report once (by the first way to it), nothing twice through the loop
    assert sorted(Path(k).resolve() for k in keys) == sorted(
        [(tree / "top" / "a.toml").resolve(), (tree / "outside" / "secret.toml").resolve()]
    )


def test_a_link_named_on_the_command_line_is_read(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    assert _keys(capsys, str(tree / "top" / "leak.toml")) == [str(tree / "top" / "leak.toml")]
