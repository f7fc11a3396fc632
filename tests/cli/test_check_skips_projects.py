"""``gik-rules check DIR`` reads the reports in DIR, not the Python projects inside it
(examples/ holds the example plugin beside the example reports)."""

from __future__ import annotations

import shutil
from pathlib import Path

from gik_rules.cli.inputs import expand
from tests.conftest import REPO


def test_a_project_inside_a_checked_directory_is_left_out(tmp_path: Path) -> None:
    shutil.copy(REPO / "examples" / "clean-2021.toml", tmp_path / "report.toml")
    shutil.copytree(REPO / "examples" / "plugin-example", tmp_path / "plugin")
    assert expand([str(tmp_path)]) == [tmp_path / "report.toml"]
    # a project's fixture reports are read when their directory is given
    fixtures = expand([str(tmp_path / "plugin" / "tests" / "fixtures")])
    assert len(fixtures) == 4 and all(p.suffix == ".toml" for p in fixtures)


def test_the_examples_directory_gives_only_the_example_reports() -> None:
    files = expand([str(REPO / "examples")])
    assert files
    assert not any("plugin-example" in str(p) for p in files)
