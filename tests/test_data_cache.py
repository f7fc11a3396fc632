"""The data cache: the installed data files as the strict converter read them, kept
between runs; never stale, never a way around the converter's checks."""

from __future__ import annotations

import importlib
import os
import shutil
import sys
from pathlib import Path

import pytest

from gik_rules import data_cache, strict
from gik_rules.forms import FormDataError, load_variant
from gik_rules.host import build_host
from gik_rules.ruleset import RulesetError, load_ruleset
from tests.conftest import REPO

V2021 = REPO / "plugins" / "national" / "src" / "gik_rules_national" / "forms" / "v2021.toml"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(data_cache.ENV_DIR, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pickle")) if folder.exists() else []


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The data files parsed from now on."""
    seen: list[str] = []
    real = strict.read_toml

    def spy(path: Path, *args: object, **kwargs: object) -> object:
        seen.append(str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(strict, "read_toml", spy)
    return seen


def test_a_variant_read_again_comes_from_the_cache_equal(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load_variant(V2021, plugin="national")
    assert len(_entries(folder)) == 1
    reads = _reads(monkeypatch)
    again = load_variant(V2021, plugin="national")
    assert reads == []  # not parsed again
    assert again == first and again is not first


def test_an_edited_data_file_is_read_again(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "v2021.toml"
    shutil.copy(V2021, path)
    before = load_variant(path)
    assert before.name == "中华人民共和国政府信息公开工作年度报告格式"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('name = "中华人民共和国', 'name = "改过的', 1), encoding="utf-8")
    assert load_variant(path).name == "改过的政府信息公开工作年度报告格式"
    assert len(_entries(folder)) == 2


def test_a_file_with_an_error_fails_every_time_and_is_never_kept(
    folder: Path, tmp_path: Path
) -> None:
    path = tmp_path / "v2021.toml"
    text = V2021.read_text(encoding="utf-8")
    path.write_text(text.replace("first_year = 2021", "first_year = 2021\ncolour = 1", 1), "utf-8")
    for _ in range(2):
        with pytest.raises(FormDataError, match="unknown key 'colour'"):
            load_variant(path)
    assert _entries(folder) == []


def test_a_damaged_entry_is_a_miss(folder: Path) -> None:
    first = load_variant(V2021)
    for entry in _entries(folder):
        entry.write_bytes(b"not a pickle")
    assert load_variant(V2021) == first


def test_edited_code_is_a_new_key(folder: Path, tmp_path: Path) -> None:
    """An edit of the code that reads the data (a development checkout) is never answered
    by what the old code read."""
    package = tmp_path / "site" / "reader_pkg"
    package.mkdir(parents=True)
    module = package / "__init__.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    sys.path.insert(0, str(package.parent))
    importlib.invalidate_caches()
    try:
        builds: list[int] = []

        def read() -> int:
            builds.append(1)
            return len(builds)

        assert data_cache.cached("x", "text", read, code=["reader_pkg"]) == 1
        assert data_cache.cached("x", "text", read, code=["reader_pkg"]) == 1
        module.write_text("VALUE = 22\n", encoding="utf-8")
        os.utime(module, ns=(0, 10**9))
        data_cache._fingerprints.clear()  # a new process
        assert data_cache.cached("x", "text", read, code=["reader_pkg"]) == 2
    finally:
        sys.path.remove(str(package.parent))
        data_cache._fingerprints.clear()


def test_empty_folder_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(data_cache.ENV_DIR, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_variant(V2021)
    assert list(tmp_path.rglob("*.pickle")) == []


def test_an_unwritable_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(data_cache.ENV_DIR, str(blocker / "cache"))  # under a file
    assert load_variant(V2021).id == "V2021"


def test_a_second_host_parses_no_rule_or_form_file(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What start-up reads of the plugins' data comes from the cache, and the host is the
    same: every rule, variant and param."""
    first = build_host()
    reads = _reads(monkeypatch)
    second = build_host()
    assert reads == []
    assert second.variants == first.variants
    assert {c: (r.summary, r.params, r.doc) for c, r in second.rules.items()} == {
        c: (r.summary, r.params, r.doc) for c, r in first.rules.items()
    }
    assert second.param_overrides == first.param_overrides
    assert [p.name for p in second.plugins] == [p.name for p in first.plugins]


def test_by_default_the_entries_are_in_the_users_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(data_cache.ENV_DIR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    load_variant(V2021)
    assert len(_entries(tmp_path / "gik-rules" / "data")) == 1


def test_a_ruleset_file_comes_from_the_cache_until_it_is_edited(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every check reads its ruleset: the second read parses nothing, an edit is read."""
    host = build_host()
    path = tmp_path / "mine.toml"
    path.write_text('[ruleset]\nname = "mine"\nselect = ["N301"]\n', encoding="utf-8")
    first = load_ruleset(str(path), host.rules, host.rulesets)
    assert "N301" in first.codes and "N302" not in first.codes
    reads = _reads(monkeypatch)
    assert load_ruleset(str(path), host.rules, host.rulesets) == first
    assert reads == []
    path.write_text('[ruleset]\nname = "mine"\nselect = ["N302"]\n', encoding="utf-8")
    assert "N302" in load_ruleset(str(path), host.rules, host.rulesets).codes
    assert reads == [str(path)]


def test_a_ruleset_with_an_error_fails_every_time(folder: Path, tmp_path: Path) -> None:
    host = build_host()
    path = tmp_path / "bad.toml"
    path.write_text('[ruleset]\nname = "bad"\ncolour = 1\n', encoding="utf-8")
    before = _entries(folder)
    for _ in range(2):
        with pytest.raises(RulesetError, match="colour"):
            load_ruleset(str(path), host.rules, host.rulesets)
    assert _entries(folder) == before
