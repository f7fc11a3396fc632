"""The pre-commit hook: a manifest pre-commit accepts, the files it picks, and a real
``pre-commit run`` in a repository of reports refusing a faulty one."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

MANIFEST = REPO / ".pre-commit-hooks.yaml"
EXAMPLES = REPO / "examples"


def _hook() -> dict[str, object]:
    clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is not installed")
    (hook,) = clientlib.load_manifest(str(MANIFEST))  # pre-commit's own validation
    assert hook["id"] == "gik-rules"
    return dict(hook)


def test_the_manifest_is_valid_for_pre_commit() -> None:
    hook = _hook()
    assert hook["language"] == "python"
    assert str(hook["entry"]).startswith("gik-rules check")
    # the core alone knows no form: the plugins are installed with it
    assert hook["additional_dependencies"] == ["./plugins/national", "./plugins/shandong"]
    for folder in hook["additional_dependencies"]:  # type: ignore[attr-defined]
        assert (REPO / folder / "pyproject.toml").exists()


@pytest.mark.parametrize(
    ("path", "picked"),
    [
        ("reports/2024/商务局.docx", True),
        ("a.pdf", True),
        ("page.HTM".lower(), True),
        ("organs.csv", True),
        ("r.toml", True),
        ("gik-rules.toml", False),
        ("sub/pyproject.toml", False),
        ("README.md", False),
        ("script.py", False),
    ],
)
def test_the_files_it_checks(path: str, picked: bool) -> None:
    hook = _hook()
    chosen = re.search(str(hook["files"]), path) and not re.search(str(hook["exclude"]), path)
    assert bool(chosen) is picked


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def test_a_real_pre_commit_run_refuses_a_faulty_report(tmp_path: Path) -> None:
    hook = _hook()
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    gik_rules = Path(sys.executable).parent / "gik-rules"
    if not gik_rules.exists():
        pytest.skip(f"the gik-rules command is not installed beside {sys.executable}")
    repo = tmp_path / "reports"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(EXAMPLES / "clean-2021.toml", repo / "clean-2021.toml")
    # the hook as published, run from this installation instead of a fresh environment
    entry = str(hook["entry"]).replace("gik-rules", str(gik_rules), 1)
    config = {
        "repos": [
            {
                "repo": "local",
                "hooks": [
                    {
                        **{
                            k: hook[k] for k in ("id", "name", "files", "exclude", "require_serial")
                        },
                        "entry": entry,
                        "language": "system",
                    }
                ],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    _git(repo, "add", ".")
    clean = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stdout + clean.stderr

    shutil.copy(EXAMPLES / "faulty-2021.toml", repo / "faulty-2021.toml")
    _git(repo, "add", ".")
    faulty = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True)
    assert faulty.returncode == 1
    assert "N301 identity-mismatch" in faulty.stdout
    assert "faulty-2021.toml" in faulty.stdout
