"""The installed plugins' entry points, kept in the data cache: a plugin installed,
upgraded, edited or removed since the last run is always seen."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from gik_rules import data_cache, plugin_entries
from gik_rules.host import build_host

MODULE = "gik_rules_fake_plugin"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder on ``sys.path`` (a site-packages) and a data cache of its own."""
    monkeypatch.setenv(data_cache.ENV_DIR, str(tmp_path / "cache"))
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / f"{MODULE}.py").write_text("", encoding="utf-8")  # a plugin with no hooks
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, MODULE, raising=False)
    return folder


def _install(site: Path, version: str = "1.0", entry: str = f"fake = {MODULE}") -> Path:
    meta = site / f"gik_rules_fake-{version}.dist-info"
    meta.mkdir()
    (meta / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: gik-rules-fake\nVersion: {version}\n", encoding="utf-8"
    )
    (meta / "entry_points.txt").write_text(f"[gik_rules]\n{entry}\n", encoding="utf-8")
    return meta


def _found() -> dict[str, plugin_entries.PluginEntry]:
    importlib.invalidate_caches()  # as a new process: importlib.metadata's own caches go
    return {e.name: e for e in plugin_entries.installed().entries}


def test_the_kept_entry_points_are_what_importlib_metadata_finds(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = plugin_entries.installed()
    assert {"national", "shandong"} <= {e.name for e in first.entries}
    assert first.core_version
    scans: list[int] = []
    real = plugin_entries._scan
    monkeypatch.setattr(plugin_entries, "_scan", lambda: scans.append(1) or real())
    assert plugin_entries.installed() == first
    assert scans == []  # answered by the cache
    assert real() == first


def test_the_importlib_metadata_backport_s_finder_keeps_the_cache(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The backport (a Dask dependency) takes the standard finder's place once imported."""
    backport = pytest.importorskip("importlib_metadata")
    assert any(type(f) is backport.MetadataPathFinder for f in sys.meta_path)
    first = plugin_entries.installed()
    monkeypatch.setattr(plugin_entries, "_scan", lambda: pytest.fail("not from the cache"))
    assert plugin_entries.installed() == first


def test_a_plugin_installed_after_a_run_is_found(site: Path) -> None:
    assert "fake" not in _found()
    _install(site)
    assert _found()["fake"] == plugin_entries.PluginEntry("fake", MODULE, "gik-rules-fake", "1.0")
    plugins = {p.name: p for p in build_host().plugins}
    assert plugins["fake"].loaded and plugins["fake"].version == "1.0"


def test_an_upgrade_and_a_removal_are_seen(site: Path) -> None:
    meta = _install(site)
    assert _found()["fake"].version == "1.0"
    for file in meta.iterdir():  # what pip's upgrade leaves: the new version's folder
        file.unlink()
    meta.rmdir()
    _install(site, "2.0")
    assert _found()["fake"].version == "2.0"
    for file in (site / "gik_rules_fake-2.0.dist-info").iterdir():
        file.unlink()
    (site / "gik_rules_fake-2.0.dist-info").rmdir()
    assert "fake" not in _found()


def test_an_entry_points_file_edited_in_place_is_seen(site: Path) -> None:
    meta = _install(site)
    assert "fake" in _found()
    points = meta / "entry_points.txt"
    points.write_text(f"[gik_rules]\nrenamed = {MODULE}\n", encoding="utf-8")
    os.utime(points, ns=(0, 10**9))  # a time of its own, however coarse the clock
    found = _found()
    assert "renamed" in found and "fake" not in found


def test_a_plugin_that_fails_to_import_is_reported_and_skipped(site: Path) -> None:
    _install(site, entry="broken = gik_rules_broken")
    host = build_host()
    (failed,) = host.failed
    assert failed.name == "broken" and "gik_rules_broken" in (failed.error or "")
    assert failed.distribution == "gik-rules-fake"
    assert "N301" in host.rules  # the others still load


def test_entry_point_values_load_as_importlib_metadata_loads_them(site: Path) -> None:
    entry = plugin_entries.PluginEntry("x", "gik_rules.plugin_entries:PluginEntry.load")
    assert entry.load() is plugin_entries.PluginEntry.load
    assert plugin_entries.PluginEntry("x", "gik_rules.host [extra]").load().__name__ == (
        "gik_rules.host"
    )
    with pytest.raises(ValueError, match="not an entry point"):
        plugin_entries.PluginEntry("x", "not a value!").load()


class _CustomFinder:
    """An import hook that can report distributions of its own."""

    def find_spec(self, *args: Any) -> None:
        return None

    def find_distributions(self, *args: Any) -> list[Any]:
        return []


def test_with_a_custom_finder_nothing_is_kept(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, _CustomFinder()])
    plugin_entries.installed()
    assert not (site.parent / "cache").exists()
    assert "national" in _found()
