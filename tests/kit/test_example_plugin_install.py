"""The plugin kit end to end: the example plugin under examples/ is copied out of the
repository, installed (not editable) into a fresh virtual environment beside gik-rules,
the national and the Shandong plugins, and found there by entry point alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED

pytestmark = pytest.mark.slow


def _run(*argv: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(bin directory of the new environment, the example plugin's copy)."""
    root = tmp_path_factory.mktemp("kit")
    assert REPO not in root.parents, "the environment must live outside the repository"
    plugin = root / "plugin-example"
    shutil.copytree(REPO / "examples" / "plugin-example", plugin)
    venv.EnvBuilder(with_pip=True).create(root / "env")
    bin_dir = root / "env" / "bin"
    installed = _run(
        bin_dir / "python", "-m", "pip", "install", "--quiet",
        REPO, REPO / "plugins" / "national", REPO / "plugins" / "shandong", plugin, "pytest",
        cwd=root,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-3000:]
    return bin_dir, plugin


def test_the_installed_core_is_not_the_repository(fresh: tuple[Path, Path]) -> None:
    bin_dir, plugin = fresh
    where = _run(
        bin_dir / "python", "-c", "import gik_rules, gik_rules_example; "
        "print(gik_rules.__file__); print(gik_rules_example.__file__)",
        cwd=plugin.parent,
    )  # fmt: skip
    for line in where.stdout.split():
        assert "site-packages" in line and str(REPO) not in line


def test_the_plugins_are_found_by_entry_point(fresh: tuple[Path, Path]) -> None:
    bin_dir, plugin = fresh
    listed = _run(bin_dir / "gik-rules", "plugins", "--format", "json", cwd=plugin.parent)
    assert listed.returncode == 0, listed.stderr
    plugins = {p["name"]: p for p in json.loads(listed.stdout)}
    assert plugins["example"]["status"] == "loaded"
    assert plugins["example"]["distribution"] == "gik-rules-example"
    assert plugins["example"]["rules"] == 2
    assert {"national", "shandong"} <= set(plugins)


def test_check_runs_the_example_rules_and_its_deadline(fresh: tuple[Path, Path]) -> None:
    bin_dir, plugin = fresh
    undated = plugin / "tests" / "fixtures" / "XM001" / "fail" / "undated.toml"
    checked = _run(
        bin_dir / "gik-rules", "check", undated, "--ruleset", "example", "--format", "json",
        cwd=plugin.parent,
    )  # fmt: skip
    assert checked.returncode in (0, 1), checked.stderr
    (report,) = json.loads(checked.stdout)["reports"].values()
    assert "xm-date-missing" in {f["name"] for f in report["findings"]}


def test_the_shandong_ruleset_works_from_its_own_distribution(fresh: tuple[Path, Path]) -> None:
    if not SEED.exists():
        pytest.skip("the seed report is not beside the repository")
    bin_dir, plugin = fresh
    checked = _run(
        bin_dir / "gik-rules", "check", SEED, "--ruleset", "shandong", "--format", "json",
        cwd=plugin.parent,
    )  # fmt: skip
    (report,) = json.loads(checked.stdout)["reports"].values()
    assert "outdated-basis" in {f["name"] for f in report["findings"]}


def test_the_example_plugins_own_tests_pass_there(fresh: tuple[Path, Path]) -> None:
    bin_dir, plugin = fresh
    tested = _run(
        bin_dir / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", plugin / "tests",
        cwd=plugin,
    )  # fmt: skip
    assert tested.returncode == 0, tested.stdout[-3000:] + tested.stderr[-2000:]


def test_the_environment_is_not_the_one_running_these_tests(fresh: tuple[Path, Path]) -> None:
    assert Path(sys.prefix) not in fresh[0].parents
