"""The conformance harness: what it accepts, and every fault it names."""

from __future__ import annotations

import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from gik_rules.hookspecs import hookimpl
from gik_rules.host import Host, build_host
from gik_rules.model import AnnualReport
from gik_rules.rules import Hit, Location, Rule, RuleContext, RuleDoc, Severity
from gik_rules.testing import assert_plugin_conforms, check_plugin_conformance
from tests.conftest import REPO

DOC = RuleDoc(what="w", why="y", bad="b", good="g", legal="l")
CLEAN = REPO / "examples" / "clean-2021.toml"


def no_organ(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    if not report.meta.organ:
        yield Hit("未写机关名称", "no organ", Location(ref="organ"))


def needs_year(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield Hit(f"{report.meta.year + 1}", "next year")  # type: ignore[operator]


def blank_message(report: AnnualReport, ctx: RuleContext) -> Iterator[Hit]:
    yield Hit("", "")


def _rule(code: str, name: str, check: object, **kw: object) -> Rule:
    fields: dict[str, object] = {"doc": DOC, "severity": Severity.WARNING, "groups": ("g",)}
    fields.update(kw)
    return Rule(code, name, "summary", check=check, plugin="xplug", **fields)  # type: ignore[arg-type]


def _plugin(*rules: Rule) -> tuple[types.ModuleType, Host]:
    module = types.ModuleType("xplug")
    module.PLUGIN = "xplug"  # type: ignore[attr-defined]
    module.CODE_PREFIX = "XT"  # type: ignore[attr-defined]

    @hookimpl
    def gik_rules() -> list[Rule]:
        return list(rules)

    module.gik_rules = gik_rules  # type: ignore[attr-defined]
    return module, build_host([("xplug", module)])


def _fixtures(tmp_path: Path, rule: str, passing: str, failing: str) -> Path:
    root = tmp_path / "fixtures"
    for expect, text in (("pass", passing), ("fail", failing)):
        (root / rule / expect).mkdir(parents=True)
        (root / rule / expect / "report.toml").write_text(text, encoding="utf-8")
    return root


def test_a_sound_plugin_conforms(tmp_path: Path) -> None:
    module, host = _plugin(_rule("XT001", "xt-no-organ", no_organ))
    clean = CLEAN.read_text(encoding="utf-8")
    fixtures = _fixtures(tmp_path, "xt-no-organ", clean, clean.replace("示例县文化和旅游局", ""))
    report = assert_plugin_conforms(
        module, fixtures=fixtures, host=host, examples=10, require_entry_point=False
    )
    assert report.rules == ("XT001",) and report.fixtures == 2


def test_every_fault_is_named(tmp_path: Path) -> None:
    module, host = _plugin(
        _rule("XT001", "xt-no-organ", no_organ),
        _rule("ZZ002", "xt-needs-year", needs_year, doc=RuleDoc(what="w")),
        _rule("XT003", "xt-blank", blank_message, enabled=False),
    )
    clean = CLEAN.read_text(encoding="utf-8")
    fixtures = _fixtures(tmp_path, "XT001", clean, clean)  # the "fail" fixture passes
    (fixtures / "no-such-rule").mkdir()
    report = check_plugin_conformance(module, fixtures=fixtures, host=host, examples=10)
    problems = "\n".join(report.problems)
    for expected in (
        "xplug is not registered in entry-point group gik_rules",
        "ZZ002: code does not have the plugin's prefix XT",
        "ZZ002: doc.why is empty",
        "ZZ002: neither doc.legal nor doc.unconfirmed",
        "XT003: off by default, but doc.unconfirmed does not say why",
        "XT001/fail/report.toml: expected a XT001 finding, got none",
        "fixtures/no-such-rule: not a rule of this plugin",
        "XT003: no pass fixture",
        "ZZ002: raised TypeError",
        "XT003: yielded a hit without a message",
    ):
        assert expected in problems
    with pytest.raises(AssertionError, match="plugin xplug does not conform"):
        assert_plugin_conforms(module, fixtures=fixtures, host=host, examples=10)


def test_a_prefix_taken_by_another_plugin_is_named() -> None:
    module, host = _plugin(_rule("N999", "xt-national-lookalike", no_organ))
    report = check_plugin_conformance(
        module, prefix="N", host=host, examples=5, require_entry_point=False
    )
    assert "prefix N is also used by national" in report.problems


def test_installed_plugins_are_checked_by_entry_point_name() -> None:
    report = check_plugin_conformance("national", examples=5)
    assert report.plugin == "national"
    assert "N101" in report.rules
    assert not any("entry-point" in p for p in report.problems)
