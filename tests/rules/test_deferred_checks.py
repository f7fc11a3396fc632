"""Rules loaded once more with the same code defer their checks: the data cache keeps
what each rule module implements, and a module is imported when its check first runs."""

from __future__ import annotations

import pickle
import sys
import textwrap
from pathlib import Path

import pytest

from gik_rules.rules import RuleDataError, load_rule_package
from gik_rules.rules.catalog import DeferredCheck, deferred_check, loaded

PACKAGES = ("gik_rules_national.rules", "gik_rules_shandong.rules")


@pytest.mark.parametrize("package", PACKAGES)
def test_rules_loaded_again_defer_to_the_checks_loaded_first(
    package: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIK_RULES_DATA_CACHE_DIR", str(tmp_path))
    first = load_rule_package(package)  # imports every module, and keeps what each marks
    again = load_rule_package(package)
    assert again == first  # codes, metadata, scope (a check is no part of a rule's equality)
    assert [r.check is None for r in again] == [r.check is None for r in first]
    for one, other in zip(first, again, strict=True):
        if one.check is not None:
            assert isinstance(other.check, DeferredCheck), one.code
            assert loaded(other.check) is one.check, one.code
            assert pickle.loads(pickle.dumps(other.check)) is other.check


def test_without_the_data_cache_every_check_is_the_function_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GIK_RULES_DATA_CACHE_DIR", "")
    for _ in range(2):
        checks = [r.check for r in load_rule_package(PACKAGES[0]) if r.check is not None]
        assert checks and not any(isinstance(c, DeferredCheck) for c in checks)


def test_a_deferred_check_runs_as_its_function() -> None:
    check = deferred_check("gik_rules_national.rules.variant", "form_variant_mismatch")
    assert check is deferred_check("gik_rules_national.rules.variant", "form_variant_mismatch")
    assert loaded(check) is check.load()
    assert callable(loaded(check)) and not isinstance(loaded(check), DeferredCheck)


def test_a_module_that_no_longer_imports_fails_where_its_check_runs() -> None:
    """Not while the plans are made: each call is then a crashing rule's (a finding)."""
    check = deferred_check("gik_rules_national.rules.gone", "check")
    assert loaded(check) is check
    with pytest.raises(ModuleNotFoundError):
        check(None, None)


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str) -> str:
    name = "deferred_" + "".join(c if c.isalnum() else "_" for c in tmp_path.name)
    package = tmp_path / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "demo.toml").write_text(
        textwrap.dedent(
            """\
            [[rule]]
            code = "ZD001"
            name = "demo"
            summary = "s"
            severity = "error"
            [rule.doc]
            what = "w"
            """
        ),
        encoding="utf-8",
    )
    (package / "demo.py").write_text(module, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_a_package_that_failed_to_load_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each load of a package whose module does not import fails as the first did: no
    deferred check stands in for a module that never imported."""
    monkeypatch.setenv("GIK_RULES_DATA_CACHE_DIR", str(tmp_path / "data"))
    package = _package(tmp_path, monkeypatch, "raise RuntimeError('broken')\n")
    for _ in range(2):
        with pytest.raises(RuleDataError, match="the rule module failed to import"):
            load_rule_package(package)
    assert f"{package}.demo" not in sys.modules
