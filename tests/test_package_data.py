"""A package's data files: read from its folder, or through importlib.resources when the
package is not a folder (inside a zip archive)."""

from __future__ import annotations

import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from gik_rules import package_data


def test_an_installed_package_is_its_folder() -> None:
    folder = package_data.files("gik_rules_national")
    assert isinstance(folder, Path)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in resources.files("gik_rules_national").iterdir()
    )


def test_a_package_in_a_zip_archive_is_read_through_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("gik_zipped_pkg/__init__.py", "")
        z.writestr("gik_zipped_pkg/words.toml", "words = ['公开']\n")
    monkeypatch.syspath_prepend(str(archive))
    monkeypatch.delitem(sys.modules, "gik_zipped_pkg", raising=False)
    files = package_data.files("gik_zipped_pkg")
    assert not isinstance(files, Path)
    assert files.joinpath("words.toml").read_text("utf-8") == "words = ['公开']\n"
